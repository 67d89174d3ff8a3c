// Each field is NaN before TA-Lib's first output index (its begIndex for those periods) and a
// number from it on; periods other than the defaults follow TA-Lib too.
import { describe, expect, it } from 'vitest';
import { IndicatorFields } from '../../domain/indicator-values.js';
import { computeIndicators } from './compute-indicators.js';
import { IndicatorSet } from './indicator-set.js';
import type { IndicatorSettings } from './settings.js';
import { compareWithTalib } from './test-support/compare.js';
import { toColumns } from './test-support/datasets.js';
import { generatedSeries } from './test-support/generated-series.js';
import { loadTalib, talibIndicators } from './test-support/talib-oracle.js';

// Checked against talib 1.1.6's begIndex (the direct test below re-checks it where talib loads).
const DEFAULT_FIRST_INDEX = {
  rsi: 14,
  macd: 33,
  macd_signal: 33,
  macd_hist: 33,
  stoch_k: 17,
  stoch_d: 17,
  mfi: 14,
  cci: 19,
  willr: 13,
  atr: 14,
  ema50: 49,
  ema200: 199,
  bb_upper: 19,
  bb_middle: 19,
  bb_lower: 19,
  bb_bandwidth: 19,
  adx: 27,
  plus_di: 14,
  minus_di: 14,
  volume_sma: 19,
};

const OTHER_SETTINGS: Partial<IndicatorSettings>[] = [
  {
    rsiPeriod: 2,
    macdFastPeriod: 5,
    macdSlowPeriod: 35,
    macdSignalPeriod: 4,
    stochKPeriod: 5,
    stochKSlowing: 1,
  },
  {
    macdFastPeriod: 26,
    macdSlowPeriod: 12,
    macdSignalPeriod: 2,
    stochKPeriod: 21,
    stochKSlowing: 5,
    stochDPeriod: 4,
  },
  {
    mfiPeriod: 2,
    cciPeriod: 2,
    williamsRPeriod: 2,
    atrPeriod: 1,
    emaFastPeriod: 2,
    emaSlowPeriod: 3,
    adxPeriod: 2,
  },
  {
    bollingerPeriod: 2,
    bollingerStdDev: 1,
    volumeSmaPeriod: 2,
    stochKPeriod: 1,
    stochDPeriod: 1,
    adxPeriod: 30,
  },
  { bollingerPeriod: 50, bollingerStdDev: 2.5, mfiPeriod: 30, cciPeriod: 40, atrPeriod: 30, rsiPeriod: 40 },
];

const series = generatedSeries()[4]!.candles; // 'gaps': volume known throughout

describe('first output index', () => {
  it('defaults: the first index of every field', () => {
    expect(new IndicatorSet().firstIndex).toEqual(DEFAULT_FIRST_INDEX);
    expect(new IndicatorSet().warmupBars).toBe(200);
  });

  it.each([{}, ...OTHER_SETTINGS])('NaN before firstIndex, finite from it on: %o', (settings) => {
    const history = computeIndicators(series, settings);
    const first = new IndicatorSet(settings).firstIndex;
    for (const field of IndicatorFields) {
      const column = Array.from(history.column(field));
      expect(
        column.findIndex((x) => !Number.isNaN(x)),
        field,
      ).toBe(first[field]);
      expect(column.slice(first[field]).every(Number.isFinite), field).toBe(true);
    }
  });

  it('rejects periods TA-Lib rejects', () => {
    expect(() => new IndicatorSet({ rsiPeriod: 1 })).toThrow(RangeError);
    expect(() => new IndicatorSet({ cciPeriod: 2.5 })).toThrow(RangeError);
    expect(() => new IndicatorSet({ bollingerStdDev: Number.NaN })).toThrow(RangeError);
    expect(() => new IndicatorSet({ macdSignalPeriod: 1 }), 'TA-Lib misbehaves there').toThrow(RangeError);
  });
});

const talib = loadTalib();
describe.skipIf(!talib)('other periods equal TA-Lib (direct)', () => {
  it.each([{}, ...OTHER_SETTINGS])('%o', (settings) => {
    const set = new IndicatorSet(settings);
    const expected = talibIndicators(talib!, toColumns(series), set.settings);
    for (const field of IndicatorFields) expect(set.firstIndex[field], field).toBe(expected[field]!.begIndex);
    const result = compareWithTalib(computeIndicators(series, settings), expected, 'gaps');
    expect(result.problems).toEqual([]);
  });
});
