// SPEC §4 targets, from known data only: reference entry at the confirm bar's close, stop beyond
// the c2 extreme, TP1 at the opposite extreme between the pivots, TP2 at the one before c1.
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
  const stop = long
    ? buf.get('low', c2) - s.stopAtrBuffer * atr
    : buf.get('high', c2) + s.stopAtrBuffer * atr;
  const risk = Math.abs(entry - stop);
  const dir = long ? 1 : -1;
  const between = opposite(buf, c1 + 1, c2 - 1, long);
  const tp1 = (between - entry) * dir >= s.tp1MinR * risk ? between : entry + dir * s.tp1MinR * risk;
  const before = opposite(buf, Math.max(0, c1 - s.maxBars), c1 - 1, long);
  const tp2 = Number.isFinite(before) && (before - tp1) * dir > 0 ? before : entry + dir * s.tp2R * risk;
  return { entry, stop, tp1, tp2, atr };
}

/** Highest high (longs) or lowest low (shorts) of bars from..to; ∓Infinity when empty. */
function opposite(buf: BarBuffer, from: number, to: number, long: boolean): number {
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
