import { describe, expect, it } from 'vitest';
import { IndicatorFields } from '../../domain/indicator-values.js';
import { computeIndicators } from './compute-indicators.js';
import { IndicatorHistory } from './indicator-history.js';
import { IndicatorSet } from './indicator-set.js';
import { emptyIndicatorValues } from './indicator-values.js';
import { generatedSeries } from './test-support/generated-series.js';

const candles = generatedSeries()[0]!.candles;

describe('IndicatorHistory', () => {
  it('records every field of every bar across capacity doublings', () => {
    const history = new IndicatorHistory(1);
    const set = new IndicatorSet();
    const copies = candles.map((c) => {
      const values = set.update(c);
      history.append(values);
      return { ...values };
    });
    expect(history.length).toBe(candles.length);
    copies.forEach((values, i) => {
      for (const field of IndicatorFields) expect(history.get(field, i)).toBe(values[field]);
    });
    expect(history.column('bb_bandwidth').slice(-250)).toHaveLength(250);
  });

  it('rejects bar indices outside the history, and clears', () => {
    const history = computeIndicators(candles.slice(0, 10));
    expect(() => history.get('rsi', 10)).toThrow(RangeError);
    expect(() => history.get('rsi', -1)).toThrow(RangeError);
    history.clear();
    expect(history.length).toBe(0);
    history.append(emptyIndicatorValues());
    expect(history.get('macd', 0)).toBeNaN();
  });
});

describe('IndicatorSet', () => {
  it('returns one reused object, and reset() starts over', () => {
    const set = new IndicatorSet();
    const first = set.update(candles[0]!);
    expect(set.update(candles[1]!), 'the same object: callers copy what they keep').toBe(first);
    const once = computeIndicators(candles);
    set.reset();
    expect(Object.values(set.update(candles[0]!)).every(Number.isNaN)).toBe(true);
    for (const candle of candles.slice(1)) set.update(candle);
    expect(set.update(candles[0]!)).not.toEqual(emptyIndicatorValues());
    set.reset();
    const again = new IndicatorHistory();
    for (const candle of candles) again.append(set.update(candle));
    for (const field of IndicatorFields)
      expect(Array.from(again.column(field))).toEqual(Array.from(once.column(field)));
  });
});
