// One test per fault switch of the fake IG server: the typed error the client raises (venue and
// endpoint named, no API key, password, CST or token anywhere in it), and the state a later
// query finds, so the caller can resolve the order without re-sending it.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AmbiguousOrderError, FatalError, RejectedError, RetryableError } from '../../domain/errors.js';
import { clientOrderId } from '../../domain/ids.js';
import type { OrderIntent } from '../../domain/order.js';
import { expectVenueFailure } from '../test-support/venue-failure.js';
import type { IgError } from './errors.js';
import { aaplEntry, igHarness } from './test-support/ig-harness.js';

type Harness = Awaited<ReturnType<typeof igHarness>>;
const OPEN = 'POST /positions/otc';
let h: Harness;
let ids = 0;

const entry = (over: Partial<OrderIntent> = {}): OrderIntent =>
  aaplEntry(clientOrderId(`igfault-${++ids}`), over);

const failsWith = (call: Promise<unknown>, type: abstract new (...a: never[]) => Error, endpoint: string) =>
  expectVenueFailure<IgError>(call, type, 'ig', endpoint, [h.fake.apiKey, h.fake.password, ...h.fake.tokens]);

const opens = () =>
  h.fake.requests.filter(
    (r) => r.method === 'POST' && r.path === '/positions/otc' && r.override === undefined,
  );

