// The start-up registry refresh against the three fakes, each speaking its venue's wire format:
// a changed precision or step is applied to a NEW registry and reported; an instrument the venue
// does not know, or junk rules, is an error naming the instrument and the venue.
import { afterEach, describe, expect, it } from 'vitest';
import { FatalError, RetryableError } from '../domain/errors.js';
import type { SymbolId } from '../domain/instruments/index.js';
import { defaultRegistry } from '../domain/instruments/index.js';
import { BinanceBroker } from './binance/binance-broker.js';
import { type FakeBinance, startFakeBinance } from './binance/fake/fake-server.js';
import { BTCUSDT, ETHUSDT } from './binance/test-support/binance-harness.js';
import { type FakeIg, startFakeIg } from './ig/fake/fake-server.js';
import { IgBroker } from './ig/ig-broker.js';
import { AAPL_EPIC } from './ig/test-support/ig-harness.js';
import { type FakeOanda, startFakeOanda } from './oanda/fake/fake-server.js';
import { OandaBroker } from './oanda/oanda-broker.js';
import { EUR_USD } from './oanda/test-support/oanda-harness.js';
import { refreshRegistry, refreshRegistryRetrying } from './registry-refresh.js';

const START = Date.parse('2026-01-06T15:00:00Z');
const sym = (s: string) => s as SymbolId;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function oanda(instruments: Parameters<typeof startFakeOanda>[0]) {
  const fake: FakeOanda = await startFakeOanda(instruments, { start: START });
  closers.push(() => fake.close());
  const broker = new OandaBroker({
    baseUrl: fake.baseUrl,
    token: fake.token,
    accountId: fake.accountId,
    registry: defaultRegistry,
    timeoutMs: 1000,
  });
  return { fake, broker };
}

async function binance(symbols: Parameters<typeof startFakeBinance>[0]) {
  const fake: FakeBinance = await startFakeBinance(symbols, { start: START });
  closers.push(() => fake.close());
  const broker = new BinanceBroker({
    baseUrl: fake.baseUrl,
    apiKey: fake.apiKey,
    secret: fake.secret,
    registry: defaultRegistry,
    timeoutMs: 1000,
    enableRateLimit: false,
  });
  return { fake, broker };
}

async function ig(epics: Parameters<typeof startFakeIg>[0]) {
  const fake: FakeIg = await startFakeIg(epics, { start: START });
  closers.push(() => fake.close());
  for (const e of epics) fake.setMid(e.epic, 200);
  const broker = new IgBroker({
    baseUrl: fake.baseUrl,
    apiKey: fake.apiKey,
    identifier: fake.identifier,
    password: fake.password,
    registry: defaultRegistry,
    timeoutMs: 1000,
  });
  return { fake, broker };
}

