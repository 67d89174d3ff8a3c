// One test per fault switch of the fake: the typed error the client raises (venue and endpoint
// named, the API key and secret nowhere, nor the signed query), and the state a later query
// finds, so the caller can resolve it.

import Big from 'big.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AmbiguousOrderError, FatalError, RejectedError, RetryableError } from '../../domain/errors.js';
import { clientOrderId } from '../../domain/ids.js';
import { defaultRegistry } from '../../domain/instruments/index.js';
import type { OrderIntent } from '../../domain/order.js';
import { expectVenueFailure } from '../test-support/venue-failure.js';
import { BinanceBroker } from './binance-broker.js';
import type { BinanceError } from './errors.js';
import { INSUFFICIENT } from './fake/fake-exchange.js';
import type { Fault, Route } from './fake/fake-faults.js';
import { binanceHarness } from './test-support/binance-harness.js';

type Harness = Awaited<ReturnType<typeof binanceHarness>>;
const ORDER = 'POST /api/v3/order';
const OPEN_ORDERS = 'GET /api/v3/openOrders';
let h: Harness;
let ids = 0;

const entry = (over: Partial<OrderIntent> = {}): OrderIntent => ({
  clientId: clientOrderId(`fault-${++ids}`),
  kind: 'entry',
  broker: 'binance',
  symbol: h.symbol,
  side: 'buy',
  orderKind: 'market',
  qty: new Big('0.01'),
  stop: new Big('49000'),
  target: new Big('51000'),
  ...over,
});

/** The call fails with `type`, naming the venue and `endpoint`, without key, secret or signature. */
const failsWith = (call: Promise<unknown>, type: abstract new (...a: never[]) => Error, endpoint: string) =>
  expectVenueFailure<BinanceError>(call, type, 'binance', endpoint, [
    h.fake.apiKey,
    h.fake.secret,
    'signature=',
  ]);

const arm = (route: Route, fault: Fault) => h.fake.faults.arm(route, fault);

