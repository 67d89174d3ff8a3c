import type { Candle } from '../../domain/candle.js';
import type { Pivot } from '../../domain/pivot.js';
import { isPivot, pivotRingSize } from './pivot-side.js';

/**
 * Incremental pivot detection with TradingView `ta.pivothigh` / `ta.pivotlow` semantics (SPEC §4):
 * - pivot high at c iff `high[c-j] <= high[c]` (j=1..L) and `high[c+j] < high[c]` (j=1..R);
 *   pivot low mirrored. On a plateau the later bar wins; one bar can be both kinds.
 * - Emitted by `update` of the confirm bar c + R, never earlier. `confirmTime` is that bar's open
 *   time: the pivot is *known* only once that bar has closed (the caller feeds closed bars only).
 * - Bars with fewer than L bars before them (counted from the first `update`) are never pivots,
 *   as in TradingView, whose first possible confirmation is bar L + R (the left window would reach
 *   before the first bar). With L = 0 every bar has "enough" left bars.
 * - A bar confirming both kinds emits the high first, then the low.
 *
 * O(L + R) per bar at worst, ~2 comparisons per side in practice (see isPivot). The hot path
 * allocates nothing: `isLowAt`/`priceAt` read a confirmed pivot as numbers, and the Pivot object of
 * `pivotAt` is built (and frozen) only when asked for. Plain `private` fields and power-of-two
 * rings: this runs once per bar on the hot path, where `#` fields and `%` showed up in profiles.
 */
export class PivotTracker {
  /** Highs and negated lows of the last ≥ L + R + 1 bars: bar k at `[k & mask]`. */
  private readonly highs: Float64Array;
  private readonly lows: Float64Array;
  private readonly mask: number;
  /** Bars seen, i.e. the internal index of the next bar. */
  private count = 0;
  private firstIndex = 0;
  /** Open times of the last ≥ R + 1 bars: bar k at `times[k & timeMask]`. */
  private readonly times: Float64Array;
  private readonly timeMask: number;
  /** What the last `update` confirmed: its index and time, and per pivot k its kind and price. */
  private lastIndex = 0;
  private lastTime = 0;
  private emittedCount = 0;
  private low0 = false;
  private price0 = 0;
  private price1 = 0;
  /** The Pivot objects of the last `update`, built by the first `pivotAt` that asks for them. */
  private readonly built: [Pivot | undefined, Pivot | undefined] = [undefined, undefined];

  constructor(
    readonly left: number,
    readonly right: number,
  ) {
    for (const [name, n] of [
      ['left', left],
      ['right', right],
    ] as const) {
      if (!Number.isSafeInteger(n) || n < 0)
        throw new RangeError(`pivot ${name} must be an integer ≥ 0: ${n}`);
    }
    const ring = pivotRingSize(left, right);
    this.highs = new Float64Array(ring);
    this.lows = new Float64Array(ring);
    this.mask = ring - 1;
    let size = 1;
    while (size < right + 1) size *= 2;
    this.times = new Float64Array(size);
    this.timeMask = size - 1;
  }

  /**
   * Feeds the next closed bar; `index` must be one more than the previous call's (any start).
   * Returns how many pivots this bar confirmed (0, 1 or 2), readable with `pivotAt(0..n-1)` (or
   * `isLowAt`, `priceAt`) until the next `update`. Their bar is `index − right`.
   */
  update(index: number, time: number, high: number, low: number): number {
    if (this.count === 0) this.firstIndex = index;
    else if (index !== this.firstIndex + this.count) {
      throw new RangeError(`pivot tracker: bar index ${index} after ${this.firstIndex + this.count - 1}`);
    }
    const i = this.count++;
    this.times[i & this.timeMask] = time;
    const { highs, lows, mask, left, right } = this;
    highs[i & mask] = high;
    lows[i & mask] = -low;
    const c = i - right;
    // c ≥ left also keeps every read at bars pushed since the last reset.
    const isHigh = c >= left && isPivot(highs, mask, c, left, right);
    const isLow = c >= left && isPivot(lows, mask, c, left, right);
    if (!isHigh && !isLow) {
      this.emittedCount = 0;
      return 0;
    }
    this.lastIndex = index;
    this.lastTime = time;
    this.built[0] = undefined;
    this.built[1] = undefined;
    // A high comes first when a bar is both.
    this.low0 = !isHigh;
    this.price0 = isHigh ? highs[c & mask]! : -lows[c & mask]!;
    this.price1 = -lows[c & mask]!;
    this.emittedCount = isHigh && isLow ? 2 : 1;
    return this.emittedCount;
  }

  /** Convenience for `update(index, candle.time, candle.high, candle.low)`. */
  updateCandle(index: number, candle: Candle): number {
    return this.update(index, candle.time, candle.high, candle.low);
  }

  /** Whether the k-th pivot confirmed by the last `update` is a low (no object built). */
  isLowAt(k: number): boolean {
    this.check(k);
    return k === 0 ? this.low0 : true;
  }

  /** The price of the k-th pivot confirmed by the last `update` (no object built). */
  priceAt(k: number): number {
    this.check(k);
    return k === 0 ? this.price0 : this.price1;
  }

  /** The k-th pivot confirmed by the last `update` (0 ≤ k < its return value). */
  pivotAt(k: number): Pivot {
    this.check(k);
    let pivot = this.built[k];
    if (pivot === undefined) {
      const c = this.lastIndex - this.right;
      pivot = Object.freeze({
        kind: this.isLowAt(k) ? 'low' : 'high',
        index: c,
        time: this.times[(this.count - 1 - this.right) & this.timeMask]!,
        price: this.priceAt(k),
        confirmIndex: this.lastIndex,
        confirmTime: this.lastTime,
      });
      this.built[k] = pivot;
    }
    return pivot;
  }

  /** Forgets every bar, e.g. before feeding a different series. */
  reset(): void {
    this.count = 0;
    // Nothing to clear in the rings: `update` reads only bars fed since (the c ≥ left guard).
    this.emittedCount = 0;
  }

  private check(k: number): void {
    if (!(k >= 0 && k < this.emittedCount)) throw new RangeError(`pivot ${k} of ${this.emittedCount}`);
  }
}

/** Every pivot of a series, in emission order: by confirm index, a high before a low. */
export function findPivots(candles: readonly Candle[], left: number, right: number): Pivot[] {
  const tracker = new PivotTracker(left, right);
  const out: Pivot[] = [];
  for (let i = 0; i < candles.length; i++) {
    const n = tracker.updateCandle(i, candles[i]!);
    for (let k = 0; k < n; k++) out.push(tracker.pivotAt(k));
  }
  return out;
}
