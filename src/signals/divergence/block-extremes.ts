// Range max of highs / min of lows over the bar rings, for the target scans (TP1 "between" up to
// DIV_MAX_BARS bars, TP2 "before" DIV_MAX_BARS bars). A plain scan there cost more than the rest
// of the detector (data-dependent branches on a random walk mispredict); folding 8-bar blocks
// cuts a 60-bar scan to ~7 block reads plus ≤ 14 single ones. Blocks are filled lazily from the
// buffer when queried, ~2 reads per bar amortized.
//
// Written for V8's optimizer: bar indices are small integers (never read from a Float64Array),
// every loop-invariant field is read into a local first (TurboFan reloads and rechecks fields in
// loops), and a query folds into `result` (set it first) rather than taking and returning a
// double: a double crossing a call the optimizer does not inline is boxed, one allocation each.
import type { BarBuffer } from './bar-buffer.js';

/** log2 of the block length (8 bars). */
const SHIFT = 3;

export class BlockExtremes {
  /** The running extreme a query folds into (set before it, read after it). */
  result = 0;
  private readonly high: Float64Array;
  private readonly low: Float64Array;
  private readonly mask: number;
  private readonly blockHigh: Float64Array;
  private readonly blockLow: Float64Array;
  private readonly blockMask: number;
  /** Bars 0..doneBars−1 are in filled blocks (those that have left the ring are stale, never read). */
  private doneBars = 0;

  constructor(private readonly buf: BarBuffer) {
    this.high = buf.ring('high');
    this.low = buf.ring('low');
    this.mask = buf.indexMask;
    // A block ring covering the bar ring; with fewer than 2 blocks' worth of bars, blocks are off.
    const blocks = (this.mask + 1) >> SHIFT;
    this.blockHigh = new Float64Array(Math.max(1, blocks));
    this.blockLow = new Float64Array(Math.max(1, blocks));
    this.blockMask = blocks >= 2 ? blocks - 1 : -1;
  }

  /** Fills the blocks completed since the last call (call before querying). */
  sync(): void {
    const blockMask = this.blockMask;
    if (blockMask < 0) return;
    const { high, low, mask, blockHigh, blockLow } = this;
    const complete = this.buf.length >> SHIFT;
    // Blocks whose bars have left the ring can never be queried: skip them.
    let b = Math.max(this.doneBars >> SHIFT, (this.buf.first + 7) >> SHIFT);
    for (; b < complete; b++) {
      let hi = Number.NEGATIVE_INFINITY;
      let lo = Number.POSITIVE_INFINITY;
      for (let k = b << SHIFT, end = k + 8; k < end; k++) {
        const h = high[k & mask]!;
        const l = low[k & mask]!;
        if (h > hi) hi = h;
        if (l < lo) lo = l;
      }
      blockHigh[b & blockMask] = hi;
      blockLow[b & blockMask] = lo;
    }
    if (complete << SHIFT > this.doneBars) this.doneBars = complete << SHIFT;
  }

  /** Folds the highest high of bars from..to (in the ring; integers) into `result`. */
  highest(from: number, to: number): void {
    let x = this.result;
    const ring = this.high;
    const mask = this.mask;
    let k = from | 0;
    const last = to | 0;
    if (this.blockMask >= 0) {
      const blocks = this.blockHigh;
      const blockMask = this.blockMask;
      const done = this.doneBars;
      for (; k <= last && (k & 7) !== 0; k++) {
        const v = ring[k & mask]!;
        if (v > x) x = v;
      }
      for (; k + 7 <= last && k < done; k += 8) {
        const v = blocks[(k >> SHIFT) & blockMask]!;
        if (v > x) x = v;
      }
    }
    for (; k <= last; k++) {
      const v = ring[k & mask]!;
      if (v > x) x = v;
    }
    this.result = x;
  }

  /** Folds the lowest low of bars from..to (in the ring; integers) into `result`. */
  lowest(from: number, to: number): void {
    let x = this.result;
    const ring = this.low;
    const mask = this.mask;
    let k = from | 0;
    const last = to | 0;
    if (this.blockMask >= 0) {
      const blocks = this.blockLow;
      const blockMask = this.blockMask;
      const done = this.doneBars;
      for (; k <= last && (k & 7) !== 0; k++) {
        const v = ring[k & mask]!;
        if (v < x) x = v;
      }
      for (; k + 7 <= last && k < done; k += 8) {
        const v = blocks[(k >> SHIFT) & blockMask]!;
        if (v < x) x = v;
      }
    }
    for (; k <= last; k++) {
      const v = ring[k & mask]!;
      if (v < x) x = v;
    }
    this.result = x;
  }
}
