import type { Candle } from '../../domain/candle.js';
import type { Pivot } from '../../domain/pivot.js';
import { isPivotHigh, isPivotHighFrom, isPivotLow, isPivotLowFrom, pivotRingSize } from './pivot-side.js';

/** The bit histories hold 10 bars; the confirm bar reads bits up to `right` bars back. */
const BITS_MASK = 0x3fffffff;
const MAX_BITS_RIGHT = 9;

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
  /** L + R: `updateAt` needs rings of more bars than that. */
  private readonly span: number;
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
  /**
   * The two nearest neighbours' tests of every recent bar, 3 bits a bar (bits 3k..3k+2: the bar k
   * updates ago is ≥ both bars before it, < the bar 1 before, < the bar 2 before; lows mirrored),
   * so that the ~4/5 of bars failing them cost no ring reads. Used (`bits` = 1) when 2 ≤ L and
   * 2 ≤ R ≤ MAX_BITS_RIGHT; a number, not a boolean: V8 tests a boolean field as any value.
   */
  private readonly bits: number;
  private hiBits = 0;
  private loBits = 0;
  // NaN, not 0: the fields are then doubles from the start (0 would start them as small integers).
  private high1 = Number.NaN;
  private high2 = Number.NaN;
  private low1 = Number.NaN;
  private low2 = Number.NaN;
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
    this.span = left + right;
    this.bits = left >= 2 && right >= 2 && right <= MAX_BITS_RIGHT ? 1 : 0;
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
    this.track(high, low);
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
    if (mask < this.span) this.tooSmall(mask);
    this.advance(index);
    this.track(rings.high[index & mask]!, rings.low[index & mask]!);
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
    // Stale bits are never read either (they describe bars before c − 2), but start clean.
    this.hiBits = this.loBits = 0;
  }

  /**
   * Shifts the newest bar's neighbour tests into the bit histories. Branch-free: each is a coin
   * flip. The first two bars compare with stale neighbours, but `confirm` never reads their bits.
   */
  private track(high: number, low: number): void {
    const h1 = this.high1;
    const h2 = this.high2;
    const l1 = this.low1;
    const l2 = this.low2;
    // Kept to 30 bits: V8's small integers; a wider value would turn the fields into heap numbers.
    const hi = (+(high >= h1) & +(high >= h2)) | (+(high < h1) << 1) | (+(high < h2) << 2);
    const lo = (+(low <= l1) & +(low <= l2)) | (+(low > l1) << 1) | (+(low > l2) << 2);
    this.hiBits = ((this.hiBits << 3) | hi) & BITS_MASK;
    this.loBits = ((this.loBits << 3) | lo) & BITS_MASK;
    this.high2 = h1;
    this.high1 = high;
    this.low2 = l1;
    this.low1 = low;
  }

  /**
   * Counts bar `index`, which must follow the last. Small enough (the throws are elsewhere) for V8
   * to inline it whatever its budget: in the benchmark's loop it was left a call per bar.
   */
  private advance(index: number): void {
    const n = this.count;
    if (n === 0) this.firstIndex = index;
    else if (index !== this.firstIndex + n) this.outOfOrder(index);
    this.count = n + 1;
  }

  private outOfOrder(index: number): never {
    throw new RangeError(`pivot tracker: bar index ${index} after ${this.firstIndex + this.count - 1}`);
  }

  private tooSmall(mask: number): never {
    throw new RangeError(`pivot rings of ${mask + 1} bars`);
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
    if (this.bits !== 1) return this.confirmWithoutBits(index, at, times, highs, lows, mask);
    const c = at - right;
    // SPEC §4's tests at distance 1 and 2: c's left bit, c + 1's first right bit, c + 2's second;
    // the ring reads are then only for the bars further out.
    const at0 = 3 * right;
    const hb = this.hiBits;
    const lb = this.loBits;
    const high = (hb >>> at0) & (hb >>> (at0 - 2)) & (hb >>> (at0 - 4));
    const low = (lb >>> at0) & (lb >>> (at0 - 2)) & (lb >>> (at0 - 4));
    if (((high | low) & 1) === 0) return 0;
    const isHigh = (high & 1) === 1 && isPivotHighFrom(highs, mask, c, left, right, 3);
    const isLow = (low & 1) === 1 && isPivotLowFrom(lows, mask, c, left, right, 3);
    if (!isHigh && !isLow) return 0;
    return this.emit(index, at, times, highs, lows, mask, isHigh, isLow);
  }

  /** `confirm` for pivot lengths the bit histories do not cover (L or R < 2, or R > 9). */
  private confirmWithoutBits(
    index: number,
    at: number,
    times: Float64Array,
    highs: Float64Array,
    lows: Float64Array,
    mask: number,
  ): number {
    const { left, right } = this;
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
