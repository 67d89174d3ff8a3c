// The no-lookahead contract of SPEC §4/§15 for pivots: what is known at bar t (pivots whose
// confirm bar is ≤ t) must not change when the bars after t are removed or replaced by noise.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../../domain/candle.js';
import type { Pivot } from '../../domain/pivot.js';
import { readCandleFile } from '../../market-data/csv.js';
import { findPivots, PivotTracker } from './pivot-tracker.js';

const HOUR = 3_600_000;
const dataDir = new URL('../../../data/', import.meta.url);

/** Noise bars continuing a series after `last`: any prices, hourly times. */
const noise = (last: Candle) =>
  fc
    .array(
      fc.tuple(fc.double({ min: 0.5, max: 2, noNaN: true }), fc.double({ min: 0.5, max: 2, noNaN: true })),
      {
        minLength: 1,
        maxLength: 40,
      },
    )
    .map((pairs) =>
      pairs.map(([a, b], k): Candle => {
        const high = last.close * Math.max(a, b);
        const low = last.close * Math.min(a, b);
        return { time: last.time + (k + 1) * HOUR, open: low, high, low, close: high, volume: 1 };
      }),
    );

const samePivot = (a: Pivot, b: Pivot) =>
  a.kind === b.kind &&
  a.index === b.index &&
  a.time === b.time &&
  a.price === b.price &&
  a.confirmIndex === b.confirmIndex &&
  a.confirmTime === b.confirmTime;

/** toEqual after a cheap field-by-field check: the real-data arrays hold thousands of pivots. */
function expectSame(actual: readonly Pivot[], expected: readonly Pivot[], why: string) {
  const same = actual.length === expected.length && actual.every((p, i) => samePivot(p, expected[i]!));
  if (!same) expect(actual, why).toEqual(expected);
}

function expectCausal(
  candles: readonly Candle[],
  t: number,
  future: readonly Candle[],
  left: number,
  right: number,
  full: readonly Pivot[] = findPivots(candles, left, right),
) {
  const known = full.filter((p) => p.confirmIndex <= t);
  const cut = candles.slice(0, t + 1);
  const truncated = findPivots(cut, left, right);
  expectSame(truncated, known, 'cut after t: nothing known at t changes');
  expect(
    truncated.every((p) => p.confirmIndex <= t),
    'nothing confirmed after t is visible at t',
  ).toBe(true);
  const replaced = findPivots([...cut, ...future], left, right).filter((p) => p.confirmIndex <= t);
  expectSame(replaced, known, 'future replaced by noise: nothing known at t changes');
}

describe('pivot causality', () => {
  const files: Record<string, Candle[]> = {};
  beforeAll(async () => {
    for (const name of ['binance_BTC_USDT-1h.csv', 'oanda_EUR_USD-1h.csv']) {
      files[name] = await readCandleFile(new URL(name, dataDir));
    }
  });

  for (const name of ['binance_BTC_USDT-1h.csv', 'oanda_EUR_USD-1h.csv']) {
    for (const [left, right] of [
      [5, 5],
      [5, 3],
    ] as const) {
      it(`holds on ${name} at many cut points (L=${left}, R=${right})`, () => {
        const candles = files[name]!;
        const full = findPivots(candles, left, right);
        fc.assert(
          fc.property(fc.integer({ min: 0, max: candles.length - 1 }), (t) => {
            fc.assert(
              fc.property(noise(candles[t]!), (future) =>
                expectCausal(candles, t, future, left, right, full),
              ),
              { numRuns: 2 },
            );
          }),
          { numRuns: 40 },
        );
      });
    }
  }

  it('holds on generated series with heavy ties', () => {
    const series = fc
      .array(fc.tuple(fc.constantFrom(1, 2, 3), fc.constantFrom(1, 2, 3)), { minLength: 1, maxLength: 60 })
      .map((pairs) =>
        pairs.map(([a, b], i): Candle => {
          const [high, low] = [Math.max(a, b), Math.min(a, b)];
          return { time: i * HOUR, open: low, high, low, close: high, volume: null };
        }),
      );
    fc.assert(
      fc.property(
        series,
        fc.nat(),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        (candles, k, left, right) => {
          const t = k % candles.length;
          fc.assert(
            fc.property(noise(candles[t]!), (future) => expectCausal(candles, t, future, left, right)),
            {
              numRuns: 3,
            },
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('emits each pivot at its confirm bar, with that bar as confirm time', () => {
    const candles = files['binance_BTC_USDT-1h.csv']!.slice(0, 5_000);
    const tracker = new PivotTracker(5, 3);
    let emitted = 0;
    candles.forEach((candle, i) => {
      const n = tracker.updateCandle(i, candle);
      for (let k = 0; k < n; k++) {
        const p = tracker.pivotAt(k);
        expect([p.confirmIndex, p.confirmTime, p.index, p.time]).toEqual([
          i,
          candle.time,
          i - 3,
          candles[i - 3]!.time,
        ]);
        emitted++;
      }
    });
    expect(emitted, 'real data has plenty of pivots').toBeGreaterThan(500);
  });
});
