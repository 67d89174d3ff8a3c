// Range max of highs / min of lows over the bar rings, for the target scans (TP1 "between" up to
// DIV_MAX_BARS bars, TP2 "before" DIV_MAX_BARS bars). A plain scan there cost more than the rest
// of the detector (data-dependent branches on a random walk mispredict); folding 8-bar blocks
// cuts a 60-bar scan to ~7 block reads plus ≤ 14 single ones. Blocks are filled lazily from the
// buffer when queried, ~2 reads per bar amortized.
import type { BarBuffer } from './bar-buffer.js';

const SHIFT = 3;
const BLOCK = 1 << SHIFT;

export class BlockExtremes {
  private readonly high: Float64Array;
  private readonly low: Float64Array;
  private readonly mask: number;
  private readonly blockHigh: Float64Array;
  private readonly blockLow: Float64Array;
  private readonly blockMask: number;
  /** Blocks 0..done−1 are filled (those that have left the ring are stale but never read). */
  private done = 0;

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
    if (this.blockMask < 0) return;
    const complete = this.buf.length >> SHIFT;
    // Blocks whose bars have left the ring can never be queried: skip them.
    let b = Math.max(this.done, (this.buf.first + BLOCK - 1) >> SHIFT);
    for (; b < complete; b++) {
      let hi = Number.NEGATIVE_INFINITY;
      let lo = Number.POSITIVE_INFINITY;
      for (let k = b << SHIFT, end = k + BLOCK; k < end; k++) {
        const h = this.high[k & this.mask]!;
        const l = this.low[k & this.mask]!;
        if (h > hi) hi = h;
        if (l < lo) lo = l;
      }
      this.blockHigh[b & this.blockMask] = hi;
      this.blockLow[b & this.blockMask] = lo;
    }
    this.done = Math.max(this.done, complete);
  }

  /** `x` folded with the highest high of bars from..to (in the ring). */
  highest(from: number, to: number, x: number): number {
    const ring = this.high;
    const blocks = this.blockHigh;
    const mask = this.mask;
    let k = from;
    if (this.blockMask >= 0) {
      const done = this.done << SHIFT;
      const blockMask = this.blockMask;
      for (; k <= to && (k & (BLOCK - 1)) !== 0; k++) {
        const v = ring[k & mask]!;
        if (v > x) x = v;
      }
      for (; k + BLOCK - 1 <= to && k < done; k += BLOCK) {
        const v = blocks[(k >> SHIFT) & blockMask]!;
        if (v > x) x = v;
      }
    }
    for (; k <= to; k++) {
      const v = ring[k & mask]!;
      if (v > x) x = v;
    }
    return x;
  }

  /** `x` folded with the lowest low of bars from..to (in the ring). */
  lowest(from: number, to: number, x: number): number {
    const ring = this.low;
    const blocks = this.blockLow;
    const mask = this.mask;
    let k = from;
    if (this.blockMask >= 0) {
      const done = this.done << SHIFT;
      const blockMask = this.blockMask;
      for (; k <= to && (k & (BLOCK - 1)) !== 0; k++) {
        const v = ring[k & mask]!;
        if (v < x) x = v;
      }
      for (; k + BLOCK - 1 <= to && k < done; k += BLOCK) {
        const v = blocks[(k >> SHIFT) & blockMask]!;
        if (v < x) x = v;
      }
    }
    for (; k <= to; k++) {
      const v = ring[k & mask]!;
      if (v < x) x = v;
    }
    return x;
  }

  /** `highest` (`long`) or `lowest`: the fold of targets.ts (a value replaces x only if beyond it). */
  fold(from: number, to: number, long: boolean, x: number): number {
    return long ? this.highest(from, to, x) : this.lowest(from, to, x);
  }
}
