// The REST paths ccxt calls for spot (brokers.md §3.3), each answering from the fake exchange.
// Handlers take the merged query and form parameters and return the JSON body; a refusal is
// thrown as VenueRefusal and answered as Binance's `{code, msg}`.
import Big from 'big.js';
import { type FakeExchange, isWorking, VenueRefusal } from './fake-exchange.js';
import type { Route } from './fake-faults.js';
import { cancelWire, orderFullWire, orderListReportWire, orderWire, tradeWire } from './fake-wire.js';

export interface FedBar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export interface RouteContext {
  readonly exchange: FakeExchange;
  readonly bars: Map<string, FedBar[]>;
}

type Handler = (p: URLSearchParams, c: RouteContext) => unknown;
interface RouteDef {
  readonly route: Route;
  readonly signed: boolean;
  readonly handle: Handler;
}

const HOUR = 3_600_000;
const INTERVALS: Readonly<Record<string, number>> = { '1h': HOUR, '4h': 4 * HOUR };

const order = (p: URLSearchParams, c: RouteContext) => {
  const found = c.exchange.findOrder(
    p.get('symbol') ?? '',
    p.get('orderId') ?? undefined,
    p.get('origClientOrderId') ?? undefined,
  );
  if (found === undefined) throw new VenueRefusal(-2013, 'Order does not exist.');
  return found;
};

const list = (p: URLSearchParams, c: RouteContext) => {
  const id = p.get('orderListId');
  const clientId = p.get('origClientOrderId') ?? p.get('listClientOrderId');
  const found = [...c.exchange.lists.values()].find(
    (l) => String(l.orderListId) === id || (clientId !== null && l.listClientOrderId === clientId),
  );
  if (found === undefined) throw new VenueRefusal(-2011, 'Order list does not exist.');
  return found;
};

const routes: Readonly<Record<string, RouteDef>> = {
  'GET /api/v3/ping': { route: 'time', signed: false, handle: () => ({}) },
  'GET /api/v3/time': { route: 'time', signed: false, handle: () => ({ serverTime: Date.now() }) },
  'GET /api/v3/exchangeInfo': { route: 'exchangeInfo', signed: false, handle: (_, c) => exchangeInfo(c) },
  'GET /api/v3/klines': { route: 'klines', signed: false, handle: klines },
  'GET /api/v3/ticker/24hr': { route: 'ticker', signed: false, handle: ticker },
  'GET /api/v3/ticker/bookTicker': {
    route: 'ticker',
    signed: false,
    handle: (p, c) => {
      const { symbol, bidPrice, bidQty, askPrice, askQty } = ticker(p, c);
      return { symbol, bidPrice, bidQty, askPrice, askQty };
    },
  },
  'GET /api/v3/account': { route: 'account', signed: true, handle: (_, c) => account(c) },
  'POST /api/v3/order': {
    route: 'createOrder',
    signed: true,
    handle: (p, c) => orderFullWire(c.exchange.create(p)),
  },
  'GET /api/v3/order': { route: 'getOrder', signed: true, handle: (p, c) => orderWire(order(p, c)) },
  'DELETE /api/v3/order': {
    route: 'cancelOrder',
    signed: true,
    handle: (p, c) => {
      const o = c.exchange.cancel(order(p, c));
      return cancelWire(o, o.clientOrderId);
    },
  },
  'GET /api/v3/openOrders': {
    route: 'openOrders',
    signed: true,
    handle: (p, c) => ordersOf(p, c).filter(isWorking).map(orderWire),
  },
  'GET /api/v3/allOrders': {
    route: 'allOrders',
    signed: true,
    handle: (p, c) => ordersOf(p, c).map(orderWire),
  },
  'POST /api/v3/orderList/oco': {
    route: 'createOco',
    signed: true,
    handle: (p, c) => report(c, c.exchange.createOco(p).orderListId),
  },
  'GET /api/v3/orderList': {
    route: 'getOrderList',
    signed: true,
    handle: (p, c) => c.exchange.listView(list(p, c)),
  },
  'DELETE /api/v3/orderList': {
    route: 'cancelOrderList',
    signed: true,
    handle: (p, c) => report(c, c.exchange.cancelList(list(p, c)).orderListId),
  },
  'GET /api/v3/openOrderList': {
    route: 'openOrderList',
    signed: true,
    handle: (_, c) =>
      [...c.exchange.lists.values()]
        .filter((l) => l.status === 'EXECUTING')
        .map((l) => c.exchange.listView(l)),
  },
  'GET /api/v3/myTrades': { route: 'myTrades', signed: true, handle: myTrades },
};

export function match(method: string, path: string): RouteDef | undefined {
  return routes[`${method} ${path}`];
}

function report(c: RouteContext, listId: number) {
  const l = c.exchange.lists.get(listId)!;
  return orderListReportWire(
    l,
    l.orderIds.map((id) => c.exchange.orders.get(id)!),
  );
}

function ordersOf(p: URLSearchParams, c: RouteContext) {
  const symbol = p.get('symbol');
  return [...c.exchange.orders.values()].filter((o) => symbol === null || o.symbol === symbol);
}

function myTrades(p: URLSearchParams, c: RouteContext) {
  const symbol = p.get('symbol');
  if (symbol === null) throw new VenueRefusal(-1102, "Mandatory parameter 'symbol' was not sent.");
  const fromId = Number(p.get('fromId') ?? 0);
  const start = Number(p.get('startTime') ?? 0);
  const limit = Math.min(Number(p.get('limit') ?? 500), 1000);
  return c.exchange.fills
    .filter((f) => f.symbol === symbol && f.id >= fromId && f.time >= start)
    .slice(0, limit)
    .map(tradeWire);
}

