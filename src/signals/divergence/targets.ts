// SPEC §4 targets, from known data only: reference entry at the confirm bar's close, stop beyond
// the c2 extreme, TP1 at the opposite extreme between the pivots, TP2 at the one before c1.
// The formulas are exported so the detector, which shares the scans between candidates (see
// detector.ts), computes exactly the same numbers as `computeTargets`.
import type { BarBuffer } from './bar-buffer.js';
import type { DivergenceSettings } from './settings.js';

export interface Targets {
  readonly entry: number;
  readonly stop: number;
  readonly tp1: number;
  readonly tp2: number;
  readonly atr: number;
}

export function computeTargets(
  buf: BarBuffer,
  c1: number,
  c2: number,
  confirm: number,
  long: boolean,
  s: DivergenceSettings,
): Targets {
  const entry = buf.get('close', confirm);
  const atr = buf.get('atr', confirm);
  const stop = stopFrom(long ? buf.get('low', c2) : buf.get('high', c2), atr, long, s.stopAtrBuffer);
  const risk = Math.abs(entry - stop);
  const between = opposite(buf, c1 + 1, c2 - 1, long);
  const tp1 = tp1From(between, entry, risk, long, s.tp1MinR);
  const before = opposite(buf, Math.max(0, c1 - s.maxBars), c1 - 1, long);
  const tp2 = tp2From(before, tp1, entry, risk, long, s.tp2R);
  return { entry, stop, tp1, tp2, atr };
}

// The formulas take the settings they use as numbers (not the settings object): the detector
// calls them per candidate, and a property read there is a map check each time.

/** The extreme at c2 (low for longs, high for shorts) ∓ STOP_ATR_BUFFER × ATR. */
export function stopFrom(extreme: number, atr: number, long: boolean, stopAtrBuffer: number): number {
  return long ? extreme - stopAtrBuffer * atr : extreme + stopAtrBuffer * atr;
}

/** TP1 from `between`, the opposite extreme of bars c1+1..c2−1. */
export function tp1From(between: number, entry: number, risk: number, long: boolean, tp1MinR: number) {
  const dir = long ? 1 : -1;
  return (between - entry) * dir >= tp1MinR * risk ? between : entry + dir * tp1MinR * risk;
}

/** TP2 from `before`, the opposite extreme of the DIV_MAX_BARS bars before c1. */
export function tp2From(
  before: number,
  tp1: number,
  entry: number,
  risk: number,
  long: boolean,
  tp2R: number,
): number {
  const dir = long ? 1 : -1;
  return Number.isFinite(before) && (before - tp1) * dir > 0 ? before : entry + dir * tp2R * risk;
}

/** Highest high (longs) or lowest low (shorts) of bars from..to; ∓Infinity when empty. */
export function opposite(buf: BarBuffer, from: number, to: number, long: boolean): number {
  if (from > to) return long ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  buf.get('high', from); // range check once (throws if `from` has left the ring)
  const ring = buf.ring(long ? 'high' : 'low');
  const mask = buf.indexMask;
  let x = long ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  for (let k = from; k <= to; k++) {
    const v = ring[k & mask]!;
    if (long ? v > x : v < x) x = v;
  }
  return x;
}
