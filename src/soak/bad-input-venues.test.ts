// The bad-input corpus, part 2 (issue #12): venue payloads — cut-off JSON, HTML error pages, a NaN
// price — through each real adapter against its fake. Each call fails with a typed error naming
// the venue and endpoint (never read as "flat" or as a price), and a candle fetch that meets one
// stores nothing: the cache reads the same as before.
import Big from 'big.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binanceHarness } from '../brokers/binance/test-support/binance-harness.js';
import { igHarness } from '../brokers/ig/test-support/ig-harness.js';
import { oandaHarness } from '../brokers/oanda/test-support/oanda-harness.js';
import { loadConfig } from '../config/load.js';
import type { Broker } from '../domain/broker.js';
import { AmbiguousOrderError, DivbotError, RetryableError } from '../domain/errors.js';
import { clientOrderId, type SymbolId } from '../domain/ids.js';
import { defaultRegistry } from '../domain/instruments/index.js';
import { fetchIntoCache } from '../market-data/fetch/fetch-candles.js';
import { candleSourceFor } from '../market-data/fetch/sources.js';
import { bars, memoryStore } from '../market-data/fetch/test-support.js';
import { loadCandles } from '../store/index.js';

type Harnesses = {
  oanda: Awaited<ReturnType<typeof oandaHarness>>;
  binance: Awaited<ReturnType<typeof binanceHarness>>;
  ig: Awaited<ReturnType<typeof igHarness>>;
};
let h: Harnesses;
beforeAll(async () => {
  h = {
    oanda: await oandaHarness({ timeoutMs: 500 }),
    binance: await binanceHarness({ timeoutMs: 500 }),
    ig: await igHarness({ timeoutMs: 500 }),
  };
}, 60_000);
afterAll(async () => {
  await Promise.all(Object.values(h ?? {}).map((x) => x.teardown()));
});

type Venue = keyof Harnesses;
type Call = 'ticker' | 'positions' | 'balance' | 'fills' | 'order';
let ids = 0;
const call = (venue: Venue, what: Call): Promise<unknown> => {
  const x = h[venue];
  const broker: Broker = x.broker;
  switch (what) {
    case 'ticker':
      return broker.fetchTicker(x.symbol as SymbolId);
    case 'positions':
      return broker.fetchPositions();
    case 'balance':
      return broker.fetchBalance();
    case 'fills':
      return broker.fetchFills(0);
    case 'order': {
      const price = x.referencePrice;
      return broker.placeOrder({
        clientId: clientOrderId(`bad-input-${++ids}`),
        kind: 'entry',
        broker: venue,
        symbol: x.symbol as SymbolId,
        side: 'buy',
        orderKind: 'market',
        qty: x.qty,
        stop: new Big(price * 0.97).round(2),
        target: new Big(price * 1.03).round(2),
      });
    }
  }
};
const arm = (venue: Venue, route: string, fault: { kind: string }) =>
  (h[venue].fake.faults as unknown as { arm(r: string, f: unknown): void }).arm(route, fault);

// [venue, call, route, fault]: a query fails retryable, an order whose answer is spoilt ambiguous.
const CASES: readonly [Venue, Call, string, { kind: string; status?: number }][] = [
  ['oanda', 'ticker', 'pricing', { kind: 'malformedJson' }],
  ['oanda', 'ticker', 'pricing', { kind: 'htmlError', status: 502 }],
  ['oanda', 'positions', 'openTrades', { kind: 'malformedJson' }],
  ['oanda', 'positions', 'openTrades', { kind: 'htmlError', status: 502 }],
  ['oanda', 'balance', 'summary', { kind: 'htmlError', status: 503 }],
  ['oanda', 'order', 'createOrder', { kind: 'malformedJson' }],
  ['oanda', 'order', 'createOrder', { kind: 'htmlError', status: 502 }],
  ['binance', 'ticker', 'ticker', { kind: 'malformedJson' }],
  ['binance', 'fills', 'allOrders', { kind: 'htmlError', status: 502 }],
  ['binance', 'balance', 'account', { kind: 'malformedJson' }],
  ['binance', 'fills', 'myTrades', { kind: 'htmlError', status: 500 }],
  ['binance', 'order', 'createOrder', { kind: 'malformedJson' }],
  ['binance', 'order', 'createOrder', { kind: 'htmlError', status: 502 }],
  ['ig', 'positions', 'positions', { kind: 'malformedJson' }],
  ['ig', 'positions', 'positions', { kind: 'htmlError', status: 502 }],
  ['ig', 'balance', 'accounts', { kind: 'malformedJson' }],
  ['ig', 'fills', 'activity', { kind: 'htmlError', status: 503 }],
  ['ig', 'order', 'openPosition', { kind: 'malformedJson' }],
  ['ig', 'order', 'openPosition', { kind: 'htmlError', status: 502 }],
];

describe('bad venue payloads through the adapters', () => {
  it.each(CASES)('%s %s meeting %s %o: a typed error naming the venue', async (venue, what, route, fault) => {
    arm(venue, route, fault);
    const error = await call(venue, what).then(
      (v) => expect.fail(`accepted: ${JSON.stringify(v)}`),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(what === 'order' ? AmbiguousOrderError : RetryableError);
    expect((error as Error).message).toMatch(new RegExp(`^${venue} (GET|POST|PUT|DELETE) /`));
    for (const secret of [h.oanda.fake.token, h.binance.fake.secret, h.ig.fake.password])
      expect(JSON.stringify({ m: (error as Error).message, e: error })).not.toContain(secret);
    expect(
      await call(venue, what === 'order' ? 'positions' : what),
      'the next call is answered',
    ).toBeDefined();
  });
});

describe('a bad candle page stores nothing', () => {
  const HOUR = 3_600_000;
  it.each([
    ['a NaN price', { kind: 'nanCandle' }],
    ['cut-off JSON', { kind: 'malformedJson' }],
    ['an HTML page', { kind: 'htmlError', status: 502 }],
  ] as const)('%s: the fetch fails naming OANDA, the cache unchanged', async (_name, fault) => {
    const fake = h.oanda.fake;
    const end = Math.floor(fake.state.ledger.now / HOUR) * HOUR;
    fake.state.bars.set('EUR_USD', bars(end - 300 * HOUR, 299, 1.1));
    const config = loadConfig({ OANDA_BASE_URL: fake.baseUrl, OANDA_API_TOKEN: fake.token });
    const instrument = defaultRegistry.get('EUR_USD');
    const clock = { now: () => fake.state.ledger.now };
    const source = candleSourceFor(instrument, config, defaultRegistry, clock.now);
    const store = await memoryStore();
    try {
      await fetchIntoCache(store, source, { instrument, timeframe: '1h', from: end - 100 * HOUR }, clock);
      const before = JSON.stringify(await loadCandles(store, 'EUR_USD', '1h'));
      expect(JSON.parse(before).length).toBeGreaterThan(50);
      arm('oanda', 'candles', fault);
      const error = await fetchIntoCache(
        store,
        source,
        { instrument, timeframe: '1h', from: end - 290 * HOUR },
        clock,
      ).then(
        () => expect.fail('the bad page was accepted'),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DivbotError);
      expect((error as Error).message).toContain('oanda GET /v3/instruments/{instrument}/candles');
      expect(JSON.stringify(await loadCandles(store, 'EUR_USD', '1h')), 'nothing stored').toBe(before);
    } finally {
      await store.close();
    }
  });
});
