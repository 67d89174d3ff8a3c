import { describe, expect, it } from 'vitest';
import type { Candle } from '../domain/candle.js';
import { CandleColumns } from '../domain/candle-columns.js';
import { type CounterfactualSettings, simulateCounterfactual } from './counterfactual.js';

const S: CounterfactualSettings = {
  ENTRY_MODE: 'market',
  LIMIT_ENTRY_BARS: 3,
  TRAIL_ATR_MULTIPLE: 2,
  TRAIL_ATR_MULTIPLE_TIGHT: 1,
  MAX_HOLD_BARS: 120,
};
const bar = (open: number, high: number, low: number, close: number, i = 0): Candle => ({
  time: i * 3_600_000,
  open,
  high,
  low,
  close,
  volume: 1,
});
const bars = (...xs: Array<[number, number, number, number]>) =>
  CandleColumns.fromCandles(xs.map(([o, h, l, c], i) => bar(o, h, l, c, i)));
const atr = (n: number, v = 1) => new Float64Array(n).fill(v);
// A long from 100 with the stop at 98 (risk 2), TP1 at 102 (1 R), TP2 at 106 (3 R); no costs.
const long = {
  direction: 'long' as const,
  entry: 100,
  stop: 98,
  tp1: 102,
  tp2: 106,
  from: 0,
  costsPerUnit: 0,
};

describe('simulateCounterfactual (the engine exit rules on bars, in R)', () => {
  it('stop first when one bar reaches both the stop and a target: −1 R', () => {
    const b = bars([100, 107, 97, 100]);
    const o = simulateCounterfactual(long, b, atr(1), S);
    expect(o.status).toBe('closed');
    expect(o.r).toBeCloseTo(-1, 12);
    expect(o.exits.map((e) => e.reason)).toEqual(['stop', 'stop']);
  });

  it('half at TP1, then breakeven: +0.5 R when price comes back', () => {
    const b = bars([100, 102.5, 99.5, 101], [101, 101.5, 99, 99.2]);
    const o = simulateCounterfactual(long, b, atr(2, 10), S);
    expect(o.exits.map((e) => [e.reason, e.price])).toEqual([
      ['tp1', 102],
      ['breakeven', 100],
    ]);
    expect(o.r).toBeCloseTo(0.5, 12);
  });

  it('both targets: (1 R + 3 R) / 2 = 2 R', () => {
    const b = bars([100, 102.5, 99.5, 102], [102, 106.5, 101.5, 106]);
    const o = simulateCounterfactual(long, b, atr(2, 10), S);
    expect(o.exits.map((e) => e.reason)).toEqual(['tp1', 'tp2']);
    expect(o.r).toBeCloseTo(2, 12);
  });

  it('a bar opening beyond the stop fills at its open (gap): worse than −1 R', () => {
    const b = bars([100, 100.5, 99.5, 100], [96, 96.5, 95, 96]);
    const o = simulateCounterfactual(long, b, atr(2), S);
    expect(o.exits[0]).toMatchObject({ price: 96, reason: 'stop' });
    expect(o.r).toBeCloseTo(-2, 12);
  });

  it('the time stop closes at the next open after MAX_HOLD_BARS bars', () => {
    const b = bars([100, 100.5, 99.5, 100], [100, 100.5, 99.5, 100.4], [101, 101, 100, 100.5]);
    const o = simulateCounterfactual(long, b, atr(3), { ...S, MAX_HOLD_BARS: 2 });
    expect(o.exits.map((e) => [e.reason, e.index, e.price])).toEqual([
      ['time', 2, 101],
      ['time', 2, 101],
    ]);
    expect(o.r).toBeCloseTo(0.5, 12);
  });

  it('costs come off in R, and a limit never touched does not fill', () => {
    const b = bars([100, 102.5, 99.5, 102], [102, 106.5, 101.5, 106]);
    expect(simulateCounterfactual({ ...long, costsPerUnit: 0.2 }, b, atr(2, 10), S).r).toBeCloseTo(1.9, 12);
    const high = bars([101, 103, 100.5, 102], [102, 104, 101, 103], [103, 105, 102, 104]);
    const limit = simulateCounterfactual({ ...long, entry: 100 }, high, atr(3), {
      ...S,
      ENTRY_MODE: 'limit',
    });
    expect(limit).toMatchObject({ status: 'unfilled', r: 0 });
  });

  it('tickets still open when the data ends are valued at the last close', () => {
    const b = bars([100, 101, 99.5, 101], [101, 101.5, 100, 101]);
    const o = simulateCounterfactual(long, b, atr(2), S);
    expect(o.status).toBe('open_at_end');
    expect(o.r).toBeCloseTo(0.5, 12);
  });

  it('shorts mirror longs', () => {
    const short = {
      direction: 'short' as const,
      entry: 100,
      stop: 102,
      tp1: 98,
      tp2: 94,
      from: 0,
      costsPerUnit: 0,
    };
    const b = bars([100, 100.5, 97.5, 98], [98, 98.5, 93.5, 94]);
    expect(simulateCounterfactual(short, b, atr(2, 10), S).r).toBeCloseTo(2, 12);
  });
});