describe('refreshRegistry', () => {
  it('applies what each venue reports to a new registry and lists every change', async () => {
    const o = await oanda([
      { ...EUR_USD, displayPrecision: 4, tradeUnitsPrecision: 0, minimumTradeSize: '100' },
    ]);
    const b = await binance([
      { ...BTCUSDT, stepSize: '0.00000100', minQty: '0.00000200', minNotional: '10.00000000' },
    ]);
    const g = await ig([{ ...AAPL_EPIC, minDealSize: 0.5, decimalPlacesFactor: 3 }]);
    const symbols = [sym('EUR_USD'), sym('BTC/USDT'), sym('AAPL')];
    const { registry, changes } = await refreshRegistry(
      defaultRegistry,
      { oanda: o.broker, binance: b.broker, ig: g.broker },
      symbols,
    );
    expect(changes).toEqual([
      { symbol: 'EUR_USD', field: 'tickSize', from: 0.00001, to: 0.0001 },
      { symbol: 'EUR_USD', field: 'pricePrecision', from: 5, to: 4 },
      { symbol: 'EUR_USD', field: 'minSize', from: 1, to: 100 },
      { symbol: 'BTC/USDT', field: 'sizeStep', from: 0.00001, to: 0.000001 },
      { symbol: 'BTC/USDT', field: 'minSize', from: 0.00001, to: 0.000002 },
      { symbol: 'BTC/USDT', field: 'minNotional', from: 5, to: 10 },
      // IG states no size step: a half-share minimum makes the step the minimum's own decimal.
      { symbol: 'AAPL', field: 'tickSize', from: 0.01, to: 0.001 },
      { symbol: 'AAPL', field: 'pricePrecision', from: 2, to: 3 },
      { symbol: 'AAPL', field: 'sizeStep', from: 1, to: 0.1 },
      { symbol: 'AAPL', field: 'minSize', from: 1, to: 0.5 },
    ]);
    expect(registry.get('EUR_USD')).toMatchObject({ tickSize: 0.0001, pricePrecision: 4, minSize: 100 });
    expect(registry.get('BTC/USDT')).toMatchObject({ tickSize: 0.01, sizeStep: 0.000001, minNotional: 10 });
    expect(registry.get('AAPL')).toMatchObject({
      tickSize: 0.001,
      pricePrecision: 3,
      sizeStep: 0.1,
      minSize: 0.5,
    });
    expect(defaultRegistry.get('EUR_USD').pricePrecision, 'the old registry is untouched').toBe(5);
    expect(registry.get('GBP_USD'), 'instruments not asked about keep their defaults').toBe(
      defaultRegistry.get('GBP_USD'),
    );
    const asked = o.fake.requests.filter((r) => r.path.endsWith('/instruments'));
    expect(asked).toEqual([{ method: 'GET', path: `/v3/accounts/${o.fake.accountId}/instruments` }]);
    expect(g.fake.requests.some((r) => r.path === `/markets/${AAPL_EPIC.epic}` && r.version === '3')).toBe(
      true,
    );
  });

  it('reports nothing when the venues agree with the registry', async () => {
    const o = await oanda([EUR_USD]);
    const b = await binance([BTCUSDT, ETHUSDT]);
    const symbols = [sym('EUR_USD'), sym('BTC/USDT'), sym('ETH/USDT')];
    const refresh = await refreshRegistry(defaultRegistry, { oanda: o.broker, binance: b.broker }, symbols);
    expect(refresh.changes).toEqual([]);
  });

  it('OANDA: an instrument the account does not offer is an error naming it and the venue', async () => {
    const o = await oanda([EUR_USD]);
    const error = await refreshRegistry(defaultRegistry, { oanda: o.broker }, [
      sym('EUR_USD'),
      sym('GBP_USD'),
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalError);
    expect((error as Error).message).toMatch(
      /^oanda GET \/v3\/accounts\/\{accountID\}\/instruments: HTTP 200 GBP_USD/,
    );
  });

  it('OANDA: a minimum off the unit step is junk', async () => {
    const o = await oanda([{ ...EUR_USD, minimumTradeSize: '0.5' }]);
    await expect(refreshRegistry(defaultRegistry, { oanda: o.broker }, [sym('EUR_USD')])).rejects.toThrow(
      /oanda .*EUR_USD: minimumTradeSize 0\.5 is not a positive multiple of 1/,
    );
  });

  it('Binance: a symbol exchangeInfo does not list, and a zero tick, are errors naming it', async () => {
    const b = await binance([{ ...BTCUSDT, tickSize: '0.00000000' }, ETHUSDT]);
    const unknown = await refreshRegistry(defaultRegistry, { binance: b.broker }, [sym('SOL/USDT')]).catch(
      (e: unknown) => e,
    );
    expect(unknown).toBeInstanceOf(FatalError);
    expect((unknown as Error).message).toContain('binance GET /api/v3/exchangeInfo');
    expect((unknown as Error).message).toContain('SOL/USDT (SOL/USDT) is not listed');
    await expect(refreshRegistry(defaultRegistry, { binance: b.broker }, [sym('BTC/USDT')])).rejects.toThrow(
      /binance GET \/api\/v3\/exchangeInfo.*BTC\/USDT: PRICE_FILTER tickSize is 0\.00000000/,
    );
  });

  it('IG: an epic IG does not know is an error naming the instrument, its epic and the venue', async () => {
    const g = await ig([AAPL_EPIC]);
    const error = await refreshRegistry(defaultRegistry, { ig: g.broker }, [sym('AAPL'), sym('MSFT')]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FatalError);
    expect((error as Error).message).toMatch(
      /^ig GET \/markets\/\{epic\}: HTTP 404 MSFT \(epic [A-Z.]+\) is unknown to IG/,
    );
  });

  it('a symbol whose broker has no adapter given is refused before any request', async () => {
    await expect(refreshRegistry(defaultRegistry, {}, [sym('EUR_USD')])).rejects.toThrow(
      'no oanda adapter to ask about EUR_USD',
    );
  });
});

describe('refreshRegistryRetrying', () => {
  it('asks again after a retryable failure (IG 5xx, then a timeout) and takes the answer', async () => {
    const { fake, broker } = await ig([{ ...AAPL_EPIC, minDealSize: 0.5 }]);
    fake.faults.arm('market', { kind: 'serverError' });
    fake.faults.arm('market', { kind: 'delay', ms: 1500 });
    const retried: number[] = [];
    const refreshed = await refreshRegistryRetrying(defaultRegistry, { ig: broker }, [sym('AAPL')], {
      baseDelayMs: 10,
      onRetry: (err, attempt) => {
        expect(err).toBeInstanceOf(RetryableError);
        retried.push(attempt);
      },
    });
    expect(retried).toEqual([1, 2]);
    expect(refreshed.registry.get('AAPL').minSize, 'the third answer is taken').toBe(0.5);
    expect(fake.requests.filter((r) => r.path === `/markets/${AAPL_EPIC.epic}`)).toHaveLength(3);
  });

  it('throws the last retryable error once the attempts are spent, and never retries junk', async () => {
    const { fake, broker } = await ig([{ ...AAPL_EPIC, minDealSize: 1 }]);
    for (let i = 0; i < 2; i++) fake.faults.arm('market', { kind: 'serverError' });
    const spent = refreshRegistryRetrying(defaultRegistry, { ig: broker }, [sym('AAPL')], {
      attempts: 2,
      baseDelayMs: 10,
    });
    await expect(spent).rejects.toBeInstanceOf(RetryableError);

    const calls: number[] = [];
    const junk = refreshRegistryRetrying(defaultRegistry, {}, [sym('AAPL')], {
      onRetry: (_e, attempt) => calls.push(attempt),
    });
    await expect(junk).rejects.toBeInstanceOf(FatalError);
    expect(calls).toEqual([]);
  });
});
