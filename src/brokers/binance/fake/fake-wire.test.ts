// The fake's wire conformance against ccxt's recorded Binance responses (../fixtures, MIT): every
// field a recorded spot payload has, the fake sends too, and the adapter's schemas read both the
// recordings (ids and times as strings) and the fake (as numbers), so neither drifts.
import { readFileSync } from 'node:fs';
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { rawAccount, rawKlines, rawOrder, rawTicker, rawTrades } from '../schemas.js';
import { BTCUSDT } from '../test-support/binance-harness.js';
import { FakeExchange } from './fake-exchange.js';
import { orderFullWire, orderWire, tradeWire } from './fake-wire.js';

interface Recorded {
  methods: Record<string, { description: string; httpResponse: unknown }[]>;
}
const recorded = JSON.parse(
  readFileSync(new URL('../fixtures/ccxt-binance-response.json', import.meta.url), 'utf8'),
) as Recorded;
const response = (method: string, description: string) => {
  const found = recorded.methods[method]?.find((c) => c.description === description);
  if (found === undefined) throw new Error(`no recorded ${method} "${description}"`);
  return found.httpResponse;
};
const keys = (o: unknown) => Object.keys(o as object).sort();

function fakeOrder() {
  const exchange = new FakeExchange(new Map([[BTCUSDT.symbol, BTCUSDT]]));
  exchange.balance('USDT').free = new Big(100_000);
  exchange.sweep('BTCUSDT', new Big(50_000), true);
  const p = new URLSearchParams({
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'MARKET',
    quantity: '0.01000',
    newClientOrderId: 'w-1',
  });
  return exchange.create(p);
}

describe('fake Binance wire conformance (ccxt recordings)', () => {
  it('GET order carries every recorded field, and both parse', () => {
    const rec = response('fetchOrder', 'Fetch spot closed order');
    const fake = orderWire(fakeOrder());
    expect(keys(fake)).toEqual(expect.arrayContaining(keys(rec)));
    expect(rawOrder.safeParse(rec).success).toBe(true);
    expect(rawOrder.safeParse(fake).success).toBe(true);
  });

  it('POST order (FULL) carries every recorded field, and both parse', () => {
    const rec = response('createOrder', 'spot +selfTradePrevention +iceberg') as Record<string, unknown>;
    const fake = orderFullWire(fakeOrder());
    const recordedKeys = keys(rec).filter((k) => k !== 'icebergQty');
    expect(keys(fake)).toEqual(expect.arrayContaining(recordedKeys));
    expect(rawOrder.safeParse(rec).success).toBe(true);
    expect(rawOrder.safeParse(fake).success).toBe(true);
  });

  it('myTrades, account, klines and ticker parse as recorded', () => {
    const trades = response('fetchMyTrades', 'Spot private trade') as unknown[];
    expect(keys(tradeWire(fakeOrder().fills[0]!))).toEqual(keys(trades[0]));
    expect(rawTrades.safeParse(trades).success).toBe(true);
    expect(rawAccount.safeParse(response('fetchBalance', 'Spot balance')).success).toBe(true);
    expect(rawKlines.safeParse(response('fetchOHLCV', 'Spot OHLCV with since and limit')).success).toBe(true);
    expect(rawTicker.safeParse(response('fetchTicker', 'public spot ticker')).success).toBe(true);
  });
});
