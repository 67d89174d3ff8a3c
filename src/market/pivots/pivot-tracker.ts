import type { Candle } from '../../domain/candle.js';
import type { Pivot } from '../../domain/pivot.js';
import { isPivotHigh, isPivotLow, pivotRingSize } from './pivot-side.js';

/** Bar rings a caller already keeps (bar k at `ring[k & mask]`), for `updateAt`. */
export interface PivotRings {
  readonly time: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
}

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
 * O(L + R) per bar at worst, ~2 comparisons per side in practice (see pivot-side.ts). The hot path
 * allocates nothing: `isLowAt`/`priceAt` read a confirmed pivot as numbers, and the Pivot object of
 * `pivotAt` is built (and frozen) only when asked for. Plain `private` fields and power-of-two
 * rings: this runs once per bar on the hot path, where `#` fields and `%` showed up in profiles.
 * `updateAt` reads the bars from rings the caller already keeps, instead of copying them.
 */
export class PivotTracker {
  /** Times, highs and lows of the last ≥ L + R + 1 bars fed to `update`: bar k at `[k & mask]`. */
  private readonly times: Float64Array;
  private readonly highs: Float64Array;
  private readonly lows: Float64Array;
  private readonly mask: number;
  /** Bars seen, i.e. the internal index of the next bar. */
  private count = 0;
  private firstIndex = 0;
  /** What the last update confirmed: its index and time, the pivots' time, kinds and prices. */
  private lastIndex = 0;
  private lastTime = 0;
  private pivotTime = 0;
  private emittedCount = 0;
  private low0 = false;
  private price0 = 0;
  private price1 = 0;
  /** The Pivot objects of the last update, built by the first `pivotAt` that asks for them. */
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
    const size = pivotRingSize(left, right);
    this.times = new Float64Array(size);
    this.highs = new Float64Array(size);
    this.lows = new Float64Array(size);
    this.mask = size - 1;
  }

  /**
   * Feeds the next closed bar; `index` must be one more than the previous call's (any start).
   * Returns how many pivots this bar confirmed (0, 1 or 2), readable with `pivotAt(0..n-1)` (or
   * `isLowAt`, `priceAt`) until the next update. Their bar is `index − right`.
   */
  update(index: number, time: number, high: number, low: number): number {
    this.advance(index);
    const i = this.count - 1;
    const mask = this.mask;
    this.times[i & mask] = time;
    this.highs[i & mask] = high;
    this.lows[i & mask] = low;
    return this.confirm(index, i, this.times, this.highs, this.lows, mask);
  }

  /** Convenience for `update(index, candle.time, candle.high, candle.low)`. */
  updateCandle(index: number, candle: Candle): number {
    return this.update(index, candle.time, candle.high, candle.low);
  }

  /**
   * `update` for a caller whose own rings already hold bar `index` (and the L + R before it, so
   * the ring holds ≥ L + R + 1 bars): nothing is copied (the bar buffer's rings, in the analyzer).
   */
  updateAt(index: number, rings: PivotRings, mask: number): number {
    if (mask + 1 < this.left + this.right + 1) throw new RangeError(`pivot rings of ${mask + 1} bars`);
    this.advance(index);
    return this.confirm(index, index, rings.time, rings.high, rings.low, mask);
  }

  /** Whether the k-th pivot confirmed by the last update is a low (no object built). */
  isLowAt(k: number): boolean {
    this.check(k);
    return k === 0 ? this.low0 : true;
  }

  /** The price of the k-th pivot confirmed by the last update (no object built). */
  priceAt(k: number): number {
    this.check(k);
    return k === 0 ? this.price0 : this.price1;
  }

  /** The k-th pivot confirmed by the last update (0 ≤ k < its return value). */
  pivotAt(k: number): Pivot {
    this.check(k);
    let pivot = this.built[k];
    if (pivot === undefined) {
      pivot = Object.freeze({
        kind: this.isLowAt(k) ? 'low' : 'high',
        index: this.lastIndex - this.right,
        time: this.pivotTime,
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
    // Nothing to clear in the rings: `confirm` reads only bars fed since (the c ≥ left guard).
    this.count = 0;
    this.emittedCount = 0;
  }

  private advance(index: number): void {
    if (this.count === 0) this.firstIndex = index;
    else if (index !== this.firstIndex + this.count) {
      throw new RangeError(`pivot tracker: bar index ${index} after ${this.firstIndex + this.count - 1}`);
    }
    this.count++;
  }

  /**
   * Tests bar `at − right` of the rings (`at`: where the newest bar, `index`, is). Only the two
   * tests here, so V8 inlines it into the caller's loop; the rare find is recorded by `emit`.
   */
  private confirm(
    index: number,
    at: number,
    times: Float64Array,
    highs: Float64Array,
    lows: Float64Array,
    mask: number,
  ): number {
    const { left, right } = this;
    // At least L bars before c since the first update (this also keeps reads at bars fed since).
    this.emittedCount = 0;
    if (this.count - 1 - right < left) return 0;
    const c = at - right;
    const isHigh = isPivotHigh(highs, mask, c, left, right);
    const isLow = isPivotLow(lows, mask, c, left, right);
    if (!isHigh && !isLow) return 0;
    return this.emit(index, at, times, highs, lows, mask, isHigh, isLow);
  }

  private emit(
    index: number,
    at: number,
    times: Float64Array,
    highs: Float64Array,
    lows: Float64Array,
    mask: number,
    isHigh: boolean,
    isLow: boolean,
  ): number {
    const c = at - this.right;
    this.lastIndex = index;
    this.lastTime = times[at & mask]!;
    this.pivotTime = times[c & mask]!;
    this.built[0] = undefined;
    this.built[1] = undefined;
    // A high comes first when a bar is both.
    this.low0 = !isHigh;
    this.price0 = isHigh ? highs[c & mask]! : lows[c & mask]!;
    this.price1 = lows[c & mask]!;
    this.emittedCount = isHigh && isLow ? 2 : 1;
    return this.emittedCount;
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
