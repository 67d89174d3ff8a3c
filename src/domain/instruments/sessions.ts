// Session queries on UTC instants. A session is a maximal run of open time: day intervals that
// touch at local midnight are one session (FX is one session from Sunday to Friday).
import type { SessionSchedule, WeeklySchedule } from './session-schedules.js';
import { type DayIndex, dateKey, localTime, weekdayOf, zonedToUtc } from './zoned-time.js';

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

interface Run {
  start: number;
  end: number;
  /** The run continues from before the search window, so `start` is not a real open. */
  continued: boolean;
}

/** Sessions (merged intervals) in time order, starting with the day before `t`'s local date. */
function* sessionsFrom(s: WeeklySchedule, t: number): Generator<Run> {
  const first = localTime(t, s.timeZone).day - 1;
  const before = dayIntervals(s, first - 1).at(-1);
  let pending: Run | undefined;
  for (let day = first; day <= first + SEARCH_DAYS; day++) {
    for (const [start, end] of dayIntervals(s, day)) {
      if (pending !== undefined && pending.end === start) pending.end = end;
      else {
        if (pending !== undefined) yield pending;
        pending = { start, end, continued: pending === undefined && before?.[1] === start };
      }
    }
  }
  if (pending !== undefined) yield pending;
}

export function isOpen(instrument: HasSession, t: number): boolean {
  const s = instrument.session;
  if (s.kind === 'always') return true;
  return dayIntervals(s, localTime(t, s.timeZone).day).some(([start, end]) => start <= t && t < end);
}

/**
 * The next session close after `t` (ms UTC): the end of the session containing `t`, or of the
 * next one when closed at `t`; undefined for 24/7 markets.
 */
export function nextClose(instrument: HasSession, t: number): number | undefined {
  const s = instrument.session;
  if (s.kind === 'always') return undefined;
  return remembered(closes, s, t, () => {
    for (const run of sessionsFrom(s, t)) if (run.end > t) return run.end;
    return undefined;
  });
}

/** The next session open at or after `t` (a later session when `t` is inside one); undefined for 24/7. */
export function nextOpen(instrument: HasSession, t: number): number | undefined {
  const s = instrument.session;
  if (s.kind === 'always') return undefined;
  return remembered(opens, s, t, () => {
    for (const run of sessionsFrom(s, t)) if (!run.continued && run.start >= t) return run.start;
    return undefined;
  });
}

// Pure memos too: the 4h resampler asks these at every bucket edge of every instrument, and the
// instruments share a handful of schedules (every FX pair is FX_WEEK). Small: a backtest asks the
// instruments of one four-week chunk in turn (50,000 entries held ~3 MB more at the peak).
const opens = new WeakMap<WeeklySchedule, Map<number, number | undefined>>();
const closes = new WeakMap<WeeklySchedule, Map<number, number | undefined>>();
const MEMO_LIMIT = 4_096;

function remembered(
  memos: WeakMap<WeeklySchedule, Map<number, number | undefined>>,
  s: WeeklySchedule,
  t: number,
  compute: () => number | undefined,
): number | undefined {
  let m = memos.get(s);
  if (m === undefined) {
    m = new Map();
    memos.set(s, m);
  }
  if (m.has(t)) return m.get(t);
  const v = compute();
  if (m.size >= MEMO_LIMIT) m.clear();
  m.set(t, v);
  return v;
}

/** Start of the session containing `t`; undefined when closed at `t` or for 24/7 markets. */
export function sessionOpenTime(instrument: HasSession, t: number): number | undefined {
  const s = instrument.session;
  if (s.kind === 'always') return undefined;
  let day = localTime(t, s.timeZone).day;
  const containing = dayIntervals(s, day).find(([start, end]) => start <= t && t < end);
  if (containing === undefined) return undefined;
  let open = containing[0];
  // Walk back while the session runs in from the previous local day.
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const previous = dayIntervals(s, day - 1).at(-1);
    if (previous === undefined || previous[1] !== open) break;
    open = previous[0];
    day--;
  }
  return open;
}
