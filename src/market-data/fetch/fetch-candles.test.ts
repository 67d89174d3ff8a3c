// The history fetch against the venues' fakes (real clients, real wire formats) into an embedded
// store: paging past one venue page, idempotence, the forming candle dropped, OANDA's 4h asked on
// the UTC grid, Yahoo's regular-hours stock bars, and a bad page leaving nothing half-written.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBinance } from '../../brokers/binance/fake/fake-server.js';
import { BTCUSDT } from '../../brokers/binance/test-support/binance-harness.js';
import { startFakeYahoo } from '../../brokers/ig/fake/fake-yahoo.js';
import { startFakeOanda } from '../../brokers/oanda/fake/fake-server.js';
import { EUR_USD } from '../../brokers/oanda/test-support/oanda-harness.js';
import { loadConfig } from '../../config/load.js';
import type { Config } from '../../config/schema.js';
import { FatalError, RetryableError } from '../../domain/errors.js';
import { defaultRegistry } from '../../domain/instruments/index.js';
import { loadCandles, type Store } from '../../store/index.js';
import { fetchIntoCache } from './fetch-candles.js';
import { candleSourceFor } from './sources.js';
import { bars, memoryStore } from './test-support.js';

const HOUR = 3_600_000;
const START = Date.parse('2025-01-06T00:00:00Z'); // a Monday
const config = (env: Record<string, string>): Config => loadConfig(env, { overrides: {}, dotenv: undefined });
let store: Store;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  store = await memoryStore();
});
afterAll(() => store.close());
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await store.db.execute('DELETE FROM candles');
});

async function oanda(count: number) {
  const fake = await startFakeOanda([EUR_USD], { start: START });
  closers.push(() => fake.close());
  const fed = bars(START, count, 1.1);
  fake.state.bars.set('EUR_USD', fed);
  // Half an hour into the hour after the last bar: that hour is the forming candle.
  fake.state.ledger.now = fed.at(-1)!.time + HOUR + HOUR / 2;
  const clock = { now: () => fake.state.ledger.now };
  const cfg = config({ OANDA_BASE_URL: fake.baseUrl, OANDA_API_TOKEN: fake.token });
  const instrument = defaultRegistry.get('EUR_USD');
  const source = candleSourceFor(instrument, cfg, defaultRegistry, clock.now);
  return { fake, fed, clock, instrument, source };
}

