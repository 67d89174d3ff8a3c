// SPEC §8: the 1h stream may see a 4h bar only once its last 1h bar has closed.
import type { Candle } from '../../domain/candle.js';
import { SLOT_MS } from './bar-range.js';

/** A resampled 4h bar carries its `closeTime`; a native 4h candle (from a file) has none. */
export type Bar4h = Candle & { readonly closeTime?: number };

/**
 * When a 4h bar becomes visible: its `closeTime` (a merged stub bar at the end of its last
 * bucket, a stock day's shorter last group at the session close), else open + 4h.
 */
export function closeTimeOf(bar: Bar4h): number {
  return bar.closeTime ?? bar.time + SLOT_MS;
}

/**
 * How many leading 4h bars the 1h stream may see when the 1h bar closing at `t1hClose` is
 * analysed: those with close time ≤ `t1hClose` (bars in time order, close times ascending).
 */
export function visible4hCount(bars4h: readonly Bar4h[], t1hClose: number): number {
  let lo = 0;
  let hi = bars4h.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (closeTimeOf(bars4h[mid]!) <= t1hClose) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The same answer for a 1h stream moving forward in time: O(1) amortized per 1h bar. */
export class Visible4hCursor {
  #count = 0;
  #last = Number.NEGATIVE_INFINITY;

  constructor(private readonly bars4h: readonly Bar4h[]) {}

  /** Visible 4h bars at the close of the next 1h bar; `t1hClose` must not decrease. */
  advance(t1hClose: number): number {
    if (t1hClose < this.#last) throw new RangeError('visibility: 1h close times must not decrease');
    this.#last = t1hClose;
    const bars = this.bars4h;
    while (this.#count < bars.length && closeTimeOf(bars[this.#count]!) <= t1hClose) this.#count++;
    return this.#count;
  }
}
