// Candles the fake serves, from the 1h bars a test feeds: H1 as fed, H4 aggregated on the
// alignment the request asks for (OANDA's default is 17:00 America/New_York, the trap the
// client avoids by asking for UTC), and the forming candle last with `complete: false`.
import { formatTime, parseTime } from '../format.js';
import type { Wire } from './fake-ledger.js';

export interface FedBar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

const HOUR = 3_600_000;
const STEPS: Readonly<Record<string, number>> = { H1: HOUR, H4: 4 * HOUR };

/** The UTC hour at which the venue's day starts for these parameters (New York: DST-aware). */
function dayStartUtcHour(query: URLSearchParams, at: number): number {
  const hour = Number(query.get('dailyAlignment') ?? 17);
  const zone = query.get('alignmentTimezone') ?? 'America/New_York';
  if (zone === 'UTC') return hour;
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const hours = Number(/GMT([+-]\d+)?/.exec(offset ?? '')?.[1] ?? 0);
  return (((hour - hours) % 24) + 24) % 24;
}

export function candles(
  bars: readonly FedBar[],
  query: URLSearchParams,
  now: number,
  precision: number,
): Wire[] | string {
  const granularity = query.get('granularity') ?? 'S5';
  const step = STEPS[granularity];
  if (step === undefined) return `granularity ${granularity} is not served by the fake`;
  const count = Number(query.get('count') ?? 500);
  if (!(count >= 1 && count <= 5000)) return "Invalid value specified for 'count'";
  const anchor = step === HOUR ? 0 : dayStartUtcHour(query, bars[0]?.time ?? now) * HOUR;
  const buckets = new Map<number, FedBar & { complete: boolean }>();
  for (const b of bars) {
    const start = Math.floor((b.time - anchor) / step) * step + anchor;
    const prev = buckets.get(start);
    const complete = start + step <= now;
    buckets.set(
      start,
      prev === undefined
        ? { ...b, time: start, complete }
        : {
            ...prev,
            high: Math.max(prev.high, b.high),
            low: Math.min(prev.low, b.low),
            close: b.close,
            complete,
          },
    );
  }
  const last = bars.at(-1);
  const formingStart = Math.floor((now - anchor) / step) * step + anchor;
  if (last !== undefined && !buckets.has(formingStart)) {
    const c = last.close;
    buckets.set(formingStart, { time: formingStart, open: c, high: c, low: c, close: c, complete: false });
  }
  let list = [...buckets.values()].sort((a, b) => a.time - b.time);
  const from = query.get('from');
  if (from !== null) {
    const t = parseTime(from);
    const first = query.get('includeFirst') !== 'false';
    list = list.filter((c) => (first ? c.time + step > t : c.time > t)).slice(0, count);
  } else {
    list = list.slice(-count);
  }
  const px = (x: number) => x.toFixed(precision);
  return list.map((c) => ({
    complete: c.complete,
    volume: 100,
    time: formatTime(c.time),
    mid: { o: px(c.open), h: px(c.high), l: px(c.low), c: px(c.close) },
  }));
}