describe('fetchIntoCache: OANDA', () => {
  it('pages past 5000 candles, drops the forming one, and a second fetch changes nothing', async () => {
    const o = await oanda(5200);
    const request = { instrument: o.instrument, timeframe: '1h' as const, from: START };
    const first = await fetchIntoCache(store, o.source, request, o.clock);
    expect(first).toMatchObject({ pages: 2, fetched: 5200, inserted: 5200, updated: 0, source: 'oanda' });
    expect(first.first).toBe(START);
    expect(first.last, 'the forming candle is not stored').toBe(o.fed.at(-1)!.time);
    const pages = o.fake.requests.filter((r) => r.path.endsWith('/candles'));
    expect(pages).toHaveLength(2);
    const stored = await loadCandles(store, 'EUR_USD', '1h');
    expect(stored).toHaveLength(5200);
    expect(stored[0]).toEqual({ ...o.fed[0], volume: null });
    const again = await fetchIntoCache(store, o.source, request, o.clock);
    expect(again).toMatchObject({ fetched: 5200, inserted: 0, updated: 0, unchanged: 5200 });
  });

  it('honours --to and asks only for the slots up to it', async () => {
    const o = await oanda(300);
    const to = START + 9 * HOUR;
    const r = await fetchIntoCache(
      store,
      o.source,
      { instrument: o.instrument, timeframe: '1h', from: START + HOUR / 2, to },
      o.clock,
    );
    expect(r).toMatchObject({ pages: 1, fetched: 9, first: START + HOUR, last: to });
  });

  it('4h candles are asked for on the UTC grid (00/04/08/12/16/20), not 17:00 New York', async () => {
    const o = await oanda(48);
    const r = await fetchIntoCache(
      store,
      o.source,
      { instrument: o.instrument, timeframe: '4h', from: START },
      o.clock,
    );
    const stored = await loadCandles(store, 'EUR_USD', '4h');
    expect(r.fetched).toBe(12);
    expect(stored.map((c) => new Date(c.time).getUTCHours())).toEqual([
      0, 4, 8, 12, 16, 20, 0, 4, 8, 12, 16, 20,
    ]);
    expect(stored[0]).toMatchObject({ open: o.fed[0]!.open, close: o.fed[3]!.close });
    // A venue ignoring the alignment answers on its 22:00 UTC grid: refused, nothing stored.
    o.fake.state.ignoreAlignment = true;
    await store.db.execute('DELETE FROM candles');
    const error = await fetchIntoCache(
      store,
      o.source,
      { instrument: o.instrument, timeframe: '4h', from: START },
      o.clock,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalError);
    expect((error as Error).message).toContain('off the UTC grid');
    expect(await loadCandles(store, 'EUR_USD', '4h')).toEqual([]);
  });

  it('a truncated page fails naming venue and endpoint; the whole pages before it stay, none of it', async () => {
    const o = await oanda(5200);
    const request = { instrument: o.instrument, timeframe: '1h' as const, from: START };
    const error = await fetchIntoCache(store, o.source, request, o.clock, () =>
      o.fake.faults.arm('candles', { kind: 'malformedJson' }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as Error).message).toMatch(
      /^oanda GET \/v3\/instruments\/\{instrument\}\/candles: HTTP 200 unreadable body/,
    );
    expect(await loadCandles(store, 'EUR_USD', '1h'), 'exactly the first page').toHaveLength(5000);
  });

  it('a NaN in a page is junk: a fatal error, and nothing of the page is written', async () => {
    const o = await oanda(100);
    o.fake.faults.arm('candles', { kind: 'nanCandle' });
    const error = await fetchIntoCache(
      store,
      o.source,
      { instrument: o.instrument, timeframe: '1h', from: START },
      o.clock,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalError);
    expect((error as Error).message).toContain(
      'oanda GET /v3/instruments/{instrument}/candles: HTTP 200 unexpected payload',
    );
    expect((error as Error).message).toContain('candles.0.mid.o');
    expect(await loadCandles(store, 'EUR_USD', '1h')).toEqual([]);
  });
});

describe('fetchIntoCache: Binance', () => {
  it('pages klines at 1000 with ms open times and traded volume; the forming kline is dropped', async () => {
    const fake = await startFakeBinance([BTCUSDT], { start: START });
    closers.push(() => fake.close());
    const fed = bars(START, 1500, 50_000);
    for (const b of fed) fake.nextBar('BTCUSDT', b);
    fake.exchange.now += HOUR / 2; // into the forming hour
    const clock = { now: () => fake.exchange.now };
    const cfg = config({ BINANCE_BASE_URL: fake.baseUrl });
    const instrument = defaultRegistry.get('BTC/USDT');
    const source = candleSourceFor(instrument, cfg, defaultRegistry, clock.now);
    const r = await fetchIntoCache(store, source, { instrument, timeframe: '1h', from: START }, clock);
    expect(r).toMatchObject({
      pages: 2,
      fetched: 1500,
      inserted: 1500,
      first: START,
      last: fed.at(-1)!.time,
    });
    expect(fake.requests.filter((q) => q.path === '/api/v3/klines')).toHaveLength(2);
    const stored = await loadCandles(store, 'BTC/USDT', '1h');
    expect(stored[7], 'traded volume kept, open time in ms').toEqual(fed[7]);
    const again = await fetchIntoCache(store, source, { instrument, timeframe: '1h', from: START }, clock);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1500 });
    fake.faults.arm('klines', { kind: 'htmlError' });
    await expect(
      fetchIntoCache(store, source, { instrument, timeframe: '4h', from: START }, clock),
    ).rejects.toThrow(/^binance GET \/api\/v3\/klines: HTTP 502 .*502 Bad Gateway/);
    expect(await loadCandles(store, 'BTC/USDT', '4h')).toEqual([]);
  });
});

