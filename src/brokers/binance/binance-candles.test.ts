// Candle traps (brokers.md §7.5): Binance's last kline is still forming and carries no flag; the
// port returns closed candles only, from `since` inclusive, on the UTC grid.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { binanceHarness, HARNESS_START } from './test-support/binance-harness.js';

type Harness = Awaited<ReturnType<typeof binanceHarness>>;
const HOUR = 3_600_000;
let h: Harness;

describe('BinanceBroker candles (fake klines)', () => {
  beforeEach(async () => {
    h = await binanceHarness();
    for (let i = 0; i < 6; i++)
      h.fake.nextBar('BTCUSDT', { open: 50_000, high: 50_100 + i, low: 49_900, close: 50_010 });
  });
  afterEach(() => h.teardown());

  it('returns the closed 1h candles and drops the one still forming', async () => {
    const candles = await h.broker.fetchCandles(h.symbol, '1h', HARNESS_START);
    expect(candles.map((c) => c.time)).toEqual([0, 1, 2, 3, 4, 5].map((i) => HARNESS_START + i * HOUR));
    expect(h.fake.requests.some((r) => r.path === '/api/v3/klines')).toBe(true);
    expect(candles[5]).toEqual({
      time: HARNESS_START + 5 * HOUR,
      open: 50_000,
      high: 50_105,
      low: 49_900,
      close: 50_010,
      volume: 12.5,
    });
  });

  it('treats since as an inclusive open time', async () => {
    const candles = await h.broker.fetchCandles(h.symbol, '1h', HARNESS_START + 4 * HOUR);
    expect(candles.map((c) => c.time)).toEqual([HARNESS_START + 4 * HOUR, HARNESS_START + 5 * HOUR]);
  });

  it('returns 4h candles only once all four hours have closed', async () => {
    // The fake starts at 10:00: the 08:00 bar holds 10:00 and 11:00, the 12:00 bar is complete, 16:00 is forming.
    const candles = await h.broker.fetchCandles(h.symbol, '4h');
    expect(candles.map((c) => new Date(c.time).toISOString())).toEqual([
      '2026-01-06T08:00:00.000Z',
      '2026-01-06T12:00:00.000Z',
    ]);
    expect(candles[1]?.high).toBe(50_105);
  });
});
