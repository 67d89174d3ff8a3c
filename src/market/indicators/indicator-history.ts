// Every bar's indicator values, one growable Float64Array per field (capacity doubles, so appending
// allocates only O(log n) times). The divergence engine reads oscillator windows from it, rule 8 the
// last 250 bandwidths.
import { type IndicatorField, IndicatorFields, type IndicatorValues } from '../../domain/indicator-values.js';

type Columns = Record<IndicatorField, Float64Array>;

// An object literal, not keys added in a loop: V8 then keeps it in fast mode and `append`'s named
// stores stay cheap (a dictionary-mode object made appending ~6x slower). It shares a hidden class
// with any literal of the same keys, which is why IndicatorSet's values object is a class instance.
function allocate(capacity: number): Columns {
  const f = () => new Float64Array(capacity);
  return {
    rsi: f(),
    macd: f(),
    macd_signal: f(),
    macd_hist: f(),
    stoch_k: f(),
    stoch_d: f(),
    mfi: f(),
    cci: f(),
    willr: f(),
    atr: f(),
    ema50: f(),
    ema200: f(),
    bb_upper: f(),
    bb_middle: f(),
    bb_lower: f(),
    bb_bandwidth: f(),
    adx: f(),
    plus_di: f(),
    minus_di: f(),
    volume_sma: f(),
  };
}

export class IndicatorHistory {
  private columns: Columns;
  private capacity: number;
  private size = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = Math.max(1, Math.ceil(initialCapacity));
    this.columns = allocate(this.capacity);
  }

  /** Number of bars recorded; bar indices run 0..length−1 in append order. */
  get length(): number {
    return this.size;
  }

  /** Copies one bar's values (e.g. the object IndicatorSet.update returns) as bar `length`. */
  append(v: IndicatorValues): void {
    if (this.size === this.capacity) this.grow();
    const i = this.size++;
    const c = this.columns;
    c.rsi[i] = v.rsi;
    c.macd[i] = v.macd;
    c.macd_signal[i] = v.macd_signal;
    c.macd_hist[i] = v.macd_hist;
    c.stoch_k[i] = v.stoch_k;
    c.stoch_d[i] = v.stoch_d;
    c.mfi[i] = v.mfi;
    c.cci[i] = v.cci;
    c.willr[i] = v.willr;
    c.atr[i] = v.atr;
    c.ema50[i] = v.ema50;
    c.ema200[i] = v.ema200;
    c.bb_upper[i] = v.bb_upper;
    c.bb_middle[i] = v.bb_middle;
    c.bb_lower[i] = v.bb_lower;
    c.bb_bandwidth[i] = v.bb_bandwidth;
    c.adx[i] = v.adx;
    c.plus_di[i] = v.plus_di;
    c.minus_di[i] = v.minus_di;
    c.volume_sma[i] = v.volume_sma;
  }

  /** The value of `field` at bar `index` (NaN = not defined). Throws RangeError outside 0..length−1. */
  get(field: IndicatorField, index: number): number {
    if (!(index >= 0 && index < this.size)) {
      throw new RangeError(`bar index ${index} outside the history (0..${this.size - 1})`);
    }
    return this.columns[field][index]!;
  }

  /**
   * A read-only view of `field` for bars 0..length−1, for scanning windows without a call per bar.
   * It is a view, not a copy: valid until the next `append` or `clear`.
   */
  column(field: IndicatorField): Float64Array {
    return this.columns[field].subarray(0, this.size);
  }

  /** Forgets every bar; keeps the allocated capacity. */
  clear(): void {
    this.size = 0;
  }

  private grow(): void {
    this.capacity *= 2;
    const next = allocate(this.capacity);
    for (const field of IndicatorFields) next[field].set(this.columns[field].subarray(0, this.size));
    this.columns = next;
  }
}
