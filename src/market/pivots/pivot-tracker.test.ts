import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../domain/candle.js';
import type { Pivot } from '../../domain/pivot.js';
import { findPivots, PivotTracker } from './pivot-tracker.js';

const HOUR = 3_600_000;

/**
 * The SPEC §4 text, transcribed as plainly as possible (no windows, no cleverness): for every bar c
 * with L bars on its left and R on its right, test the two inequalities, and report it at c + R.
 */
function referencePivots(candles: readonly Candle[], left: number, right: number): Pivot[] {
  const out: Pivot[] = [];
  for (let c = left; c + right < candles.length; c++) {
    const bar = candles[c]!;
    let high = true;
    let low = true;
    for (let j = 1; j <= left; j++) {
      if (!(candles[c - j]!.high <= bar.high)) high = false;
      if (!(candles[c - j]!.low >= bar.low)) low = false;
    }
    for (let j = 1; j <= right; j++) {
      if (!(candles[c + j]!.high < bar.high)) high = false;
      if (!(candles[c + j]!.low > bar.low)) low = false;
    }
    const confirmTime = candles[c + right]!.time;
    const common = { index: c, time: bar.time, confirmIndex: c + right, confirmTime };
    if (high) out.push({ kind: 'high', price: bar.high, ...common });
    if (low) out.push({ kind: 'low', price: bar.low, ...common });
  }
  // The documented order: by confirm index, then a high before a low.
  return out.sort((a, b) => a.confirmIndex - b.confirmIndex || (a.kind === 'high' ? -1 : 1));
}

const bar = (i: number, high: number, low: number): Candle => ({
  time: i * HOUR,
  open: low,
  high,
  low,
  close: high,
  volume: null,
});

/** Bars from (a, b) pairs: high = max, low = min, so low ≤ high like real candles. */
const toCandles = (pairs: readonly (readonly [number, number])[]) =>
  pairs.map(([a, b], i) => bar(i, Math.max(a, b), Math.min(a, b)));

const tinyPrices = fc.array(fc.tuple(fc.constantFrom(1, 2, 3), fc.constantFrom(1, 2, 3)), { maxLength: 80 });
const widePrices = fc.array(
  fc.tuple(fc.double({ min: 1, max: 2, noNaN: true }), fc.double({ min: 1, max: 2, noNaN: true })),
  {
    maxLength: 200,
  },
);
const sides = fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 }));

describe('PivotTracker', () => {
  it('equals the brute-force reference, heavy ties included', () => {
    fc.assert(
      fc.property(fc.oneof(tinyPrices, widePrices), sides, (pairs, [left, right]) => {
        const candles = toCandles(pairs);
        expect(findPivots(candles, left, right)).toEqual(referencePivots(candles, left, right));
      }),
      { numRuns: 2000 },
    );
  });

  it('lets the later bar of a plateau win, and needs L bars on the left', () => {
    // highs: 1 3 3 1 1 → with L=R=1 only bar 2 is a pivot high (bar 1 has an equal right bar).
    const candles = [1, 3, 3, 1, 1].map((h, i) => bar(i, h, 0.5));
    expect(findPivots(candles, 1, 1).filter((p) => p.kind === 'high')).toEqual([
      { kind: 'high', index: 2, time: 2 * HOUR, price: 3, confirmIndex: 3, confirmTime: 3 * HOUR },
    ]);
    // Bar 0 is the highest of all, but has no left bar: never a pivot when L > 0.
    const first = [5, 1, 1].map((h, i) => bar(i, h, 0.5));
    expect(findPivots(first, 1, 1), 'no left bars, as in TradingView').toEqual([]);
    expect(findPivots(first, 0, 1).map((p) => p.index)).toEqual([0]);
  });

  it('emits both kinds for an outside bar, the high first, at the confirm bar only', () => {
    const tracker = new PivotTracker(1, 2);
    const bars = [bar(0, 2, 1), bar(1, 3, 0), bar(2, 2, 1), bar(3, 2, 1)];
    const counts = bars.map((b, i) => tracker.updateCandle(100 + i, b));
    expect(counts, 'nothing before the confirm bar 1 + R').toEqual([0, 0, 0, 2]);
    expect([tracker.pivotAt(0).kind, tracker.pivotAt(1).kind]).toEqual(['high', 'low']);
    expect(tracker.pivotAt(1)).toMatchObject({
      index: 101,
      price: 0,
      confirmIndex: 103,
      confirmTime: 3 * HOUR,
    });
    expect(() => tracker.pivotAt(2)).toThrow(RangeError);
  });

  it('rejects gaps in the indices and bad parameters, and can be reset', () => {
    const tracker = new PivotTracker(2, 2);
    tracker.update(5, 0, 1, 1);
    expect(() => tracker.update(7, HOUR, 1, 1)).toThrow(/bar index 7 after 5/);
    tracker.reset();
    expect(tracker.update(0, 0, 1, 1)).toBe(0);
    expect(() => new PivotTracker(-1, 2)).toThrow(RangeError);
    expect(() => new PivotTracker(2, 1.5)).toThrow(RangeError);
  });

  it('finds the same pivots in rings the caller keeps (updateAt) as in copied bars', () => {
    fc.assert(
      fc.property(fc.oneof(tinyPrices, widePrices), sides, fc.nat(1000), (pairs, [left, right], start) => {
        const candles = toCandles(pairs);
        let size = 1;
        while (size < left + right + 1) size *= 2;
        const rings = {
          time: new Float64Array(size),
          high: new Float64Array(size),
          low: new Float64Array(size),
        };
        const tracker = new PivotTracker(left, right);
        const got: Pivot[] = [];
        for (const [i, c] of candles.entries()) {
          const at = (start + i) & (size - 1);
          rings.time[at] = c.time;
          rings.high[at] = c.high;
          rings.low[at] = c.low;
          const n = tracker.updateAt(start + i, rings, size - 1);
          for (let k = 0; k < n; k++) {
            expect([tracker.isLowAt(k), tracker.priceAt(k)]).toEqual([
              tracker.pivotAt(k).kind === 'low',
              tracker.pivotAt(k).price,
            ]);
            got.push(tracker.pivotAt(k));
          }
        }
        const expected = findPivots(candles, left, right).map((p) => ({
          ...p,
          index: p.index + start,
          confirmIndex: p.confirmIndex + start,
        }));
        expect(got).toEqual(expected);
      }),
      { numRuns: 500 },
    );
    expect(() =>
      new PivotTracker(5, 5).updateAt(
        0,
        { time: new Float64Array(8), high: new Float64Array(8), low: new Float64Array(8) },
        7,
      ),
    ).toThrow(RangeError);
  });

  it('finds the same pivots after a reset as a fresh tracker', () => {
    fc.assert(
      fc.property(tinyPrices, tinyPrices, sides, (a, b, [left, right]) => {
        const tracker = new PivotTracker(left, right);
        for (const [i, c] of toCandles(a).entries()) tracker.updateCandle(i, c);
        tracker.reset();
        const got: Pivot[] = [];
        for (const [i, c] of toCandles(b).entries()) {
          const n = tracker.updateCandle(i, c);
          for (let k = 0; k < n; k++) got.push(tracker.pivotAt(k));
        }
        expect(got).toEqual(findPivots(toCandles(b), left, right));
      }),
      { numRuns: 300 },
    );
  });
});
