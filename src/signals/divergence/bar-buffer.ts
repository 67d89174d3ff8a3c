// The last N bars of one series (prices and the indicator values the engine reads), in fixed
// rings addressed by absolute bar index. The engine looks back at most ~2 × DIV_MAX_BARS bars, so
// memory stays constant however long a backtest runs.
import type { Candle } from '../../domain/candle.js';
import type { IndicatorValues } from '../../domain/indicator-values.js';

export const BUFFER_FIELDS = [
  'time',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'spread',
  'rsi',
  'macd',
  'macd_hist',
  'stoch_k',
  'mfi',
  'cci',
  'willr',
  'atr',
  'adx',
  'ema200',
  'bb_bandwidth',
  'volume_sma',
] as const;
export type BufferField = (typeof BUFFER_FIELDS)[number];

export class BarBuffer {
  private readonly mask: number;
  private readonly cols: Record<BufferField, Float64Array>;
  private count = 0;

  constructor(minCapacity: number) {
    let capacity = 1;
    while (capacity < minCapacity) capacity *= 2;
    this.mask = capacity - 1;
    const f = () => new Float64Array(capacity);
    this.cols = {
      time: f(),
      open: f(),
      high: f(),
      low: f(),
      close: f(),
      volume: f(),
      spread: f(),
      rsi: f(),
      macd: f(),
      macd_hist: f(),
      stoch_k: f(),
      mfi: f(),
      cci: f(),
      willr: f(),
      atr: f(),
      adx: f(),
      ema200: f(),
      bb_bandwidth: f(),
      volume_sma: f(),
    };
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

  append(c: Candle, v: IndicatorValues): void {
    const i = this.count++ & this.mask;
    // One ring per local: each store is then a single bounds-checked write, with no reload of
    // `this.cols` after the previous store (V8 cannot prove the typed-array writes leave it alone).
    const { time, open, high, low, close, volume, spread, rsi, macd, macd_hist, stoch_k, mfi, cci, willr } =
      this.cols;
    const { atr, adx, ema200, bb_bandwidth, volume_sma } = this.cols;
    time[i] = c.time;
    open[i] = c.open;
    high[i] = c.high;
    low[i] = c.low;
    close[i] = c.close;
    volume[i] = c.volume ?? Number.NaN;
    spread[i] = c.spread ?? Number.NaN;
    rsi[i] = v.rsi;
    macd[i] = v.macd;
    macd_hist[i] = v.macd_hist;
    stoch_k[i] = v.stoch_k;
    mfi[i] = v.mfi;
    cci[i] = v.cci;
    willr[i] = v.willr;
    atr[i] = v.atr;
    adx[i] = v.adx;
    ema200[i] = v.ema200;
    bb_bandwidth[i] = v.bb_bandwidth;
    volume_sma[i] = v.volume_sma;
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
