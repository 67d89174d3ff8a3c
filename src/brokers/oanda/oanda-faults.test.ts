// One test per fault switch of the fake: the typed error the client raises (venue and endpoint
// named, the token nowhere), and the state a later query finds, so the caller can resolve it.

import Big from 'big.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AmbiguousOrderError, FatalError, RejectedError, RetryableError } from '../../domain/errors.js';
import { clientOrderId } from '../../domain/ids.js';
import { defaultRegistry } from '../../domain/instruments/index.js';
import type { OrderIntent } from '../../domain/order.js';
import { expectVenueFailure } from '../test-support/venue-failure.js';
import type { OandaError } from './errors.js';
import type { Fault, Route } from './fake/fake-faults.js';
import { OandaBroker } from './oanda-broker.js';
import { oandaHarness } from './test-support/oanda-harness.js';

type Harness = Awaited<ReturnType<typeof oandaHarness>>;
const ORDERS = 'POST /v3/accounts/{accountID}/orders';
let h: Harness;
let ids = 0;

const entry = (over: Partial<OrderIntent> = {}): OrderIntent => ({
  clientId: clientOrderId(`fault-${++ids}`),
  kind: 'entry',
  broker: 'oanda',
  symbol: h.symbol,
  side: 'buy',
  orderKind: 'market',
  qty: new Big(10_000),
  stop: new Big('1.07800'),
  target: new Big('1.12200'),
  ...over,
});

/** The call fails with `type`, naming the venue and `endpoint`, without the token. */
const failsWith = (call: Promise<unknown>, type: abstract new (...a: never[]) => Error, endpoint: string) =>
  expectVenueFailure<OandaError>(call, type, 'oanda', endpoint, [h.fake.token]);

const arm = (route: Route, fault: Fault) => h.fake.faults.arm(route, fault);

