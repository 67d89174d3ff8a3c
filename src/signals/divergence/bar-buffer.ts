// The last N bars of one series (prices and every indicator value), in fixed
// rings addressed by absolute bar index. The engine looks back at most ~2 × DIV_MAX_BARS bars, so
// memory stays constant however long a backtest runs.
import type { Candle } from '../../domain/candle.js';
import { IndicatorFields, type IndicatorValues } from '../../domain/indicator-values.js';
import type { IndicatorRings, IndicatorSet } from '../../market/indicators/indicator-set.js';

export const BUFFER_FIELDS = [
  'time',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'spread',
  ...IndicatorFields,
] as const;
export type BufferField = (typeof BUFFER_FIELDS)[number];

/**
 * Every ring by field: one hidden class for every buffer (IndicatorSet.updateInto reads its rings
 * by name). Fields set in a constructor, not an object literal: a second literal stores into fields
 * the first already set, which V8 takes for reassignments, discarding the optimized code that
 * relied on them (updateInto's, the benchmark's), and which code V8 recompiled by then was luck.
 */
class Rings implements Record<BufferField, Float64Array> {
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly spread: Float64Array;
  readonly rsi: Float64Array;
  readonly macd: Float64Array;
  readonly macd_signal: Float64Array;
  readonly macd_hist: Float64Array;
  readonly stoch_k: Float64Array;
  readonly stoch_d: Float64Array;
  readonly mfi: Float64Array;
  readonly cci: Float64Array;
  readonly willr: Float64Array;
  readonly atr: Float64Array;
  readonly ema50: Float64Array;
  readonly ema200: Float64Array;
  readonly bb_upper: Float64Array;
  readonly bb_middle: Float64Array;
  readonly bb_lower: Float64Array;
  readonly bb_bandwidth: Float64Array;
  readonly adx: Float64Array;
  readonly plus_di: Float64Array;
  readonly minus_di: Float64Array;
  readonly volume_sma: Float64Array;

  constructor(n: number) {
    this.time = new Float64Array(n);
    this.open = new Float64Array(n);
    this.high = new Float64Array(n);
    this.low = new Float64Array(n);
    this.close = new Float64Array(n);
    this.volume = new Float64Array(n);
    this.spread = new Float64Array(n);
    this.rsi = new Float64Array(n);
    this.macd = new Float64Array(n);
    this.macd_signal = new Float64Array(n);
    this.macd_hist = new Float64Array(n);
    this.stoch_k = new Float64Array(n);
    this.stoch_d = new Float64Array(n);
    this.mfi = new Float64Array(n);
    this.cci = new Float64Array(n);
    this.willr = new Float64Array(n);
    this.atr = new Float64Array(n);
    this.ema50 = new Float64Array(n);
    this.ema200 = new Float64Array(n);
    this.bb_upper = new Float64Array(n);
    this.bb_middle = new Float64Array(n);
    this.bb_lower = new Float64Array(n);
    this.bb_bandwidth = new Float64Array(n);
    this.adx = new Float64Array(n);
    this.plus_di = new Float64Array(n);
    this.minus_di = new Float64Array(n);
    this.volume_sma = new Float64Array(n);
  }
}

export class BarBuffer {
  private readonly mask: number;
  private readonly cols: Record<BufferField, Float64Array>;
  private count = 0;

  constructor(minCapacity: number) {
    let capacity = 1;
    while (capacity < minCapacity) capacity *= 2;
    this.mask = capacity - 1;
    this.cols = new Rings(capacity);
  }

  /** Bars appended so far; the newest has index length − 1. */
  get length(): number {
    return this.count;
  }

  get capacity(): number {
    return this.mask + 1;
  }

  /** Oldest index still held. */
  get first(): number {
    return Math.max(0, this.count - this.mask - 1);
  }

  /** Appends a candle and its indicator values (copied). */
  append(c: Candle, v: IndicatorValues): void {
    const i = this.appendCandle(c);
    const cols = this.cols;
    for (const field of IndicatorFields) cols[field][i] = v[field];
  }

