// Candles: shares from the fake Yahoo through yahoo-finance2 (1h, regular hours, forming bar
// dropped, the 15:30 bar ending at the 16:00 close, 4h on the 09:30/13:30 New York grid); other
// epics from /prices v3 by snapshotTimeUTC; shares on /prices are refused as IG refuses them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FatalError, RejectedError, RetryableError } from '../../domain/errors.js';
import { HOUR_MS } from '../../domain/timeframe.js';
import { IgCandles } from './candles.js';
import { GOLD_EPIC, HARNESS_START, igHarness } from './test-support/ig-harness.js';

let h: Awaited<ReturnType<typeof igHarness>>;
// Tuesday 2026-01-06: New York session bars at 09:30 .. 15:30 local = 14:30 .. 20:30 UTC.
const DAY = Date.parse('2026-01-06T14:30:00Z');
const sessionBars = Array.from({ length: 7 }, (_, i) => ({
  time: DAY + i * HOUR_MS,
  open: 200 + i,
  high: 201 + i,
  low: 199 + i,
  close: 200.5 + i,
  volume: 1000 + i,
}));

describe('IgBroker candles', () => {
  beforeEach(async () => {
    h = await igHarness();
    h.yahoo.bars.set('AAPL', sessionBars);
  });
  afterEach(() => h.teardown());

  it('drops the forming Yahoo bar; the 15:30 bar is closed at 16:00, not at 16:30', async () => {
    h.fake.venue.now = Date.parse('2026-01-06T20:00:00Z'); // 15:00 New York: the 14:30 bar is still forming
    const open = await h.broker.fetchCandles(h.symbol, '1h', DAY);
    expect(open.map((c) => new Date(c.time).toISOString().slice(11, 16))).toEqual([
      '14:30',
      '15:30',
      '16:30',
      '17:30',
      '18:30',
    ]);
    expect(open[0]).toMatchObject({ open: 200, high: 201, low: 199, close: 200.5, volume: 1000 });
    h.fake.venue.now = Date.parse('2026-01-06T21:00:00Z'); // 16:00 New York: the session has closed
    expect(await h.broker.fetchCandles(h.symbol, '1h', DAY)).toHaveLength(7);
    const request = h.yahoo.requests.at(-1)!;
    expect(request.searchParams.get('interval')).toBe('1h');
    expect(request.searchParams.get('includePrePost')).toBe('false');
  });

  it('builds 4h bars on the session grid (09:30 and 13:30 New York)', async () => {
    h.fake.venue.now = Date.parse('2026-01-06T21:00:00Z');
    const bars = await h.broker.fetchCandles(h.symbol, '4h', DAY);
    expect(bars.map((c) => new Date(c.time).toISOString())).toEqual([
      '2026-01-06T14:30:00.000Z',
      '2026-01-06T18:30:00.000Z',
    ]);
    expect(bars[0]).toMatchObject({ open: 200, high: 204, low: 199, close: 203.5, volume: 4006 });
  });

  it('Yahoo failures are typed and name the chart endpoint', async () => {
    h.yahoo.fault = 'serverError';
    await expect(h.broker.fetchCandles(h.symbol, '1h')).rejects.toBeInstanceOf(RetryableError);
    h.yahoo.fault = 'invalidPayload';
    const invalid = await h.broker.fetchCandles(h.symbol, '1h').catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(FatalError);
    expect((invalid as Error).message).toContain('yahoo GET /v8/finance/chart/{symbol}');
    h.yahoo.bars.delete('AAPL');
    await expect(h.broker.fetchCandles(h.symbol, '1h')).rejects.toBeInstanceOf(RejectedError);
  });

  it('reads /prices v3 by snapshotTimeUTC, drops the forming hour, and tracks the allowance', async () => {
    for (let i = 0; i < 3; i++)
      h.fake.nextBar(GOLD_EPIC.epic, { open: 2000, high: 2002, low: 1998, close: 2001 });
    const candles = new IgCandles(h.broker.http, () => h.fake.venue.now);
    const bars = await candles.read(GOLD_EPIC.epic, '1h', HARNESS_START);
    expect(bars.map((c) => c.time)).toEqual([0, 1, 2].map((i) => HARNESS_START + i * HOUR_MS));
    expect(bars[0]).toMatchObject({ open: 2000, high: 2002, low: 1998, close: 2001 });
    expect(h.broker.http.limiter.historyRemaining).toBe(10_000 - 4);
    const share = await candles.read('UA.D.AAPL.CASH.IP', '1h').catch((e: unknown) => e);
    expect(share).toBeInstanceOf(RejectedError);
    expect((share as Error).message).toContain('unauthorised.access.to.equity.exception');
  });

  it('a 403 historical-data allowance holds /prices back without crashing', async () => {
    h.fake.faults.arm('prices', { kind: 'allowance', which: 'account-historical-data' });
    const candles = new IgCandles(h.broker.http, () => h.fake.venue.now);
    await expect(candles.read(GOLD_EPIC.epic, '1h')).rejects.toBeInstanceOf(RetryableError);
    const sent = h.fake.requests.length;
    await expect(candles.read(GOLD_EPIC.epic, '1h')).rejects.toThrow('history allowance spent');
    expect(h.fake.requests.length, 'held back locally').toBe(sent);
  });
});