describe('fetchIntoCache: Yahoo (IG stocks)', () => {
  // Mon 6 .. Wed 8 January 2025, regular hours 09:30–16:00 New York = 14:30–21:00 UTC.
  const day = (d: number) => Date.parse(`2025-01-0${d}T14:30:00Z`);
  const session = (d: number) => bars(day(d), 7, 240).map((b, i) => ({ ...b, volume: 1000 * (i + 1) }));

  it('stores the :30 regular-hours bars, builds 4h from each session, and drops the forming bar', async () => {
    const yahoo = await startFakeYahoo();
    closers.push(() => yahoo.close());
    yahoo.bars.set('AAPL', [...session(6), ...session(7), ...session(8)]);
    let now = Date.parse('2025-01-08T17:00:00Z'); // 12:00 New York on the 8th: the 11:30 bar is forming
    const clock = { now: () => now };
    const instrument = defaultRegistry.get('AAPL');
    const source = candleSourceFor(
      instrument,
      config({ YAHOO_BASE_URL: yahoo.baseUrl }),
      defaultRegistry,
      clock.now,
    );
    const hourly = await fetchIntoCache(store, source, { instrument, timeframe: '1h', from: day(6) }, clock);
    expect(hourly).toMatchObject({
      source: 'yahoo',
      fetched: 16,
      first: day(6),
      last: Date.parse('2025-01-08T15:30:00Z'),
    });
    const stored = await loadCandles(store, 'AAPL', '1h');
    expect(new Set(stored.map((c) => new Date(c.time).getUTCMinutes()))).toEqual(new Set([30]));
    expect(stored[0]?.volume).toBe(1000);
    expect(yahoo.requests.at(-1)?.searchParams.get('includePrePost')).toBe('false');
    now = Date.parse('2025-01-09T00:00:00Z');
    const fourHour = await fetchIntoCache(
      store,
      source,
      { instrument, timeframe: '4h', from: day(6) },
      clock,
    );
    const groups = await loadCandles(store, 'AAPL', '4h');
    expect(fourHour.fetched).toBe(6);
    // 09:30 and 13:30 New York: four 1h bars, then the day's last three (the 15:30 one half an hour).
    expect(groups.slice(0, 2).map((c) => new Date(c.time).toISOString())).toEqual([
      '2025-01-06T14:30:00.000Z',
      '2025-01-06T18:30:00.000Z',
    ]);
    expect(groups[1]).toMatchObject({ volume: 5000 + 6000 + 7000, close: session(6)[6]!.close });
  });

  it('pages a long range in windows of whole UTC days', async () => {
    const yahoo = await startFakeYahoo();
    closers.push(() => yahoo.close());
    const weekdays = Array.from({ length: 100 }, (_, i) => day(6) + i * 86_400_000).filter(
      (t) => ![0, 6].includes(new Date(t).getUTCDay()),
    );
    yahoo.bars.set(
      'AAPL',
      weekdays.flatMap((t) => bars(t, 7, 240)),
    );
    const clock = { now: () => Date.parse('2025-06-01T00:00:00Z') };
    const instrument = defaultRegistry.get('AAPL');
    const source = candleSourceFor(
      instrument,
      config({ YAHOO_BASE_URL: yahoo.baseUrl }),
      defaultRegistry,
      clock.now,
    );
    const r = await fetchIntoCache(store, source, { instrument, timeframe: '1h', from: day(6) }, clock);
    expect(r).toMatchObject({ pages: 2, fetched: weekdays.length * 7 });
  });
});
