import type { Candle } from '../../domain/candle.js';
import type { Pivot } from '../../domain/pivot.js';
import { PivotSide } from './pivot-side.js';

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
 * O(L + R) per bar at worst, ~2 comparisons per side in practice (see PivotSide); allocates only the
 * (rare) Pivot objects. Prices must not be NaN. Plain `private` fields and power-of-two rings: this
 * runs once per bar on the hot path, where `#` fields and `%` showed up in profiles.
 */
export class PivotTracker {
  private readonly highs: PivotSide;
  private readonly lows: PivotSide;
  /** Bars seen, i.e. the internal index of the next bar. */
  private count = 0;
  private firstIndex = 0;
  /** Open times of the last ≥ R + 1 bars: bar k at `times[k & timeMask]`. */
  private readonly times: Float64Array;
  private readonly emitted: [Pivot | undefined, Pivot | undefined] = [undefined, undefined];
  private emittedCount = 0;
  private readonly timeMask: number;

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
    this.highs = new PivotSide(left, right);
    this.lows = new PivotSide(left, right);
    let size = 1;
    while (size < right + 1) size *= 2;
    this.times = new Float64Array(size);
    this.timeMask = size - 1;
  }

  /**
   * Feeds the next closed bar; `index` must be one more than the previous call's (any start).
   * Returns how many pivots this bar confirmed (0, 1 or 2), readable with `pivotAt(0..n-1)`
   * until the next `update`.
   */
  update(index: number, time: number, high: number, low: number): number {
    if (this.count === 0) this.firstIndex = index;
    else if (index !== this.firstIndex + this.count) {
      throw new RangeError(`pivot tracker: bar index ${index} after ${this.firstIndex + this.count - 1}`);
    }
    const i = this.count++;
    this.times[i & this.timeMask] = time;
    this.emittedCount = 0;
    const isHigh = this.highs.push(i, high);
    const isLow = this.lows.push(i, -low);
    if (isHigh) this.emit('high', i, this.highs.valueAt(i - this.right), index, time);
    if (isLow) this.emit('low', i, -this.lows.valueAt(i - this.right), index, time);
    return this.emittedCount;
  }

  /** Convenience for `update(index, candle.time, candle.high, candle.low)`. */
  updateCandle(index: number, candle: Candle): number {
    return this.update(index, candle.time, candle.high, candle.low);
  }

  /** The k-th pivot confirmed by the last `update` (0 ≤ k < its return value). */
  pivotAt(k: number): Pivot {
    const pivot = k < this.emittedCount ? this.emitted[k] : undefined;
    if (pivot === undefined) throw new RangeError(`pivot ${k} of ${this.emittedCount}`);
    return pivot;
  }

  /** Forgets every bar, e.g. before feeding a different series. */
  reset(): void {
    this.count = 0;
    this.emittedCount = 0;
    this.highs.reset();
    this.lows.reset();
  }

  private emit(
    kind: Pivot['kind'],
    i: number,
    price: number,
    confirmIndex: number,
    confirmTime: number,
  ): void {
    const c = i - this.right;
    this.emitted[this.emittedCount++] = Object.freeze({
      kind,
      index: confirmIndex - this.right,
      time: this.times[c & this.timeMask]!,
      price,
      confirmIndex,
      confirmTime,
    });
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
