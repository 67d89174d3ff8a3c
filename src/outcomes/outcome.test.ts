import { describe, expect, it } from 'vitest';
import type { Candle } from '../domain/candle.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { evaluateOutcome, type OutcomeInput } from './outcome.js';

const T = Date.UTC(2024, 0, 8);
const LONG: OutcomeInput = { direction: 'long', knownAt: T, stop: 95, tp1: 105, tp2: 110 };
const bars = (ohlc: Array<[number, number, number, number]>): Candle[] =>
  ohlc.map(([open, high, low, close], i) => ({
    time: T + i * HOUR_MS,
    open,
    high,
    low,
    close,
    volume: null,
  }));
const flat = (n: number, p = 100) =>
  bars(Array.from({ length: n }, () => [p, p + 1, p - 1, p] as [number, number, number, number]));

describe('outcome tracker (SPEC §13)', () => {
  it('records the closes at +1h, +4h, +24h, +72h and expires after 72 hours', () => {
    const b = flat(80);
    const o = evaluateOutcome(LONG, b, T + 100 * HOUR_MS);
    expect(o.prices).toEqual({ 1: 100, 4: 100, 24: 100, 72: 100 });
    expect(o.verdict).toBe('expired');
    expect(o.resolvedAt).toBe(T + 72 * HOUR_MS);
  });

  it('is pending before the horizon: only closed bars are read', () => {
    const o = evaluateOutcome(LONG, flat(80), T + 5 * HOUR_MS);
    expect(o.prices).toEqual({ 1: 100, 4: 100, 24: null, 72: null });
    expect(o.verdict).toBeNull();
  });

  it('TP2, TP1 then stop (TP1 stands), stop first inside one bar', () => {
    expect(evaluateOutcome(LONG, bars([[100, 111, 99, 110]]), T + 80 * HOUR_MS).verdict).toBe('tp2');
    expect(
      evaluateOutcome(
        LONG,
        bars([
          [100, 106, 99, 104],
          [104, 104, 94, 95],
        ]),
        T + 80 * HOUR_MS,
      ).verdict,
    ).toBe('tp1');
    expect(evaluateOutcome(LONG, bars([[100, 111, 94, 100]]), T + 80 * HOUR_MS).verdict).toBe('sl');
    expect(evaluateOutcome(LONG, bars([[100, 106, 99, 104]]), T + 80 * HOUR_MS).verdict).toBe('tp1');
  });

  it('mirrors for shorts', () => {
    const short: OutcomeInput = { direction: 'short', knownAt: T, stop: 105, tp1: 95, tp2: 90 };
    expect(evaluateOutcome(short, bars([[100, 101, 89, 90]]), T + 80 * HOUR_MS).verdict).toBe('tp2');
    expect(evaluateOutcome(short, bars([[100, 106, 99, 104]]), T + 80 * HOUR_MS).verdict).toBe('sl');
  });
});
