// Which stretch of time a 4h bar covers (SPEC §3), decided when its first 1h bar arrives from
// that bar's time, the previous bar's time and the instrument's schedule: never from later bars,
// so the batch and the incremental resampler agree and nothing depends on the future.
import type { Instrument } from '../../domain/instruments/index.js';
import { isOpen, nextClose, nextOpen, sessionOpenTime } from '../../domain/instruments/index.js';
import { HOUR_MS } from '../../domain/timeframe.js';

/** What the resampler needs of an instrument (an `Instrument`, or a stand-in in tests). */
export type SessionInstrument = Pick<Instrument, 'assetClass' | 'session'>;

/** `[start, end)`: the 4h bar's time and the moment it is complete (its `closeTime`). */
export interface BarRange {
  readonly start: number;
  readonly end: number;
}

export const SLOT_MS = 4 * HOUR_MS;
/** A session-edge bucket with less open time than this is a stub (SPEC §3). */
export const STUB_MS = 2 * HOUR_MS;
/** Without a schedule, a hole of at least this long with no bar is a session edge (a weekend). */
export const EDGE_GAP_MS = 24 * HOUR_MS;

/**
 * The range of the 4h bar that a 1h bar at `time` opens (`previousTime`: the bar before it).
 * - Default: the UTC bucket 00/04/08/12/16/20 containing `time`.
 * - Open-edge stub (the market opens < 2 h before the bucket ends: gold's Sunday 23:00 UTC in
 *   winter): merged into the next bucket. Known from the schedule, or from the data: the bar
 *   follows a hole ≥ 24 h (also catches data that opens later than its schedule).
 * - Close-edge stub (the session closes < 2 h after the next bucket starts: FX's Friday 21:00 UTC
 *   in summer): that bucket joins this bar's. Only a schedule can know this in advance; without
 *   one it is not merged (README.md here says why).
 * - Stocks: 4h groups from each session's open, the last one ending at the close.
 */
export function barRange(
  time: number,
  previousTime: number | undefined,
  instrument?: SessionInstrument,
): BarRange {
  const session = instrument?.session;
  const weekly = session?.kind === 'weekly' ? instrument : undefined;
  if (weekly !== undefined && weekly.assetClass === 'stock') return stockRange(weekly, time);
  const start = Math.floor(time / SLOT_MS) * SLOT_MS;
  let end = start + SLOT_MS;
  const afterHole = previousTime !== undefined && time - previousTime - HOUR_MS >= EDGE_GAP_MS;
  const dataStub = afterHole && end - time < STUB_MS && (weekly === undefined || isOpen(weekly, end));
  if (dataStub || (weekly !== undefined && isOpenStub(weekly, start))) end += SLOT_MS;
  if (weekly !== undefined && isCloseStub(weekly, end)) end += SLOT_MS;
  return { start, end };
}

/** Bucket `[slot, slot + 4h)` is closed at its start, opens < 2 h before its end, and stays open past it. */
function isOpenStub(instrument: SessionInstrument, slot: number): boolean {
  const end = slot + SLOT_MS;
  if (isOpen(instrument, slot)) return false;
  const open = nextOpen(instrument, slot);
  return (
    open !== undefined && open < end && end - open < STUB_MS && (nextClose(instrument, open) ?? end) > end
  );
}

/**
 * Bucket `[slot, slot + 4h)` continues the previous bucket's session, which closes < 2 h into it
 * and does not reopen before the bucket ends. (Open 2 h in ⇒ a longer first stretch or a second one.)
 */
function isCloseStub(instrument: SessionInstrument, slot: number): boolean {
  if (!isOpen(instrument, slot) || isOpen(instrument, slot + STUB_MS - 1) || !isOpen(instrument, slot - 1))
    return false;
  const close = nextClose(instrument, slot);
  return close !== undefined && (nextOpen(instrument, close) ?? Number.POSITIVE_INFINITY) >= slot + SLOT_MS;
}

/** Stocks: 4h groups counted from the session open; the last ends at the close (early closes too). */
function stockRange(instrument: SessionInstrument, time: number): BarRange {
  const open = sessionOpenTime(instrument, time);
  if (open === undefined) {
    // A bar outside the schedule (data the calendar does not know): a bar of its own, up to the
    // next open or the UTC bucket's end, so it never swallows a session's bars.
    const slotEnd = Math.floor(time / SLOT_MS) * SLOT_MS + SLOT_MS;
    return { start: time, end: Math.min(slotEnd, nextOpen(instrument, time) ?? slotEnd) };
  }
  const start = open + Math.floor((time - open) / SLOT_MS) * SLOT_MS;
  return { start, end: Math.min(start + SLOT_MS, nextClose(instrument, time) ?? start + SLOT_MS) };
}
