// A chart never shows a bar the instance's clock has not closed yet, from either source.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../domain/candle.js';
import { CandleColumns } from '../domain/candle-columns.js';
import { openStore, type Store, upsertCandles } from '../store/index.js';
import { seriesCandleSource, storeCandleSource } from './candle-sources.js';

const H = 3_600_000;
const bars: Candle[] = Array.from({ length: 10 }, (_, i) => ({
  time: i * H,
  open: 1 + i,
  high: 2 + i,
  low: 0.5 + i,
  close: 1.5 + i,
  volume: i === 3 ? null : 10,
}));

let store: Store;
beforeAll(async () => {
  store = await openStore({ dataDir: '', memory: true });
  await store.migrate();
  await upsertCandles(store, 'EUR_USD', '1h', bars, 'test');
});
afterAll(async () => {
  await store?.close();
});

describe('candle sources', () => {
  it('give the bars in [from, to] that closed by now, from series (objects or columns) and the store', async () => {
    const now = 6 * H + 1; // bar 5 (05:00–06:00) is closed, bar 6 is forming
    const sources = [
      seriesCandleSource([{ symbol: 'EUR_USD', timeframe: '1h', candles: bars }], () => now),
      seriesCandleSource(
        [{ symbol: 'EUR_USD', timeframe: '1h', candles: CandleColumns.fromCandles(bars) }],
        () => now,
      ),
      storeCandleSource(store, () => now),
    ];
    for (const source of sources) {
      const got = await source('EUR_USD', '1h', 2 * H, 9 * H);
      expect(got.map((c) => c.time / H)).toEqual([2, 3, 4, 5]);
      expect(got[1]).toEqual(bars[3]);
      expect(await source('EUR_USD', '4h', 0, 9 * H)).toEqual([]);
      expect(await source('BTC_USDT', '1h', 0, 9 * H)).toEqual([]);
    }
  });
});
