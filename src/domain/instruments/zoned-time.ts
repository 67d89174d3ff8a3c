// Wall-clock arithmetic in IANA time zones with nothing but Intl, so DST comes from the
// runtime's tz database instead of hand-written offset rules.

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** A local civil date as whole days since 1970-01-01 (calendar arithmetic, no time zone). */
export type DayIndex = number;

export interface LocalTime {
  readonly day: DayIndex;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  /** Minutes since local midnight, 0..1439. */
  readonly minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local wall time of instant `t` as if it were UTC ms (seconds precision). */
function wallClockMs(t: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(t)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

// Intl.formatToParts costs microseconds a call, and sessions, costs and trading days are asked
// per bar (a backtest asks for every hour of years). Offsets change only at transitions, which
// fall on quarter-hour UTC boundaries, at most one per UTC day in every zone: a day whose two
// ends share an offset has that offset throughout (one Intl call per zone and day); a day with a
// transition is resolved per quarter hour. Bounded: cleared when large.
const QUARTER_HOUR_MS = 15 * MINUTE_MS;
const MAX_CACHED = 200_000;
/** Per zone: UTC day → its constant offset, or NaN when it has a transition. */
const dayCache = new Map<string, Map<number, number>>();
/** Per zone: quarter hour → offset, for transition days and day edges. */
const quarterCache = new Map<string, Map<number, number>>();
let cachedCount = 0;

/** Offset of `timeZone` from UTC at instant `t`, in ms (New York in winter: −5 h). */
export function zoneOffsetMs(t: number, timeZone: string): number {
  const day = Math.floor(t / DAY_MS);
  let days = dayCache.get(timeZone);
  if (days === undefined) {
    days = new Map();
    dayCache.set(timeZone, days);
  }
  let whole = days.get(day);
  if (whole === undefined) {
    const perDay = DAY_MS / QUARTER_HOUR_MS;
    const a = quarterOffset(day * perDay, timeZone);
    const b = quarterOffset((day + 1) * perDay, timeZone);
    whole = a === b ? a : Number.NaN;
    days.set(day, whole);
    cachedCount++;
  }
  return Number.isNaN(whole) ? quarterOffset(Math.floor(t / QUARTER_HOUR_MS), timeZone) : whole;
}

function quarterOffset(quarter: number, timeZone: string): number {
  let zone = quarterCache.get(timeZone);
  if (zone === undefined) {
    zone = new Map();
    quarterCache.set(timeZone, zone);
  }
  const hit = zone.get(quarter);
  if (hit !== undefined) return hit;
  if (cachedCount >= MAX_CACHED) {
    for (const m of [...dayCache.values(), ...quarterCache.values()]) m.clear();
    cachedCount = 0;
  }
  const start = quarter * QUARTER_HOUR_MS;
  const offset = wallClockMs(start, timeZone) - start;
  zone.set(quarter, offset);
  cachedCount++;
  return offset;
}

export function localTime(t: number, timeZone: string): LocalTime {
  const wall = t + zoneOffsetMs(t, timeZone);
  const day = Math.floor(wall / DAY_MS);
  return {
    day,
    weekday: weekdayOf(day),
    minute: Math.floor((wall - day * DAY_MS) / MINUTE_MS),
  };
}

/** 1970-01-01 was a Thursday. */
export function weekdayOf(day: DayIndex): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** `YYYY-MM-DD` and `MM-DD` keys of a civil date, as used by holiday lists. */
export function dateKey(day: DayIndex): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * UTC instant of local wall time `minute` (may be 1440 = next midnight) on `day`.
 * Resolved like Temporal's 'compatible': a wall time that occurs twice (fall back) is the
 * earlier instant; one that does not occur (spring forward) is read with the offset before the
 * change, so 02:30 in a skipped 02:00–03:00 becomes 03:30.
 */
export function zonedToUtc(day: DayIndex, minute: number, timeZone: string): number {
  const wall = day * DAY_MS + minute * MINUTE_MS;
  // Transitions are at least days apart, so the offsets a day either side bracket any change.
  const before = wall - zoneOffsetMs(wall - DAY_MS, timeZone);
  const after = wall - zoneOffsetMs(wall + DAY_MS, timeZone);
  const first = Math.min(before, after);
  if (first + zoneOffsetMs(first, timeZone) === wall) return first;
  const second = Math.max(before, after);
  if (second + zoneOffsetMs(second, timeZone) === wall) return second;
  return before;
}