describe('IgBroker faults (fake IG server)', () => {
  beforeEach(async () => {
    h = await igHarness({ timeoutMs: 300 });
  });
  afterEach(() => h.teardown());

  it('latency under the timeout: the call just takes longer', async () => {
    h.fake.faults.latencyMs = 100;
    // Its own client with a 2 s timeout: 100 ms of latency and a loaded machine's own delay came
    // near the suite's 300 ms (a log-in and the call), which then failed this test in CI.
    const broker = h.connect({ timeoutMs: 2000 });
    const started = performance.now();
    expect((await broker.fetchBalance()).currency).toBe('USD');
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    await broker.close();
  });

  it('timeout on a deal: ambiguous; the deal the venue took is found by reference, and not re-sent', async () => {
    const intent = entry();
    h.fake.faults.arm('openPosition', { kind: 'delay', ms: 1000 });
    await failsWith(h.broker.placeOrder(intent), AmbiguousOrderError, OPEN);
    expect((await h.broker.fetchOrder({ clientId: intent.clientId }))?.state).toBe('FILLED');
    await h.broker.placeOrder(intent);
    expect(opens(), 'one deal request only').toHaveLength(1);
    expect(await h.broker.fetchPositions()).toHaveLength(1);
  });

  it('timeout on a query: retryable', async () => {
    h.fake.faults.arm('positions', { kind: 'delay', ms: 1000 });
    const e = await failsWith(h.broker.fetchPositions(), RetryableError, 'GET /positions');
    expect(e.message).toContain('no answer within 300 ms');
  });

  it('429: retryable with Retry-After, and nothing was placed', async () => {
    const intent = entry();
    h.fake.faults.arm('openPosition', { kind: 'rateLimited', retryAfterSeconds: 2 });
    const e = await failsWith(h.broker.placeOrder(intent), RetryableError, OPEN);
    expect((e as RetryableError).retryAfterMs).toBe(2000);
    expect(await h.broker.fetchOrder({ clientId: intent.clientId })).toBeUndefined();
    expect((await h.broker.placeOrder(intent)).state).toBe('FILLED');
  });

  it('403 allowance: retryable later, held back locally without another request, never a crash', async () => {
    await h.teardown();
    h = await igHarness({ timeoutMs: 300, limits: { backoffMs: 200 } });
    const intent = entry();
    h.fake.faults.arm('openPosition', { kind: 'allowance', which: 'account-trading' });
    const e = await failsWith(h.broker.placeOrder(intent), RetryableError, OPEN);
    expect(e.message).toContain('exceeded-account-trading-allowance');
    expect((e as RetryableError).retryAfterMs).toBe(200);
    const sent = h.fake.requests.length;
    await expect(h.broker.placeOrder(intent)).rejects.toBeInstanceOf(RetryableError);
    expect(opens(), 'the held-back deal never reached the venue').toHaveLength(1);
    expect(h.fake.requests.length - sent, 'only the lookup queries were sent').toBeLessThanOrEqual(2);
    expect(await h.broker.fetchOrder({ clientId: intent.clientId })).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await h.broker.placeOrder(intent)).state).toBe('FILLED');
  });

  it('401 expired session on a query: logs in again and repeats the query', async () => {
    await h.broker.fetchBalance();
    h.fake.faults.arm('positions', { kind: 'expiredSession' });
    expect(await h.broker.fetchPositions()).toEqual([]);
    expect(h.broker.http.logins).toBe(2);
  });

  it('401 expired session on a deal: logs in again, never re-sends the deal, resolves by /confirms', async () => {
    await h.broker.fetchBalance();
    const intent = entry();
    h.fake.faults.arm('openPosition', { kind: 'expiredSession' });
    const e = await failsWith(h.broker.placeOrder(intent), AmbiguousOrderError, OPEN);
    expect(e.message).toContain('not re-sent');
    expect(h.broker.http.logins).toBe(2);
    expect(opens(), 'the deal was sent once (refused), never replayed').toHaveLength(1);
    expect(h.fake.venue.deals, 'and the venue never saw it').toHaveLength(0);
    expect(await h.broker.fetchOrder({ clientId: intent.clientId })).toBeUndefined();
    expect((await h.broker.placeOrder(intent)).state).toBe('FILLED');
    expect(h.fake.venue.deals).toHaveLength(1);
  });

  it('a wrong password is fatal, and the message does not echo it', async () => {
    const { IgBroker } = await import('./ig-broker.js');
    const password = 'wrong-password-that-must-not-leak';
    const broker = new IgBroker({
      baseUrl: h.fake.baseUrl,
      apiKey: h.fake.apiKey,
      identifier: h.fake.identifier,
      password,
      registry: (await import('../../domain/instruments/index.js')).defaultRegistry,
    });
    const error = await broker.fetchBalance().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalError);
    expect((error as Error).message).toContain('error.security.invalid-details');
    expect((error as Error).message).not.toContain(password);
  });

  it('5xx on a deal: ambiguous; the query shows it was not placed', async () => {
    const intent = entry();
    h.fake.faults.arm('openPosition', { kind: 'serverError', status: 503 });
    const e = await failsWith(h.broker.placeOrder(intent), AmbiguousOrderError, OPEN);
    expect(e.call.status).toBe(503);
    expect(await h.broker.fetchOrder({ clientId: intent.clientId })).toBeUndefined();
  });

  it('5xx on a query: retryable, and a failed positions query is never flat', async () => {
    h.fake.faults.arm('positions', { kind: 'serverError', status: 500 });
    await failsWith(h.broker.fetchPositions(), RetryableError, 'GET /positions');
  });

  it('malformed JSON after a deal: ambiguous, and the deal exists', async () => {
    const intent = entry();
    h.fake.faults.arm('openPosition', { kind: 'malformedJson' });
    const e = await failsWith(h.broker.placeOrder(intent), AmbiguousOrderError, OPEN);
    expect(e.message).toContain('unreadable body');
    expect((await h.broker.fetchOrder({ clientId: intent.clientId }))?.state).toBe('FILLED');
  });

  it('an HTML error page: named by its title; ambiguous on a deal, retryable on a query', async () => {
    const intent = entry();
    h.fake.faults.arm('openPosition', { kind: 'htmlError', status: 502 });
    const e = await failsWith(h.broker.placeOrder(intent), AmbiguousOrderError, OPEN);
    expect(e.message).toContain('502 Bad Gateway');
    expect(await h.broker.fetchOrder({ clientId: intent.clientId })).toBeUndefined();
    h.fake.faults.arm('market', { kind: 'htmlError' });
    await failsWith(h.broker.fetchTicker(h.symbol), RetryableError, 'GET /markets/{epic}');
  });

  it('a rejected deal: RejectedError with the confirm’s reason; the order reads back REJECTED', async () => {
    const intent = entry();
    h.fake.faults.arm('openPosition', { kind: 'rejectDeal', reason: 'INSUFFICIENT_FUNDS' });
    const e = await failsWith(h.broker.placeOrder(intent), RejectedError, 'GET /confirms/{dealReference}');
    expect(e.message).toContain('AAPL deal REJECTED: INSUFFICIENT_FUNDS');
    expect((await h.broker.fetchOrder({ clientId: intent.clientId }))?.state).toBe('REJECTED');
    expect(await h.broker.fetchPositions()).toEqual([]);
  });

  it('a confirm that 404s at first is polled until it appears', async () => {
    h.fake.faults.arm('confirm', { kind: 'confirmNotYet' }, 2);
    expect((await h.broker.placeOrder(entry())).state).toBe('FILLED');
  });

  it('an accepted deal whose response is lost: ambiguous; fetchOrder by reference finds it filled', async () => {
    const intent = entry();
    h.fake.faults.arm('openPosition', { kind: 'loseResponse' });
    const e = await failsWith(h.broker.placeOrder(intent), AmbiguousOrderError, OPEN);
    expect(e.message).toContain('do not re-submit');
    const found = await h.broker.fetchOrder({ clientId: intent.clientId });
    expect(found?.state).toBe('FILLED');
    const [position] = await h.broker.fetchPositions();
    expect(position?.clientId).toBe(intent.clientId);
    expect(found?.positionRef).toBe(position?.ref);
  });

  it('sends IG’s wire: Version headers, POST + _method DELETE for a close, the client id as dealReference', async () => {
    const intent = entry();
    await h.broker.placeOrder(intent);
    const [position] = await h.broker.fetchPositions();
    await h.broker.closePosition(position!, { clientId: clientOrderId('igfault-close') });
    const close = h.fake.requests.find((r) => r.override === 'DELETE');
    expect(close).toMatchObject({ method: 'POST', path: '/positions/otc', version: '1' });
    expect(h.fake.requests.find((r) => r.path === '/session')?.version).toBe('2');
    expect(h.fake.venue.deals[0]?.dealReference).toBe(intent.clientId);
  });
});
