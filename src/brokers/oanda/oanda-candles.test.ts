// The candle traps of brokers.md §1.4 through the fake: the forming candle is dropped, 4h
// candles are asked for on the UTC grid, and a venue answering off that grid is refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FatalError } from '../../domain/errors.js';
import { HOUR_MS } from '../../domain/timeframe.js';
import { formatTime, parseTime } from './format.js';
import { HARNESS_START, oandaHarness } from './test-support/oanda-harness.js';

let h: Awaited<ReturnType<typeof oandaHarness>>;
const bar = { open: 1.1, high: 1.101, low: 1.099, close: 1.1005 };

describe('OandaBroker candles', () => {
  beforeEach(async () => {
    h = await oandaHarness();
    for (let i = 0; i < 10; i++) h.fake.nextBar('EUR_USD', bar);
  });
  afterEach(() => h.teardown());

  it('returns closed 1h candles only, oldest first, from `since` inclusive', async () => {
    const all = await h.broker.fetchCandles(h.symbol, '1h');
    expect(all.map((c) => c.time)).toEqual(Array.from({ length: 10 }, (_, i) => HARNESS_START + i * HOUR_MS));
    expect(all[0]).toMatchObject({ open: 1.1, high: 1.101, low: 1.099, close: 1.1005, volume: null });
    const since = await h.broker.fetchCandles(h.symbol, '1h', HARNESS_START + 7 * HOUR_MS);
    expect(since.map((c) => c.time)).toEqual([7, 8, 9].map((i) => HARNESS_START + i * HOUR_MS));
  });

  it('asks for mid prices on the UTC grid; 4h candles start at 08:00 and 12:00 UTC', async () => {
    const candles = await h.broker.fetchCandles(h.symbol, '4h');
    // Bars 10:00..19:00 fed, the clock at 20:00: 08:00, 12:00 and 16:00 have closed, 20:00 is forming.
    expect(candles.map((c) => new Date(c.time).toISOString())).toEqual([
      '2026-01-06T08:00:00.000Z',
      '2026-01-06T12:00:00.000Z',
      '2026-01-06T16:00:00.000Z',
    ]);
    const path = h.fake.requests.find((r) => r.path.endsWith('/candles'));
    expect(path?.path).toBe('/v3/instruments/EUR_USD/candles');
  });

  it('refuses candles off the UTC grid (the venue’s 17:00 New York default) as fatal', async () => {
    const res = await fetch(`${h.fake.baseUrl}/v3/instruments/EUR_USD/candles?granularity=H4&price=M`, {
      headers: { Authorization: `Bearer ${h.fake.token}` },
    });
    const body = (await res.json()) as { candles: { time: string }[] };
    // 17:00 New York is 22:00 UTC in January: 4h candles at 02, 06, 10, 14, 18, 22 UTC.
    expect(body.candles[0]?.time, 'the fake aligns like OANDA when not told').toBe(
      '2026-01-06T10:00:00.000000000Z',
    );
    expect(parseTime(formatTime(HARNESS_START + 1))).toBe(HARNESS_START + 1);
    h.fake.state.ignoreAlignment = true;
    const error = await h.broker.fetchCandles(h.symbol, '4h').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalError);
    expect((error as Error).message).toContain('GET /v3/instruments/{instrument}/candles');
    expect((error as Error).message).toContain('off the UTC grid');
  });
});
