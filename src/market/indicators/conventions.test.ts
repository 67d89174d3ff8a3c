// TA-Lib's conventions on degenerate data, found by asking the oracle (talib 1.1.6) and pinned
// here so they hold without it; where talib loads, each scenario is also compared with it directly.
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../domain/candle.js';
import type { IndicatorField } from '../../domain/indicator-values.js';
import { computeIndicators } from './compute-indicators.js';
import { compareWithTalib } from './test-support/compare.js';
import { toColumns } from './test-support/datasets.js';
import { loadTalib, talibIndicators } from './test-support/talib-oracle.js';

const bar = (i: number, price: number, volume: number | null = 10, range = 0): Candle => ({
  time: i * 3_600_000,
  open: price,
  high: price + range,
  low: price - range,
  close: price,
  volume,
});
const flat = (n: number, price: number) => Array.from({ length: n }, (_, i) => bar(i, price));
const rising = (n: number, from: number, step: number, volume = 10) =>
  Array.from({ length: n }, (_, i) => bar(i, from + i * step, volume, step / 2));
/** Reader of one scenario's history: `get(field, bar)`. */
const last = (candles: Candle[]) => {
  const history = computeIndicators(candles);
  return (field: IndicatorField, index: number) => history.get(field, index);
};

const scenarios: Record<string, Candle[]> = {
  'flat at 123.456': flat(300, 123.456),
  'flat at 1': flat(300, 1),
  'tiny rising prices': rising(300, 1e-5, 1e-8, 1000),
  'rise then 600 flat bars': [
    ...rising(100, 100, 1),
    ...flat(600, 199).map((c, i) => ({ ...c, time: (100 + i) * 3_600_000 })),
  ],
};

describe('TA-Lib conventions on degenerate data', () => {
  it('flat prices: RSI, Stochastic, Williams %R, ATR, ±DI, ADX and MFI are 0', () => {
    const get = last(scenarios['flat at 123.456']!);
    for (const field of [
      'rsi',
      'stoch_k',
      'stoch_d',
      'willr',
      'atr',
      'plus_di',
      'minus_di',
      'adx',
      'mfi',
    ] as const) {
      expect(get(field, 299), field).toBe(0);
    }
  });

  it('flat prices: CCI is 0 only if the SMA of equal prices rounds back to the price', () => {
    expect(last(scenarios['flat at 1']!)('cci', 299)).toBe(0);
    // 20 × 123.456 / 20 is off by one ulp: TA-Lib divides that tiny distance by a tiny deviation.
    expect(last(scenarios['flat at 123.456']!)('cci', 299)).toBe(66.66666666666667);
  });

  it('flat prices: Bollinger bands keep the width left by E[x²] − mean² cancellation', () => {
    const get = last(scenarios['flat at 123.456']!);
    expect(get('bb_bandwidth', 299)).toBeGreaterThan(0);
    expect(get('bb_bandwidth', 299)).toBeLessThan(1e-6);
  });

  it('tiny prices: MFI is 0 when the money flow of the window is below 1.0; bands collapse below variance 1e-14', () => {
    const get = last(scenarios['tiny rising prices']!);
    expect(get('mfi', 299), 'every flow is positive, yet below 1.0 in total').toBe(0);
    expect(get('bb_upper', 299)).toBe(get('bb_middle', 299));
    expect(get('bb_bandwidth', 299)).toBe(0);
  });

  it('a long flat stretch: RSI holds, then is 0 once average gain + loss < 1e-14; ADX holds, ±DI drop to 0', () => {
    const get = last(scenarios['rise then 600 flat bars']!);
    expect(get('rsi', 200)).toBe(100);
    expect(get('rsi', 699)).toBe(0);
    expect(get('plus_di', 699)).toBe(0);
    expect(get('adx', 699)).toBeGreaterThan(50);
    expect(get('adx', 699)).toBe(get('adx', 650));
  });
});

const talib = loadTalib();
describe.skipIf(!talib)('the scenarios equal TA-Lib (direct)', () => {
  it.each(Object.keys(scenarios))('%s', (name) => {
    const candles = scenarios[name]!;
    const result = compareWithTalib(
      computeIndicators(candles),
      talibIndicators(talib!, toColumns(candles)),
      name,
    );
    expect(result.problems).toEqual([]);
  });
});
