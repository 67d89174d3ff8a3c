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

// Intl.formatToParts costs microseconds a call, and sessions are asked per bar. Offsets change
// only at transitions, which fall on quarter-hour UTC boundaries in every zone, so one offset per
// zone and quarter hour is exact. Bounded: cleared when it grows large.
const QUARTER_HOUR_MS = 15 * MINUTE_MS;
const MAX_CACHED = 200_000;
const offsetCache = new Map<string, Map<number, number>>();
let cachedCount = 0;

/** Offset of `timeZone` from UTC at instant `t`, in ms (New York in winter: −5 h). */
export function zoneOffsetMs(t: number, timeZone: string): number {
  const quarter = Math.floor(t / QUARTER_HOUR_MS);
  let zone = offsetCache.get(timeZone);
  if (zone === undefined) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const hit = zone.get(quarter);
  if (hit !== undefined) return hit;
  const start = quarter * QUARTER_HOUR_MS;
  const offset = wallClockMs(start, timeZone) - start;
  if (cachedCount >= MAX_CACHED) {
    offsetCache.clear();
    cachedCount = 0;
    offsetCache.set(timeZone, zone);
    zone.clear();
  }
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
 * Two passes settle the offset on either side of a DST change; session edges are never
 * inside a skipped hour in the zones used here.
 */
export function zonedToUtc(day: DayIndex, minute: number, timeZone: string): number {
  const wall = day * DAY_MS + minute * MINUTE_MS;
  const first = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(first, timeZone);
  return second;
}