describe('BinanceBroker faults (fake spot server)', () => {
  beforeEach(async () => {
    h = await binanceHarness({ timeoutMs: 300 });
  });
  afterEach(() => h.teardown());

  it('latency under the timeout: the call just takes longer', async () => {
    h.fake.faults.latencyMs = 100;
    const started = performance.now();
    expect((await h.broker.fetchBalance()).currency).toBe('USDT');
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('timeout on an order: ambiguous; the order is found by client id and re-placing protects it', async () => {
    const intent = entry();
    await h.broker.checkConnectivity();
    arm('createOrder', { kind: 'delay', ms: 1000 });
    const e = await failsWith(h.broker.placeOrder(intent), AmbiguousOrderError, ORDER);
    expect(e.message).toContain('no answer within 300 ms');
    const found = await h.broker.fetchOrder({ clientId: intent.clientId });
    expect(found?.state).toBe('FILLED');
    expect((await h.broker.placeOrder(intent)).venueOrderId, 're-placing returns it').toBe(
      found?.venueOrderId,
    );
    const [position] = await h.broker.fetchPositions();
    expect(position?.stop?.eq(intent.stop!), 'the re-placement attached the stop').toBe(true);
  });

  it('timeout on a query: retryable', async () => {
    arm('openOrders', { kind: 'delay', ms: 1000 });
    const e = await failsWith(h.broker.fetchPositions(), RetryableError, OPEN_ORDERS);
    expect(e.message).toContain('no answer within 300 ms');
  });

  it('429: retryable with the venue’s Retry-After, and nothing was placed', async () => {
    const intent = entry();
    arm('createOrder', { kind: 'rateLimited', retryAfterSeconds: 2 });
    const e = await failsWith(h.broker.placeOrder(intent), RetryableError, ORDER);
    expect(e.call.status).toBe(429);
    expect((e as RetryableError).retryAfterMs).toBe(2000);
    expect(await h.broker.fetchOrder({ clientId: intent.clientId })).toBeUndefined();
    expect((await h.broker.placeOrder(intent)).state).toBe('FILLED');
  });

  it('418 (IP ban): retryable after the ban’s Retry-After', async () => {
    arm('account', { kind: 'banned', retryAfterSeconds: 120 });
    const e = await failsWith(h.broker.fetchBalance(), RetryableError, 'GET /api/v3/account');
    expect(e.call.status).toBe(418);
    expect(e.message).toContain('IP banned');
    expect((e as RetryableError).retryAfterMs).toBe(120_000);
  });

  it('5xx on an order: ambiguous; the query shows it was not placed', async () => {
    const intent = entry();
    arm('createOrder', { kind: 'serverError', status: 503 });
    const e = await failsWith(h.broker.placeOrder(intent), AmbiguousOrderError, ORDER);
    expect(e.call.status).toBe(503);
    expect(await h.broker.fetchOrder({ clientId: intent.clientId })).toBeUndefined();
  });

  it('5xx on a query: retryable, and a failed positions query is never flat', async () => {
    arm('openOrders', { kind: 'serverError', status: 500 });
    await failsWith(h.broker.fetchPositions(), RetryableError, OPEN_ORDERS);
  });

  it('-1021 timestamp outside recvWindow: retryable with the clock hint; nothing placed', async () => {
    const intent = entry();
    arm('createOrder', { kind: 'timestamp' });
    const e = await failsWith(h.broker.placeOrder(intent), RetryableError, ORDER);
    expect(e.message).toContain('-1021');
    expect(e.message).toContain('adjustForTimeDifference');
    expect(await h.broker.fetchOrder({ clientId: intent.clientId })).toBeUndefined();
  });

  it('malformed JSON after an order: ambiguous, and the order exists', async () => {
    const intent = entry();
    arm('createOrder', { kind: 'malformedJson' });
    const e = await failsWith(h.broker.placeOrder(intent), AmbiguousOrderError, ORDER);
    expect(e.message).toContain('unreadable body');
    expect((await h.broker.fetchOrder({ clientId: intent.clientId }))?.state).toBe('FILLED');
  });

  it('malformed JSON on a query: retryable', async () => {
    arm('ticker', { kind: 'malformedJson' });
    await failsWith(h.broker.fetchTicker(h.symbol), RetryableError, 'GET /api/v3/ticker/24hr');
  });

  it('an HTML error page: named by its title; ambiguous on an order, retryable on a query', async () => {
    const intent = entry();
    arm('createOrder', { kind: 'htmlError', status: 502 });
    const e = await failsWith(h.broker.placeOrder(intent), AmbiguousOrderError, ORDER);
    expect(e.message).toContain('502 Bad Gateway');
    expect(await h.broker.fetchOrder({ clientId: intent.clientId })).toBeUndefined();
    arm('openOrders', { kind: 'htmlError' });
    await failsWith(h.broker.fetchPositions(), RetryableError, OPEN_ORDERS);
  });

  it('a thin book: the market entry expires part-filled, and the part is protected', async () => {
    const intent = entry();
    h.fake.exchange.nextLiquidity = 0.4;
    const ack = await h.broker.placeOrder(intent);
    expect(ack.state).toBe('EXPIRED');
    expect(ack.filledQty.eq('0.004')).toBe(true);
    const [position] = await h.broker.fetchPositions();
    expect(position?.qty.eq('0.004')).toBe(true);
    expect(position?.stop?.eq(intent.stop!), 'protection on what was bought').toBe(true);
    expect((await h.broker.fetchOrder({ clientId: intent.clientId }))?.positionRef).toBe(position?.ref);
  });

  it('a rejection (-2010): RejectedError with the venue’s code; nothing exists to find', async () => {
    const intent = entry();
    arm('createOrder', { kind: 'reject', msg: INSUFFICIENT });
    const e = (await failsWith(h.broker.placeOrder(intent), RejectedError, ORDER)) as BinanceError & {
      code?: number;
    };
    expect(e.message).toContain('BTC/USDT -2010: Account has insufficient balance');
    expect(e.code).toBe(-2010);
    expect(await h.broker.fetchOrder({ clientId: intent.clientId })).toBeUndefined();
  });

  it('a lost response: ambiguous; the order exists at the venue and fetchOrder by client id finds it', async () => {
    const intent = entry();
    arm('createOrder', { kind: 'loseResponse' });
    const e = await failsWith(h.broker.placeOrder(intent), AmbiguousOrderError, ORDER);
    expect(e.message).toContain('do not re-submit');
    const found = await h.broker.fetchOrder({ clientId: intent.clientId });
    expect(found?.state).toBe('FILLED');
    expect(found?.filledQty.eq(intent.qty)).toBe(true);
  });

  it('protection the venue refuses: the holding is sold at market, never left unprotected', async () => {
    const intent = entry({ stop: new Big('50500') });
    const e = await failsWith(h.broker.placeOrder(intent), RejectedError, ORDER);
    expect(e.message).toContain('sold at market');
    expect(await h.broker.fetchPositions()).toEqual([]);
    const fills = await h.broker.fetchFills(0);
    expect(fills.map((f) => [f.side, f.qty.toString()])).toEqual([
      ['buy', '0.01'],
      ['sell', '0.01'],
    ]);
  });

  it('a wrong key or secret: fatal, and the message does not echo them', async () => {
    const secret = 'wrong-secret-that-must-not-leak-0123456789';
    const broker = new BinanceBroker({
      baseUrl: h.fake.baseUrl,
      apiKey: h.fake.apiKey,
      secret,
      registry: defaultRegistry,
      enableRateLimit: false,
    });
    const failed = await broker.fetchBalance().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(failed).toBeInstanceOf(FatalError);
    expect(failed?.message).toContain('-1022');
    expect(failed?.message).not.toContain(secret);
    const health = await broker.checkConnectivity();
    expect(health.ok).toBe(false);
    expect(health.detail).not.toContain(secret);
  });
});
