// The analyzer's per-bar values (read back from its bar buffer when asked) are the indicator set's.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { IndicatorFields } from '../domain/indicator-values.js';
import { IndicatorSet } from '../market/indicators/indicator-set.js';
import { readCandleFile } from '../market-data/csv.js';
import { analyzerSettings } from './analyzer-settings.js';
import { SeriesAnalyzer } from './series-analyzer.js';

describe('SeriesAnalyzer.onCandle values', () => {
  it('equal IndicatorSet.update on every bar, NaN included, whenever read', async () => {
    const candles = (
      await readCandleFile(new URL('../../data/binance_ETH_USDT-1h.csv', import.meta.url))
    ).slice(0, 3_000);
    const analyzer = new SeriesAnalyzer(
      { symbol: undefined, timeframe: '1h', isCrypto: true, roundTripCost: () => 0 },
      analyzerSettings(loadConfig({}), '1h'),
    );
    const set = new IndicatorSet();
    candles.forEach((c, i) => {
      const r = analyzer.onCandle(c);
      const expected = set.update(c);
      expect(Object.is(analyzer.lastAtr, expected.atr), `lastAtr at ${i}`).toBe(true);
      if (i % 3 === 0) return; // some bars never read: the next read must still be right
      for (const f of IndicatorFields) expect(Object.is(r.values[f], expected[f]), `${f} at ${i}`).toBe(true);
      expect(r.values, 'the same object on every read').toBe(r.values);
    });
  });
});