describe('OandaBroker faults (fake v20 server)', () => {
  beforeEach(async () => {
    h = await oandaHarness({ timeoutMs: 300 });
  });
  afterEach(() => h.teardown());

  it('latency under the timeout: the call just takes longer', async () => {
    h.fake.faults.latencyMs = 100;
    const started = performance.now();
    expect((await h.broker.fetchBalance()).currency).toBe('USD');
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('timeout on an order: ambiguous, and the order the venue took is found by client id', async () => {
    const intent = entry();
    arm('createOrder', { kind: 'delay', ms: 1000 });
    await failsWith(h.broker.placeOrder(intent), AmbiguousOrderError, ORDERS);
    const found = await h.broker.fetchOrder({ clientId: intent.clientId });
    expect(found?.state).toBe('FILLED');
    expect((await h.broker.placeOrder(intent)).venueOrderId, 're-placing returns it').toBe(
      found?.venueOrderId,
    );
    expect(await h.broker.fetchPositions()).toHaveLength(1);
  });

  it('timeout on a query: retryable', async () => {
    arm('openTrades', { kind: 'delay', ms: 1000 });
    const e = await failsWith(
      h.broker.fetchPositions(),
      RetryableError,
      'GET /v3/accounts/{accountID}/openTrades',
    );
    expect(e.message).toContain('no answer within 300 ms');
  });

  it('429: retryable with the venue’s Retry-After, and nothing was placed', async () => {
    const intent = entry();
    arm('createOrder', { kind: 'rateLimited', retryAfterSeconds: 2 });
    const e = await failsWith(h.broker.placeOrder(intent), RetryableError, ORDERS);
    expect((e as RetryableError).retryAfterMs).toBe(2000);
    expect(await h.broker.fetchOrder({ clientId: intent.clientId })).toBeUndefined();
    expect((await h.broker.placeOrder(intent)).state).toBe('FILLED');
  });

  it('5xx on an order: ambiguous; the query shows it was not placed', async () => {
    const intent = entry();
    arm('createOrder', { kind: 'serverError', status: 503 });
    const e = await failsWith(h.broker.placeOrder(intent), AmbiguousOrderError, ORDERS);
    expect(e.call.status).toBe(503);
    expect(await h.broker.fetchOrder({ clientId: intent.clientId })).toBeUndefined();
  });

  it('5xx on a query: retryable, and a failed positions query is never flat', async () => {
    arm('openTrades', { kind: 'serverError', status: 500 });
    await failsWith(h.broker.fetchPositions(), RetryableError, 'GET /v3/accounts/{accountID}/openTrades');
  });

  it('401: fatal (wrong token or account), on queries and orders alike', async () => {
    arm('summary', { kind: 'unauthorized' });
    const e = await failsWith(h.broker.fetchBalance(), FatalError, 'GET /v3/accounts/{accountID}/summary');
    expect(e.message).toContain('Insufficient authorization');
    const intent = entry();
    arm('createOrder', { kind: 'unauthorized' });
    await failsWith(h.broker.placeOrder(intent), FatalError, ORDERS);
    expect(await h.broker.fetchOrder({ clientId: intent.clientId })).toBeUndefined();
  });

  it('a wrong token is refused by the fake itself, and the message does not echo it', async () => {
    const token = 'wrong-token-that-must-not-leak-0123456789';
    const { baseUrl, accountId } = h.fake;
    const broker = new OandaBroker({ baseUrl, token, accountId, registry: defaultRegistry });
    const health = await broker.checkConnectivity();
    expect(health.ok).toBe(false);
    expect(health.detail).not.toContain(token);
  });

  it('malformed JSON after an order: ambiguous, and the order exists', async () => {
    const intent = entry();
    arm('createOrder', { kind: 'malformedJson' });
    const e = await failsWith(h.broker.placeOrder(intent), AmbiguousOrderError, ORDERS);
    expect(e.message).toContain('unreadable body');
    expect((await h.broker.fetchOrder({ clientId: intent.clientId }))?.state).toBe('FILLED');
  });

  it('malformed JSON on a query: retryable', async () => {
    arm('pricing', { kind: 'malformedJson' });
    await failsWith(h.broker.fetchTicker(h.symbol), RetryableError, 'GET /v3/accounts/{accountID}/pricing');
  });

  it('an HTML error page: named by its title; ambiguous on an order, retryable on a query', async () => {
    const intent = entry();
    arm('createOrder', { kind: 'htmlError', status: 502 });
    const e = await failsWith(h.broker.placeOrder(intent), AmbiguousOrderError, ORDERS);
    expect(e.message).toContain('502 Bad Gateway');
    expect(await h.broker.fetchOrder({ clientId: intent.clientId })).toBeUndefined();
    arm('openTrades', { kind: 'htmlError' });
    await failsWith(h.broker.fetchPositions(), RetryableError, 'GET /v3/accounts/{accountID}/openTrades');
  });

  it('partial liquidity with FOK: refused as not filled; the order is CANCELED, no position', async () => {
    const intent = entry();
    h.fake.state.venue.nextLiquidity = 0.4;
    const e = await failsWith(h.broker.placeOrder(intent), RejectedError, ORDERS);
    expect(e.message).toContain('INSUFFICIENT_LIQUIDITY');
    const order = await h.broker.fetchOrder({ clientId: intent.clientId });
    expect(order?.state).toBe('CANCELED');
    expect(order?.filledQty.eq(0)).toBe(true);
    expect(await h.broker.fetchPositions()).toEqual([]);
  });

  it('partial liquidity with IOC: the part that filled is a position; the rest is canceled', async () => {
    await h.teardown();
    h = await oandaHarness({ marketTimeInForce: 'IOC' });
    const intent = entry();
    h.fake.state.venue.nextLiquidity = 0.4;
    const ack = await h.broker.placeOrder(intent);
    expect(ack.state).toBe('CANCELED');
    expect(ack.filledQty.eq(4000)).toBe(true);
    const [position] = await h.broker.fetchPositions();
    expect(position?.qty.eq(4000)).toBe(true);
    expect(position?.stop?.eq(intent.stop!), 'protection still attached').toBe(true);
    const order = await h.broker.fetchOrder({ clientId: intent.clientId });
    expect(order?.filledQty.eq(4000)).toBe(true);
    expect(order?.positionRef).toBe(position?.ref);
  });

  it('a rejection: RejectedError with the venue’s reason; nothing exists to find', async () => {
    const intent = entry();
    arm('createOrder', { kind: 'reject', reason: 'INSUFFICIENT_MARGIN' });
    const e = await failsWith(h.broker.placeOrder(intent), RejectedError, ORDERS);
    expect(e.message).toContain('EUR_USD INSUFFICIENT_MARGIN');
    expect(e.call.status).toBe(400);
    expect(await h.broker.fetchOrder({ clientId: intent.clientId })).toBeUndefined();
  });

  it('a lost response: ambiguous; the order exists at the venue and fetchOrder by client id finds it', async () => {
    const intent = entry();
    arm('createOrder', { kind: 'loseResponse' });
    const e = await failsWith(h.broker.placeOrder(intent), AmbiguousOrderError, ORDERS);
    expect(e.message).toContain('do not re-submit');
    const found = await h.broker.fetchOrder({ clientId: intent.clientId });
    expect(found?.state).toBe('FILLED');
    expect(found?.filledQty.eq(intent.qty)).toBe(true);
    const [position] = await h.broker.fetchPositions();
    expect(position?.clientId).toBe(intent.clientId);
  });
});