function exchangeInfo(c: RouteContext) {
  const symbols = [...c.exchange.symbols.values()].map((s) => ({
    symbol: s.symbol,
    status: 'TRADING',
    baseAsset: s.base,
    baseAssetPrecision: 8,
    quoteAsset: s.quote,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: [
      'LIMIT',
      'LIMIT_MAKER',
      'MARKET',
      'STOP_LOSS',
      'STOP_LOSS_LIMIT',
      'TAKE_PROFIT',
      'TAKE_PROFIT_LIMIT',
    ],
    icebergAllowed: true,
    ocoAllowed: true,
    otoAllowed: true,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: true,
    cancelReplaceAllowed: true,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      {
        filterType: 'PRICE_FILTER',
        minPrice: s.tickSize,
        maxPrice: '1000000.00000000',
        tickSize: s.tickSize,
      },
      {
        filterType: 'LOT_SIZE',
        minQty: s.minQty ?? s.stepSize,
        maxQty: '9000.00000000',
        stepSize: s.stepSize,
      },
      { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: '100.00000000', stepSize: '0.00000000' },
      {
        filterType: 'NOTIONAL',
        minNotional: s.minNotional,
        applyMinToMarket: true,
        maxNotional: '9000000.00000000',
        applyMaxToMarket: false,
        avgPriceMins: 5,
      },
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
  }));
  return {
    timezone: 'UTC',
    serverTime: Date.now(),
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
    ],
    exchangeFilters: [],
    symbols,
  };
}

/**
 * Fed 1h bars (aggregated for 4h), then the bar still forming at the fake's clock. As on the
 * venue: with `startTime` the first `limit` klines from it, without it the latest `limit`;
 * `endTime` bounds the open times.
 */
function klines(p: URLSearchParams, c: RouteContext) {
  const symbol = p.get('symbol') ?? '';
  const step = INTERVALS[p.get('interval') ?? ''];
  if (step === undefined) throw new VenueRefusal(-1120, 'Invalid interval.');
  const start = p.get('startTime') === null ? undefined : Number(p.get('startTime'));
  const end = Number(p.get('endTime') ?? Number.POSITIVE_INFINITY);
  const limit = Math.min(Number(p.get('limit') ?? 500), 1000);
  const groups = new Map<number, FedBar[]>();
  for (const bar of c.bars.get(symbol) ?? []) {
    const open = bar.time - (bar.time % step);
    groups.set(open, [...(groups.get(open) ?? []), bar]);
  }
  const mid = c.exchange.mids.get(symbol)?.toNumber() ?? 0;
  const now = c.exchange.now;
  const forming = now - (now % step);
  const rows = [...groups.entries()].map(([time, bars]) => ({
    time,
    open: bars[0]!.open,
    high: Math.max(...bars.map((b) => b.high)),
    low: Math.min(...bars.map((b) => b.low)),
    close: bars.at(-1)!.close,
    volume: bars.reduce((a, b) => a + b.volume, 0),
  }));
  const last = rows.at(-1);
  if (last?.time !== forming)
    rows.push({ time: forming, open: mid, high: mid, low: mid, close: mid, volume: 0 });
  const f = (x: number) => new Big(x).toFixed(8);
  const inRange = rows.filter((r) => r.time >= (start ?? 0) && r.time <= end);
  return (start === undefined ? inRange.slice(-limit) : inRange.slice(0, limit)).map((r) => [
    r.time,
    f(r.open),
    f(r.high),
    f(r.low),
    f(r.close),
    f(r.volume),
    r.time + step - 1,
    f(r.volume * r.close),
    10,
    '0.00000000',
    '0.00000000',
    '0',
  ]);
}

function ticker(p: URLSearchParams, c: RouteContext) {
  const symbol = p.get('symbol') ?? '';
  const bid = c.exchange.quote(symbol, 'SELL');
  const ask = c.exchange.quote(symbol, 'BUY');
  const mid = c.exchange.mids.get(symbol)!;
  const now = c.exchange.now;
  const s = (v: Big) => v.toFixed(8);
  return {
    symbol,
    priceChange: '0.00000000',
    priceChangePercent: '0.000',
    weightedAvgPrice: s(mid),
    prevClosePrice: s(mid),
    lastPrice: s(mid),
    lastQty: '0.01000000',
    bidPrice: s(bid),
    bidQty: '1.00000000',
    askPrice: s(ask),
    askQty: '1.00000000',
    openPrice: s(mid),
    highPrice: s(mid),
    lowPrice: s(mid),
    volume: '0.00000000',
    quoteVolume: '0.00000000',
    openTime: now - 86_400_000,
    closeTime: now,
    firstId: 1,
    lastId: 1,
    count: 1,
  };
}

function account(c: RouteContext) {
  const balances = [...c.exchange.balances.entries()].map(([asset, b]) => ({
    asset,
    free: b.free.toFixed(8),
    locked: b.locked.toFixed(8),
  }));
  return {
    makerCommission: 10,
    takerCommission: 10,
    buyerCommission: 0,
    sellerCommission: 0,
    commissionRates: { maker: '0.00100000', taker: '0.00100000', buyer: '0.00000000', seller: '0.00000000' },
    canTrade: true,
    canWithdraw: true,
    canDeposit: true,
    brokered: false,
    requireSelfTradePrevention: false,
    preventSor: false,
    updateTime: c.exchange.now,
    accountType: 'SPOT',
    balances,
    permissions: ['SPOT'],
    uid: 354937868,
  };
}
