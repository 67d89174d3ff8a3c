// Indicator periods (SPEC §3 defaults). Field names ema50/ema200 in IndicatorValues stay fixed even
// if the EMA periods are changed here.
import { checkPeriod } from './ta-math.js';

export interface IndicatorSettings {
  readonly rsiPeriod: number;
  readonly macdFastPeriod: number;
  readonly macdSlowPeriod: number;
  readonly macdSignalPeriod: number;
  /** Stochastic %K look-back (TA-Lib fastK period). */
  readonly stochKPeriod: number;
  /** SMA slowing of %K (TA-Lib slowK period). */
  readonly stochKSlowing: number;
  /** SMA of slow %K (TA-Lib slowD period). */
  readonly stochDPeriod: number;
  readonly mfiPeriod: number;
  readonly cciPeriod: number;
  readonly williamsRPeriod: number;
  readonly atrPeriod: number;
  readonly emaFastPeriod: number;
  readonly emaSlowPeriod: number;
  readonly bollingerPeriod: number;
  /** Band width in population standard deviations. */
  readonly bollingerStdDev: number;
  /** ADX and ±DI share one period, as in TA-Lib. */
  readonly adxPeriod: number;
  readonly volumeSmaPeriod: number;
}

export const DEFAULT_INDICATOR_SETTINGS: IndicatorSettings = Object.freeze({
  rsiPeriod: 14,
  macdFastPeriod: 12,
  macdSlowPeriod: 26,
  macdSignalPeriod: 9,
  stochKPeriod: 14,
  stochKSlowing: 3,
  stochDPeriod: 3,
  mfiPeriod: 14,
  cciPeriod: 20,
  williamsRPeriod: 14,
  atrPeriod: 14,
  emaFastPeriod: 50,
  emaSlowPeriod: 200,
  bollingerPeriod: 20,
  bollingerStdDev: 2,
  adxPeriod: 14,
  volumeSmaPeriod: 20,
});

// TA-Lib's minimum for each period (1 where a period of one bar is meaningful to it). MACD's signal
// period is held to 2 although TA-Lib accepts 1: its MACD then reads outside its buffers (the EMA
// lookback of a 1-bar period is −1 there).
const MIN_PERIOD: Record<Exclude<keyof IndicatorSettings, 'bollingerStdDev'>, number> = {
  rsiPeriod: 2,
  macdFastPeriod: 2,
  macdSlowPeriod: 2,
  macdSignalPeriod: 2,
  stochKPeriod: 1,
  stochKSlowing: 1,
  stochDPeriod: 1,
  mfiPeriod: 2,
  cciPeriod: 2,
  williamsRPeriod: 2,
  atrPeriod: 1,
  emaFastPeriod: 2,
  emaSlowPeriod: 2,
  bollingerPeriod: 2,
  adxPeriod: 2,
  volumeSmaPeriod: 2,
};

/** Defaults overridden by `overrides`; throws RangeError on a period TA-Lib would reject. */
export function resolveIndicatorSettings(overrides: Partial<IndicatorSettings> = {}): IndicatorSettings {
  const s = { ...DEFAULT_INDICATOR_SETTINGS, ...overrides };
  for (const [key, min] of Object.entries(MIN_PERIOD) as [keyof typeof MIN_PERIOD, number][]) {
    checkPeriod(key, s[key], min);
  }
  if (!Number.isFinite(s.bollingerStdDev) || s.bollingerStdDev < 0) {
    throw new RangeError(`bollingerStdDev must be a finite number >= 0, got ${s.bollingerStdDev}`);
  }
  return Object.freeze(s);
}
