// Keeps the fake honest: every field it sends is declared by OANDA's published spec (the
// extract in ../fixtures), so the client is tested against the venue's dialect, not ours.
import { readFileSync } from 'node:fs';
import Big from 'big.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientOrderId } from '../../../domain/ids.js';
import { oandaHarness } from '../test-support/oanda-harness.js';

const spec = JSON.parse(
  readFileSync(new URL('../fixtures/v20-definitions.json', import.meta.url), 'utf8'),
) as {
  definitions: Record<string, { properties?: Record<string, unknown>; enum?: string[] }>;
};
const undeclared = (object: object, definition: string) => {
  const properties = spec.definitions[definition]?.properties;
  if (properties === undefined) throw new Error(`no definition ${definition} in the extract`);
  return Object.keys(object).filter((k) => !(k in properties));
};
const ORDER_DEFINITIONS: Record<string, string> = {
  MARKET: 'MarketOrder',
  LIMIT: 'LimitOrder',
  STOP: 'StopOrder',
  STOP_LOSS: 'StopLossOrder',
  TAKE_PROFIT: 'TakeProfitOrder',
};

type Json = { account: object; trades: object[]; candles: object[]; instruments: object[] };
let h: Awaited<ReturnType<typeof oandaHarness>>;

describe('the fake OANDA server speaks the spec', () => {
  beforeEach(async () => {
    h = await oandaHarness();
  });
  afterEach(() => h.teardown());

  it('sends only declared fields in orders, trades, fills, the summary, candles and instruments', async () => {
    const base = { kind: 'entry', broker: 'oanda', symbol: h.symbol, qty: new Big(1000) } as const;
    await h.broker.placeOrder({
      ...base,
      clientId: clientOrderId('wire-1'),
      side: 'buy',
      orderKind: 'market',
      stop: new Big('1.08'),
      target: new Big('1.12'),
    });
    await h.broker.placeOrder({
      ...base,
      clientId: clientOrderId('wire-2'),
      side: 'sell',
      orderKind: 'limit',
      price: new Big('1.15'),
    });
    h.fake.nextBar('EUR_USD', { open: 1.1, high: 1.101, low: 1.099, close: 1.1 });
    const { ledger } = h.fake.state;
    for (const order of ledger.orders.values()) {
      expect(undeclared(order, ORDER_DEFINITIONS[order.type]!), `${order.type} order`).toEqual([]);
      expect(spec.definitions.OrderState?.enum).toContain(order.state);
    }
    const get = async (path: string) =>
      (await (
        await fetch(`${h.fake.baseUrl}${path}`, { headers: { Authorization: `Bearer ${h.fake.token}` } })
      ).json()) as Json;
    const account = `/v3/accounts/${h.fake.accountId}`;
    const { trades } = await get(`${account}/openTrades`);
    for (const trade of trades) expect(undeclared(trade, 'Trade')).toEqual([]);
    for (const fill of ledger.transactions.filter((t) => t.type === 'ORDER_FILL')) {
      expect(undeclared(fill, 'OrderFillTransaction')).toEqual([]);
    }
    expect(undeclared((await get(`${account}/summary`)).account, 'AccountSummary')).toEqual([]);
    const { candles } = await get('/v3/instruments/EUR_USD/candles?granularity=H1');
    for (const candle of candles) expect(undeclared(candle, 'Candlestick')).toEqual([]);
    const { instruments } = await get(`${account}/instruments?instruments=EUR_USD`);
    expect(instruments).toHaveLength(1);
    for (const instrument of instruments) expect(undeclared(instrument, 'Instrument')).toEqual([]);
  });
});
