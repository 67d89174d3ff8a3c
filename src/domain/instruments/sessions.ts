// Session queries on UTC instants. A session is a maximal run of open time: day intervals that
// touch at local midnight are one session (FX is one session from Sunday to Friday).
import type { SessionSchedule, WeeklySchedule } from './session-schedules.js';
import { DAY_MS, type DayIndex, dateKey, weekdayOf, zonedToUtc } from './zoned-time.js';

/** Anything with a session: an `Instrument`, or a bare schedule holder in tests. */
export interface HasSession {
  readonly session: SessionSchedule;
}

type UtcInterval = readonly [start: number, end: number];

/** Longest closed stretch we search across (a long weekend plus holidays is ~4 days). */
const SEARCH_DAYS = 14;

// Pure memo: a day's intervals never change for a given (frozen) schedule object.
const memo = new WeakMap<WeeklySchedule, Map<DayIndex, readonly UtcInterval[]>>();

function dayIntervals(s: WeeklySchedule, day: DayIndex): readonly UtcInterval[] {
  let perDay = memo.get(s);
  if (perDay === undefined) {
    perDay = new Map();
    memo.set(s, perDay);
  }
  let cached = perDay.get(day);
  if (cached === undefined) {
    cached = computeDay(s, day);
    perDay.set(day, cached);
  }
  return cached;
}

function computeDay(s: WeeklySchedule, day: DayIndex): readonly UtcInterval[] {
  const key = dateKey(day);
  if (s.closedDates?.includes(key) || s.annualClosures?.includes(key.slice(5))) return [];
  const earlyClose = s.earlyCloses?.[key];
  const out: UtcInterval[] = [];
  for (const [start, end] of s.hours[weekdayOf(day)] ?? []) {
    const cut = earlyClose === undefined ? end : Math.min(end, earlyClose);
    if (cut > start) out.push([zonedToUtc(day, start, s.timeZone), zonedToUtc(day, cut, s.timeZone)]);
  }
  return out;
}

// The queries below run on a table of each schedule's sessions (merged runs) over a span of
// days around the instants asked about, rebuilt when a query falls outside it: the 4h resampler
// asks them at every bucket edge of every instrument, and walking a fortnight of day intervals
// (with a time-zone lookup and a memo keyed by instant) per question was most of a backtest's
// resampling time. A query is then a binary search over a typed array.

/** Days of margin the table keeps either side of a query's UTC day (offsets are < 1 day). */
const MARGIN_DAYS = SEARCH_DAYS + 3;
/** Days a rebuilt table covers after the query's day: a backtest moves forward in time. */
const AHEAD_DAYS = 120;

class SessionTable {
  /** Local days covered, [fromDay, toDay]; the runs within them as [start, end) pairs. */
  fromDay = 1;
  toDay = 0;
  runs = new Float64Array(0);
  count = 0;

  constructor(private readonly s: WeeklySchedule) {}

  /** The table covering the UTC day of `t` with the margin. */
  at(t: number): this {
    const day = Math.floor(t / DAY_MS);
    if (day - MARGIN_DAYS < this.fromDay || day + MARGIN_DAYS > this.toDay) this.build(day);
    return this;
  }

  private build(day: DayIndex): void {
    const from = day - MARGIN_DAYS;
    const to = day + Math.max(AHEAD_DAYS, MARGIN_DAYS);
    const pairs: number[] = [];
    for (let d = from; d <= to; d++) {
      for (const [start, end] of dayIntervals(this.s, d)) {
        const n = pairs.length;
        if (n > 0 && pairs[n - 1] === start) pairs[n - 1] = end;
        else pairs.push(start, end);
      }
    }
    this.runs = Float64Array.from(pairs);
    this.count = pairs.length / 2;
    this.fromDay = from;
    this.toDay = to;
  }

  /** Index of the first run ending after `t` (`count` if none). */
  firstEndingAfter(t: number): number {
    const runs = this.runs;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (runs[2 * mid + 1]! > t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Index of the run containing `t` (start ≤ t < end), or −1 when closed at `t`. */
  containing(t: number): number {
    const k = this.firstEndingAfter(t);
    return k < this.count && this.start(k) <= t ? k : -1;
  }

  start(k: number): number {
    return this.runs[2 * k]!;
  }

  end(k: number): number {
    return this.runs[2 * k + 1]!;
  }
}

const tables = new WeakMap<WeeklySchedule, SessionTable>();

function tableAt(s: WeeklySchedule, t: number): SessionTable {
  let table = tables.get(s);
  if (table === undefined) {
    table = new SessionTable(s);
    tables.set(s, table);
  }
  return table.at(t);
}

/** How far ahead the queries look for a session (the schedule's longest closed stretch). */
const SEARCH_MS = SEARCH_DAYS * DAY_MS;

export function isOpen(instrument: HasSession, t: number): boolean {
  const s = instrument.session;
  if (s.kind === 'always') return true;
  return tableAt(s, t).containing(t) >= 0;
}

/**
 * The next session close after `t` (ms UTC): the end of the session containing `t`, or of the
 * next one when closed at `t`; undefined for 24/7 markets.
 */
export function nextClose(instrument: HasSession, t: number): number | undefined {
  const s = instrument.session;
  if (s.kind === 'always') return undefined;
  const table = tableAt(s, t);
  const k = table.firstEndingAfter(t);
  return k < table.count && table.start(k) - t < SEARCH_MS ? table.end(k) : undefined;
}

/** The next session open at or after `t` (a later session when `t` is inside one); undefined for 24/7. */
export function nextOpen(instrument: HasSession, t: number): number | undefined {
  const s = instrument.session;
  if (s.kind === 'always') return undefined;
  const table = tableAt(s, t);
  let k = table.firstEndingAfter(t);
  if (k < table.count && table.start(k) < t) k++; // inside a session: the next one
  return k < table.count && table.start(k) - t < SEARCH_MS ? table.start(k) : undefined;
}

/** Start of the session containing `t`; undefined when closed at `t` or for 24/7 markets. */
export function sessionOpenTime(instrument: HasSession, t: number): number | undefined {
  const s = instrument.session;
  if (s.kind === 'always') return undefined;
  const table = tableAt(s, t);
  const k = table.containing(t);
  return k >= 0 ? table.start(k) : undefined;
}
