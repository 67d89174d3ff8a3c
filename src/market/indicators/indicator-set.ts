// All indicators of SPEC §3 stepped together by closed candles: O(1) per candle (CCI scans its fixed
// window, as TA-Lib does) and no allocation per candle. Each equals TA-Lib's function of the same
// name from TA-Lib's first output index on (proved by the tests beside it). MFI and volume SMA are
// NaN wherever their window holds a bar of unknown (null) volume, so always NaN without volume.
import type { Candle } from '../../domain/candle.js';
import { type IndicatorField, IndicatorFields, type IndicatorValues } from '../../domain/indicator-values.js';
import { Atr } from './atr.js';
import { Bollinger } from './bollinger.js';
import { Cci } from './cci.js';
import { DirectionalMovement } from './directional-movement.js';
import { Ema } from './ema.js';
import { emptyIndicatorValues } from './indicator-values.js';
import { Macd } from './macd.js';
import { Mfi } from './mfi.js';
import { Rsi } from './rsi.js';
import { type IndicatorSettings, resolveIndicatorSettings } from './settings.js';
import { Stochastic } from './stochastic.js';
import { VolumeSma } from './volume-sma.js';
import { WilliamsR } from './williams-r.js';

/** Where `updateInto` writes: one ring per field, the bar's values at `ring[slot]`. */
export type IndicatorRings = Readonly<Record<IndicatorField, Float64Array>>;

export class IndicatorSet {
  readonly settings: IndicatorSettings;
  /**
   * Each field's first defined bar index (TA-Lib's begIndex for these periods): NaN before it,
   * a finite number from it on (MFI and volume SMA: when the volume of their window is known).
   */
  readonly firstIndex: Readonly<Record<IndicatorField, number>>;
  private readonly values = emptyIndicatorValues();
  private readonly rsi: Rsi;
  private readonly macd: Macd;
  private readonly stochastic: Stochastic;
  private readonly mfi: Mfi;
  private readonly cci: Cci;
  private readonly williamsR: WilliamsR;
  private readonly atr: Atr;
  private readonly emaFast: Ema;
  private readonly emaSlow: Ema;
  private readonly bollinger: Bollinger;
  private readonly directional: DirectionalMovement;
  private readonly volumeSma: VolumeSma;

  /** `settings` override the defaults; invalid periods throw RangeError. */
  constructor(settings: Partial<IndicatorSettings> = {}) {
    const s = resolveIndicatorSettings(settings);
    this.settings = s;
    this.rsi = new Rsi(s.rsiPeriod);
    this.macd = new Macd(s.macdFastPeriod, s.macdSlowPeriod, s.macdSignalPeriod);
    this.stochastic = new Stochastic(s.stochKPeriod, s.stochKSlowing, s.stochDPeriod);
    this.mfi = new Mfi(s.mfiPeriod);
    this.cci = new Cci(s.cciPeriod);
    // One window serves both when the periods agree (the default): Stochastic pushes it first.
    const shared = s.williamsRPeriod === s.stochKPeriod ? this.stochastic.window : undefined;
    this.williamsR = new WilliamsR(s.williamsRPeriod, shared);
    this.atr = new Atr(s.atrPeriod);
    this.emaFast = new Ema(s.emaFastPeriod);
    this.emaSlow = new Ema(s.emaSlowPeriod);
    this.bollinger = new Bollinger(s.bollingerPeriod, s.bollingerStdDev);
    this.directional = new DirectionalMovement(s.adxPeriod);
    this.volumeSma = new VolumeSma(s.volumeSmaPeriod);
    const bands = this.bollinger.lookback;
    this.firstIndex = Object.freeze({
      rsi: this.rsi.lookback,
      macd: this.macd.lookback,
      macd_signal: this.macd.lookback,
      macd_hist: this.macd.lookback,
      stoch_k: this.stochastic.lookback,
      stoch_d: this.stochastic.lookback,
      mfi: this.mfi.lookback,
      cci: this.cci.lookback,
      willr: this.williamsR.lookback,
      atr: this.atr.lookback,
      ema50: this.emaFast.lookback,
      ema200: this.emaSlow.lookback,
      bb_upper: bands,
      bb_middle: bands,
      bb_lower: bands,
      bb_bandwidth: bands,
      adx: this.directional.adxLookback,
      plus_di: this.directional.diLookback,
      minus_di: this.directional.diLookback,
      volume_sma: this.volumeSma.lookback,
    });
  }