  /**
   * Appends a candle with `set` stepped by it, the set writing its values straight into the
   * rings: the hot path, where a copy of every value from the values object cost ~30 ns a bar.
   */
  appendStepped(c: Candle, set: IndicatorSet): void {
    set.updateInto(c, this.cols, this.appendCandle(c));
  }

  /** The indicator values of bar `index` (≥ 0, held) into `out`. */
  valuesAt(index: number, out: IndicatorValues): IndicatorValues {
    this.check(index);
    const i = index & this.mask;
    // Written out, not a loop over IndicatorFields: a keyed access per field is ~10× slower, and
    // the analyzer's consumers read the values of every bar.
    const c = this.cols;
    out.rsi = c.rsi[i]!;
    out.macd = c.macd[i]!;
    out.macd_signal = c.macd_signal[i]!;
    out.macd_hist = c.macd_hist[i]!;
    out.stoch_k = c.stoch_k[i]!;
    out.stoch_d = c.stoch_d[i]!;
    out.mfi = c.mfi[i]!;
    out.cci = c.cci[i]!;
    out.willr = c.willr[i]!;
    out.atr = c.atr[i]!;
    out.ema50 = c.ema50[i]!;
    out.ema200 = c.ema200[i]!;
    out.bb_upper = c.bb_upper[i]!;
    out.bb_middle = c.bb_middle[i]!;
    out.bb_lower = c.bb_lower[i]!;
    out.bb_bandwidth = c.bb_bandwidth[i]!;
    out.adx = c.adx[i]!;
    out.plus_di = c.plus_di[i]!;
    out.minus_di = c.minus_di[i]!;
    out.volume_sma = c.volume_sma[i]!;
    return out;
  }

  /** Every ring by field (bar `i` at `[i & indexMask]`): IndicatorSet.updateInto's output storage. */
  get rings(): Readonly<Record<BufferField, Float64Array>> {
    return this.cols;
  }

  /** The indicator rings (the same arrays as `rings`), as IndicatorSet.updateInto's storage. */
  get indicatorRings(): IndicatorRings {
    return this.cols;
  }

  private appendCandle(c: Candle): number {
    const i = this.count++ & this.mask;
    // One ring per local: each store is then a single bounds-checked write, with no reload of
    // `this.cols` after the previous store (V8 cannot prove the typed-array writes leave it alone).
    const { time, open, high, low, close, volume, spread } = this.cols;
    time[i] = c.time;
    open[i] = c.open;
    high[i] = c.high;
    low[i] = c.low;
    close[i] = c.close;
    volume[i] = c.volume ?? Number.NaN;
    spread[i] = c.spread ?? Number.NaN;
    return i;
  }

  /**
   * The raw ring of `field` for hot loops: bar `i` is at `ring[i & mask]`. Only indices in
   * first..length−1 are meaningful; callers check that range once instead of per read.
   */
  ring(field: BufferField): Float64Array {
    return this.cols[field];
  }

  get indexMask(): number {
    return this.mask;
  }

  /**
   * A RangeError unless bar `index` (≥ 0) is held: the range check of `get` without the field
   * lookup, for hot loops that then read `ring(field)` directly.
   */
  check(index: number): void {
    if (index >= this.count || index < this.count - this.mask - 1) {
      throw new RangeError(`bar ${index} is not in the buffer (${this.first}..${this.count - 1})`);
    }
  }

  /** NaN for an index before the series began; a RangeError for one that has left the ring. */
  get(field: BufferField, index: number): number {
    if (index < 0) return Number.NaN;
    if (index >= this.count || index < this.count - this.mask - 1) {
      throw new RangeError(`bar ${index} is not in the buffer (${this.first}..${this.count - 1})`);
    }
    return this.cols[field][index & this.mask]!;
  }

  /** The candle at `index` as the data gave it (volume null when unknown). */
  candle(index: number): Candle {
    const vol = this.get('volume', index);
    return {
      time: this.get('time', index),
      open: this.get('open', index),
      high: this.get('high', index),
      low: this.get('low', index),
      close: this.get('close', index),
      volume: Number.isNaN(vol) ? null : vol,
    };
  }
}
