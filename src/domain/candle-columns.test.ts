import { describe, expect, it } from 'vitest';
import type { Candle } from './candle.js';
import { CandleColumns } from './candle-columns.js';

const candles: Candle[] = [
  { time: 0, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 },
  { time: 3_600_000, open: 1.5, high: 2.5, low: 1, close: 2, volume: null, spread: 0.01 },
  { time: 7_200_000, open: 2, high: 3, low: 1.5, close: 2.5, volume: 0 },
];

describe('CandleColumns', () => {
  it('round-trips candles, unknown volume and spreads included', () => {
    const c = CandleColumns.fromCandles(candles);
    expect(c.slice(0, 3)).toEqual(candles);
    expect(c.at(1).volume).toBeNull();
    expect(c.at(0)).not.toHaveProperty('spread');
  });

  it('finds bars by time and takes a prefix without copying', () => {
    const c = CandleColumns.fromCandles(candles);
    expect([c.lowerBound(-1), c.lowerBound(0), c.lowerBound(1), c.lowerBound(9e9)]).toEqual([0, 0, 1, 3]);
    const head = c.head(2);
    expect(head.length).toBe(2);
    expect(head.close.buffer).toBe(c.close.buffer);
    expect(head.slice(0, 5)).toEqual(candles.slice(0, 2));
  });
});