  /** Bars needed before every field has a value: the largest first index + 1 (SPEC §3 back-fill). */
  get warmupBars(): number {
    return Math.max(...Object.values(this.firstIndex)) + 1;
  }

  /**
   * Steps every indicator by the next closed candle and returns the values of that bar (NaN = not
   * defined yet, or MFI/volume SMA over unknown volume). The returned object is the SAME object on
   * every call, overwritten by the next `update`: copy it (or append it to an IndicatorHistory) to
   * keep it.
   */
  update(candle: Candle): IndicatorValues {
    // Components take the candle and leave results in fields (see bar.ts: no boxed doubles).
    const v = this.values;
    const { rsi, macd, stochastic, mfi, cci, williamsR, atr, emaFast, emaSlow, bollinger, directional } =
      this;
    rsi.update(candle);
    v.rsi = rsi.value;
    macd.update(candle);
    v.macd = macd.macd;
    v.macd_signal = macd.signal;
    v.macd_hist = macd.hist;
    stochastic.update(candle);
    v.stoch_k = stochastic.k;
    v.stoch_d = stochastic.d;
    mfi.update(candle);
    v.mfi = mfi.value;
    cci.update(candle);
    v.cci = cci.value;
    williamsR.update(candle); // after stochastic: it may read stochastic's window
    v.willr = williamsR.value;
    atr.update(candle);
    v.atr = atr.value;
    emaFast.update(candle);
    v.ema50 = emaFast.value;
    emaSlow.update(candle);
    v.ema200 = emaSlow.value;
    bollinger.update(candle);
    v.bb_upper = bollinger.upper;
    v.bb_middle = bollinger.middle;
    v.bb_lower = bollinger.lower;
    v.bb_bandwidth = bollinger.bandwidth;
    directional.update(candle);
    v.adx = directional.adx;
    v.plus_di = directional.plusDI;
    v.minus_di = directional.minusDI;
    this.volumeSma.update(candle);
    v.volume_sma = this.volumeSma.value;
    return v;
  }

  /**
   * `update` with the values written to `out[field][slot]` instead of the shared values object
   * (which it leaves alone): for a bar buffer whose rings are the output storage, so the values
   * are stored once rather than written to the object and then copied into the rings.
   */
  updateInto(candle: Candle, out: IndicatorRings, slot: number): void {
    const { rsi, macd, stochastic, mfi, cci, williamsR, atr, emaFast, emaSlow, bollinger, directional } =
      this;
    rsi.update(candle);
    out.rsi[slot] = rsi.value;
    macd.update(candle);
    out.macd[slot] = macd.macd;
    out.macd_signal[slot] = macd.signal;
    out.macd_hist[slot] = macd.hist;
    stochastic.update(candle);
    out.stoch_k[slot] = stochastic.k;
    out.stoch_d[slot] = stochastic.d;
    mfi.update(candle);
    out.mfi[slot] = mfi.value;
    cci.update(candle);
    out.cci[slot] = cci.value;
    williamsR.update(candle); // after stochastic: it may read stochastic's window
    out.willr[slot] = williamsR.value;
    atr.update(candle);
    out.atr[slot] = atr.value;
    emaFast.update(candle);
    out.ema50[slot] = emaFast.value;
    emaSlow.update(candle);
    out.ema200[slot] = emaSlow.value;
    bollinger.update(candle);
    out.bb_upper[slot] = bollinger.upper;
    out.bb_middle[slot] = bollinger.middle;
    out.bb_lower[slot] = bollinger.lower;
    out.bb_bandwidth[slot] = bollinger.bandwidth;
    directional.update(candle);
    out.adx[slot] = directional.adx;
    out.plus_di[slot] = directional.plusDI;
    out.minus_di[slot] = directional.minusDI;
    this.volumeSma.update(candle);
    out.volume_sma[slot] = this.volumeSma.value;
  }

  /** Back to the state before the first candle (same settings). */
  reset(): void {
    this.rsi.reset();
    this.macd.reset();
    this.stochastic.reset();
    this.mfi.reset();
    this.cci.reset();
    this.williamsR.reset();
    this.atr.reset();
    this.emaFast.reset();
    this.emaSlow.reset();
    this.bollinger.reset();
    this.directional.reset();
    this.volumeSma.reset();
    const v = this.values;
    for (const field of IndicatorFields) v[field] = Number.NaN;
  }
}
