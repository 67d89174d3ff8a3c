import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../domain/candle.js';
import { parseCandleCsv } from './csv.js';
import { formatCandleCsv } from './csv-format.js';

const YEAR_1_MS = -62_135_596_800_000; // 0001-01-01T00:00:00Z
const YEAR_9999_END_MS = 253_402_300_799_999;

// Any positive finite double, and "exchange-like" decimals that take the parser's fast path.
const price = fc.oneof(
  fc.double({ min: Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true }),
  fc
    .tuple(fc.integer({ min: 1, max: 999_999_999 }), fc.integer({ min: 0, max: 9 }))
    .map(([m, k]) => m / 10 ** k),
);
const nonNegative = fc.oneof(
  fc.constant(0),
  fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }).map((v) => v + 0),
  fc.integer({ min: 0, max: 10 ** 12 }).map((m) => m / 1000),
);
const time = fc.oneof(
  fc.integer({ min: YEAR_1_MS, max: YEAR_9999_END_MS }),
  fc.integer({ min: -100_000, max: 2_000_000 }).map((h) => h * 3_600_000),
);

const candle = (t: number, withSpread: boolean) =>
  fc
    .record({
      prices: fc.array(price, { minLength: 4, maxLength: 4 }),
      flat: fc.boolean(),
      openFirst: fc.boolean(),
      volume: fc.option(nonNegative, { nil: null }),
      spread: withSpread ? fc.option(nonNegative, { nil: undefined }) : fc.constant(undefined),
    })
    .map(({ prices, flat, openFirst, volume, spread }): Candle => {
      const [low, a, b, high] = (flat ? [prices[0]!, prices[0]!, prices[0]!, prices[0]!] : prices).sort(
        (x, y) => x - y,
      );
      const [open, close] = openFirst ? [a!, b!] : [b!, a!];
      const base = { time: t, open, high: high!, low: low!, close, volume };
      return spread === undefined ? base : { ...base, spread };
    });

const series = fc
  .tuple(fc.uniqueArray(time, { minLength: 1, maxLength: 40 }), fc.boolean())
  .chain(([times, withSpread]) => fc.tuple(...times.sort((x, y) => x - y).map((t) => candle(t, withSpread))));

describe('CSV round trip', () => {
  it('formatCandleCsv → parseCandleCsv returns exactly the candles', () => {
    fc.assert(
      fc.property(series, (candles) => {
        expect(parseCandleCsv(formatCandleCsv(candles), 'generated.csv')).toStrictEqual(candles);
      }),
      { numRuns: 500 },
    );
  });
});
