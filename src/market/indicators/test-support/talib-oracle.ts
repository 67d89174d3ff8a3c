// TA-Lib (the optional `talib` native package) as the test oracle: never imported by the product.
// Its `main` is a .node file, so it is loaded with require, and may be missing (a machine without a
// C++ toolchain installs without it).
import { createRequire } from 'node:module';
import type { IndicatorField } from '../../../domain/indicator-values.js';
import { DEFAULT_INDICATOR_SETTINGS, type IndicatorSettings } from '../settings.js';

interface TalibResult {
  begIndex: number;
  nbElement: number;
  result: Record<string, number[]>;
}
export interface Talib {
  version: string;
  execute(params: Record<string, unknown>): TalibResult;
}

/** The oracle, or undefined where it is not installed (or TALIB=off, to try the fallback path). */
export function loadTalib(): Talib | undefined {
  if (process.env.TALIB === 'off') return undefined;
  try {
    return createRequire(import.meta.url)('talib') as Talib;
  } catch {
    return undefined;
  }
}

/** Plain arrays: the binding misreads typed arrays (checked: Float64Array inputs give wrong MFI). */
export interface OhlcvColumns {
  readonly high: number[];
  readonly low: number[];
  readonly close: number[];
  /** Absent when the volume is unknown: MFI and volume SMA are then not asked of TA-Lib. */
  readonly volume?: number[] | undefined;
}

/** One TA-Lib output series: `values[k]` belongs to bar `begIndex + k`. */
export interface TalibSeries {
  readonly begIndex: number;
  readonly values: number[];
}

/** TA-Lib's output for every field of IndicatorValues (bandwidth derived from its bands). */
export function talibIndicators(
  talib: Talib,
  input: OhlcvColumns,
  s: IndicatorSettings = DEFAULT_INDICATOR_SETTINGS,
): Partial<Record<IndicatorField, TalibSeries>> {
  const endIdx = input.close.length - 1;
  const { high, low, close, volume } = input;
  const run = (name: string, params: Record<string, unknown>) => {
    const r = talib.execute({ name, startIdx: 0, endIdx, ...params });
    if (typeof r.begIndex !== 'number') throw new Error(`talib ${name} failed: ${JSON.stringify(r)}`);
    return (output: string): TalibSeries => ({ begIndex: r.begIndex, values: r.result[output]! });
  };
  const hlc = { high, low, close };
  const macd = run('MACD', {
    inReal: close,
    optInFastPeriod: s.macdFastPeriod,
    optInSlowPeriod: s.macdSlowPeriod,
    optInSignalPeriod: s.macdSignalPeriod,
  });
  const stoch = run('STOCH', {
    ...hlc,
    optInFastK_Period: s.stochKPeriod,
    optInSlowK_Period: s.stochKSlowing,
    optInSlowK_MAType: 0,
    optInSlowD_Period: s.stochDPeriod,
    optInSlowD_MAType: 0,
  });
  const bb = run('BBANDS', {
    inReal: close,
    optInTimePeriod: s.bollingerPeriod,
    optInNbDevUp: s.bollingerStdDev,
    optInNbDevDn: s.bollingerStdDev,
    optInMAType: 0,
  });
  const upper = bb('outRealUpperBand');
  const middle = bb('outRealMiddleBand');
  const lower = bb('outRealLowerBand');
  const out: Partial<Record<IndicatorField, TalibSeries>> = {
    rsi: run('RSI', { inReal: close, optInTimePeriod: s.rsiPeriod })('outReal'),
    macd: macd('outMACD'),
    macd_signal: macd('outMACDSignal'),
    macd_hist: macd('outMACDHist'),
    stoch_k: stoch('outSlowK'),
    stoch_d: stoch('outSlowD'),
    cci: run('CCI', { ...hlc, optInTimePeriod: s.cciPeriod })('outReal'),
    willr: run('WILLR', { ...hlc, optInTimePeriod: s.williamsRPeriod })('outReal'),
    atr: run('ATR', { ...hlc, optInTimePeriod: s.atrPeriod })('outReal'),
    ema50: run('EMA', { inReal: close, optInTimePeriod: s.emaFastPeriod })('outReal'),
    ema200: run('EMA', { inReal: close, optInTimePeriod: s.emaSlowPeriod })('outReal'),
    bb_upper: upper,
    bb_middle: middle,
    bb_lower: lower,
    // Our definition on TA-Lib's bands, with the same expression.
    bb_bandwidth: {
      begIndex: middle.begIndex,
      values: middle.values.map((m, k) => (m !== 0 ? (upper.values[k]! - lower.values[k]!) / m : 0)),
    },
    adx: run('ADX', { ...hlc, optInTimePeriod: s.adxPeriod })('outReal'),
    plus_di: run('PLUS_DI', { ...hlc, optInTimePeriod: s.adxPeriod })('outReal'),
    minus_di: run('MINUS_DI', { ...hlc, optInTimePeriod: s.adxPeriod })('outReal'),
  };
  if (volume) {
    out.mfi = run('MFI', { ...hlc, volume, optInTimePeriod: s.mfiPeriod })('outReal');
    out.volume_sma = run('SMA', { inReal: volume, optInTimePeriod: s.volumeSmaPeriod })('outReal');
  }
  return out;
}
