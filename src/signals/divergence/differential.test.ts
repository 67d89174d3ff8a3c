import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.js';
import type { Candle } from '../../domain/candle.js';
import type { Timeframe } from '../../domain/timeframe.js';
import { readCandleFile } from '../../market-data/csv.js';
import { type AnalyzerSettings, analyzerSettings } from '../analyzer-settings.js';
import { engineAsReference, referenceFor } from './test-support/run.js';

const DATA = new URL('../../../data/', import.meta.url);
const config = loadConfig({});
const settingsFor = (tf: Timeframe, over: Partial<AnalyzerSettings['divergence']> = {}): AnalyzerSettings => {
  const s = analyzerSettings(config, tf);
  return { ...s, divergence: { ...s.divergence, ...over } };
};

// Same indicator values feed both sides, so candidates must agree exactly, NaN targets included.
function expectSame(candles: readonly Candle[], tf: Timeframe, settings: AnalyzerSettings) {
  const engine = engineAsReference(candles, tf, settings);
  const reference = referenceFor(candles, settings);
  expect(engine.length, 'candidate count').toBe(reference.length);
  expect(engine).toEqual(reference);
  return engine.length;
}

describe('divergence engine = the plain reading of SPEC §4', () => {
  const files: Array<[string, Timeframe]> = [
    ['binance_BTC_USDT-1h.csv', '1h'],
    ['binance_ETH_USDT-1h.csv', '1h'],
    ['binance_BTC_USDT-4h.csv', '4h'],
    ['binance_ETH_USDT-4h.csv', '4h'],
    ['oanda_EUR_USD-1h.csv', '1h'],
    ['oanda_XAU_USD-1h.csv', '1h'],
  ];

  it.each(files)(
    'on %s (every bar, default settings)',
    async (file, tf) => {
      const candles = await readCandleFile(new URL(file, DATA));
      const n = expectSame(candles, tf, settingsFor(tf));
      expect(n, 'a real series has candidates').toBeGreaterThan(50);
    },
    60_000,
  );

  it('with every option on (line of sight, MACD same side) and hidden off', async () => {
    const candles = (await readCandleFile(new URL('binance_BTC_USDT-1h.csv', DATA))).slice(0, 6_000);
    expectSame(candles, '1h', settingsFor('1h', { lineOfSight: true, macdSameSide: true }));
    expectSame(candles, '1h', settingsFor('1h', { hidden: false, maxPivots: 3, window: 0 }));
  }, 60_000);

  it('on generated series with heavy ties and random settings', () => {
    const bar = fc.record({
      o: fc.integer({ min: 1, max: 6 }),
      h: fc.integer({ min: 0, max: 2 }),
      l: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(
      fc.property(
        fc.array(bar, { minLength: 50, maxLength: 400 }),
        fc.record({
          left: fc.integer({ min: 1, max: 6 }),
          right: fc.integer({ min: 1, max: 5 }),
          minBars: fc.integer({ min: 1, max: 10 }),
          span: fc.integer({ min: 0, max: 50 }),
          maxPivots: fc.integer({ min: 1, max: 12 }),
          hidden: fc.boolean(),
          lineOfSight: fc.boolean(),
          macdSameSide: fc.boolean(),
        }),
        fc.integer({ min: 0, max: 5 }),
        (bars, o, w) => {
          const candles: Candle[] = bars.map((b, i) => ({
            time: i * 3_600_000,
            open: b.o,
            high: b.o + b.h,
            low: Math.max(0.5, b.o - b.l),
            close: b.o + (b.h - b.l) / 2,
            volume: i % 7 === 0 ? 0 : 10 + (i % 5),
          }));
          const settings = settingsFor('1h', {
            left: o.left,
            right: o.right,
            minBars: o.minBars,
            maxBars: o.minBars + o.span,
            maxPivots: o.maxPivots,
            window: Math.min(w, o.right),
            hidden: o.hidden,
            lineOfSight: o.lineOfSight,
            macdSameSide: o.macdSameSide,
          });
          expectSame(candles, '1h', settings);
        },
      ),
      { numRuns: 150 },
    );
  });
});
