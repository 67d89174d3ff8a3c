// Trading-day boundaries for daily limits (SPEC §9: TRADING_DAY_START, default 17:00 New York).
// Computed from the zone's Intl offsets, so a day across a DST change is 23 or 25 hours long.
import { localTime, zonedToUtc } from '../domain/instruments/zoned-time.js';

export interface DayStart {
  readonly hour: number;
  readonly minute: number;
  readonly timeZone: string;
}

/** Start (UTC ms) of the trading day containing `t`. */
export function tradingDayStart(t: number, start: DayStart): number {
  const minuteOfDay = start.hour * 60 + start.minute;
  const day = localTime(t, start.timeZone).day;
  // Compared as instants, not as local minutes: in a repeated (fall-back) hour the clock reads
  // earlier than a start that has already passed, and a start inside it can map past t.
  const candidate = zonedToUtc(day, minuteOfDay, start.timeZone);
  return candidate <= t ? candidate : zonedToUtc(day - 1, minuteOfDay, start.timeZone);
}

/** Start of the trading day after the one containing `t`. */
export function nextTradingDayStart(t: number, start: DayStart): number {
  const minuteOfDay = start.hour * 60 + start.minute;
  const current = tradingDayStart(t, start);
  const day = localTime(current, start.timeZone).day;
  const next = zonedToUtc(day + 1, minuteOfDay, start.timeZone);
  return next > t ? next : zonedToUtc(day + 2, minuteOfDay, start.timeZone);
}
