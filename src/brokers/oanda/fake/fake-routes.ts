// The fake's routes: `/v3/...` paths and query parameters as in OANDA's spec, each answered
// from the venue's state in the wire format (wire-views.ts for the GET shapes).
import { formatTime } from '../format.js';
import { candles } from './fake-candles.js';
import type { Route } from './fake-faults.js';
import type { FakeTrade, Wire } from './fake-ledger.js';
import { ACCOUNT_ID } from './fake-ledger.js';
import type { FakeServerState } from './fake-server.js';
import type { Outcome } from './fake-venue.js';
import { orderJson, summaryJson, tradeJson } from './wire-views.js';

export interface Matched {
  readonly route: Route;
  handle(body: Wire, query: URLSearchParams): Outcome;
}

const notFound = (errorMessage: string): Outcome => ({ status: 404, body: { errorMessage } });

export function match(method: string, path: string, s: FakeServerState): Matched | undefined {
  const { ledger, venue } = s;
  const parts = path.split('/').map(decodeURIComponent);
  if (parts[1] !== 'v3') return undefined;
  const at = (i: number) => parts[i] ?? '';
  const ok = (body: Wire): Outcome => ({
    status: 200,
    body: { ...body, lastTransactionID: ledger.lastTransactionID },
  });
  const route = (r: Route, handle: Matched['handle']): Matched => ({ route: r, handle });
  const [, , top] = parts;
  if (top === 'instruments' && at(4) === 'candles' && method === 'GET') {
    return route('candles', (_b, q) => {
      const instrument = venue.instruments.get(at(3));
      if (instrument === undefined)
        return { status: 400, body: { errorMessage: "Invalid value specified for 'instrument'" } };
      const asked = new URLSearchParams(q);
      if (s.ignoreAlignment) for (const k of ['alignmentTimezone', 'dailyAlignment']) asked.delete(k);
      const list = candles(s.bars.get(at(3)) ?? [], asked, ledger.now, instrument.displayPrecision);
      if (typeof list === 'string') return { status: 400, body: { errorMessage: list } };
      return { status: 200, body: { instrument: at(3), granularity: q.get('granularity'), candles: list } };
    });
  }
  if (top !== 'accounts') return undefined;
  if (parts.length === 3 && method === 'GET')
    return route('accounts', () => ({ status: 200, body: { accounts: [{ id: ACCOUNT_ID, tags: [] }] } }));
  if (at(3) !== ACCOUNT_ID)
    return route('summary', () => ({
      status: 403,
      body: { errorMessage: 'The provided request was forbidden.' },
    }));
  // Ids (and `@clientId` specifiers) sit second; named sub-collections keep their names.
  const named = new Set(['idrange', 'sinceid']);
  const rest = `${method} ${parts
    .slice(4)
    .map((p, i) => (i === 1 && !named.has(p) ? ':id' : p))
    .join('/')}`;
  const trade = (): FakeTrade | undefined => ledger.trade(at(5));
  switch (rest) {
    case 'GET summary':
      return route('summary', () => ok({ account: summaryJson(s) }));
    case 'GET instruments':
      return route('instruments', (_b, q) => ok({ instruments: instrumentsJson(s, q) }));
    case 'GET pricing':
      return route('pricing', (_b, q) => ok(pricing(s, q)));
    case 'POST orders':
      return route('createOrder', (b) => venue.create((b.order ?? {}) as Wire));
    case 'GET pendingOrders':
      return route('pendingOrders', () =>
        ok({ orders: [...ledger.orders.values()].filter((o) => o.state === 'PENDING').map(orderJson) }),
      );
    case 'GET orders/:id':
      return route('getOrder', () => {
        const o = ledger.order(at(5));
        return o === undefined ? notFound('The Order specified does not exist') : ok({ order: orderJson(o) });
      });
    case 'PUT orders/:id/cancel':
      return route('cancelOrder', () => venue.cancel(ledger.order(at(5))));
    case 'PUT orders/:id/clientExtensions':
      return route('orderExtensions', (b) => extensions(s, at(5), b));
    case 'GET openTrades':
      return route('openTrades', () =>
        ok({
          trades: [...ledger.trades.values()].filter((t) => t.state === 'OPEN').map((t) => tradeJson(s, t)),
        }),
      );
    case 'GET trades/:id':
      return route('getTrade', () => {
        const t = trade();
        return t === undefined
          ? notFound('The Trade specified does not exist')
          : ok({ trade: tradeJson(s, t) });
      });
    case 'PUT trades/:id/close':
      return route('closeTrade', (b) => venue.closeTrade(trade(), String(b.units ?? 'ALL')));
    case 'PUT trades/:id/orders':
      return route('tradeOrders', (b) => venue.replaceDependents(trade(), b));
    case 'GET transactions':
      return route('transactions', (_b, q) => ok(pages(s, q)));
    case 'GET transactions/idrange':
      return route('idrange', (_b, q) => ok({ transactions: idrange(s, q) }));
    case 'GET transactions/:id':
      return route('transaction', () => {
        const tx = ledger.transactions.find((t) => t.id === at(5));
        return tx === undefined
          ? notFound('The Transaction specified does not exist')
          : ok({ transaction: tx });
      });
    default:
      return undefined;
  }
}

/** The account's instruments (all, or those asked for); names it does not offer are left out. */
function instrumentsJson(s: FakeServerState, q: URLSearchParams): Wire[] {
  const asked = q.get('instruments')?.split(',');
  const all = [...s.venue.instruments.values()];
  return all
    .filter((i) => asked === undefined || asked.includes(i.name))
    .map((i) => ({
      name: i.name,
      type: i.type ?? 'CURRENCY',
      displayName: i.name.replace('_', '/'),
      pipLocation: -Math.max(0, i.displayPrecision - 1),
      displayPrecision: i.displayPrecision,
      tradeUnitsPrecision: i.tradeUnitsPrecision,
      minimumTradeSize: i.minimumTradeSize ?? '1',
      maximumTrailingStopDistance: '1.00000',
      minimumTrailingStopDistance: '0.00050',
      maximumPositionSize: '0',
      maximumOrderUnits: '100000000',
      marginRate: '0.0333',
    }));
}

function pricing(s: FakeServerState, q: URLSearchParams): Wire {
  const names = (q.get('instruments') ?? '').split(',').filter((n) => s.venue.mids.has(n));
  const prices = names.map((instrument) => {
    const precision = s.venue.instruments.get(instrument)!.displayPrecision;
    const bid = s.venue.quote(instrument, 'sell').toFixed(precision);
    const ask = s.venue.quote(instrument, 'buy').toFixed(precision);
    return {
      type: 'PRICE',
      instrument,
      time: formatTime(s.ledger.now),
      tradeable: s.tradeable,
      bids: [{ price: bid, liquidity: 10000000 }],
      asks: [{ price: ask, liquidity: 10000000 }],
      closeoutBid: bid,
      closeoutAsk: ask,
    };
  });
  return { prices, time: formatTime(s.ledger.now) };
}

function extensions(s: FakeServerState, specifier: string, body: Wire): Outcome {
  const order = s.ledger.order(specifier);
  if (order === undefined) return notFound('The Order specified does not exist');
  const wanted = (body.clientExtensions as { id?: string } | undefined)?.id;
  if (wanted !== undefined && s.ledger.order(`@${wanted}`) !== undefined) {
    return {
      status: 400,
      body: { errorCode: 'CLIENT_ORDER_ID_ALREADY_EXISTS', errorMessage: 'Client Order ID already exists' },
    };
  }
  s.ledger.batch();
  if (wanted !== undefined) order.clientExtensions = { id: wanted };
  const tx = s.ledger.record('ORDER_CLIENT_EXTENSIONS_MODIFY', {
    orderID: order.id,
    clientExtensionsModify: body.clientExtensions,
  });
  const tail = { relatedTransactionIDs: [tx.id], lastTransactionID: s.ledger.lastTransactionID };
  return { status: 200, body: { orderClientExtensionsModifyTransaction: tx, ...tail } };
}

/** `GET transactions?from=&to=&type=`: the count and page URLs, as the real venue answers. */
function pages(s: FakeServerState, q: URLSearchParams): Wire {
  const from = q.get('from') ?? '1970-01-01T00:00:00.000000000Z';
  const to = q.get('to') ?? formatTime(s.ledger.now + 1);
  const type = q.get('type');
  const size = Number(q.get('pageSize') ?? 100);
  const inRange = s.ledger.transactions.filter(
    (t) => t.time >= from && t.time <= to && (type === null || t.type === type),
  );
  const urls: string[] = [];
  for (let i = 0; i < inRange.length; i += size) {
    const page = inRange.slice(i, i + size);
    const query = `from=${page[0]!.id}&to=${page.at(-1)!.id}${type === null ? '' : `&type=${type}`}`;
    urls.push(`https://api-fxpractice.oanda.com/v3/accounts/${ACCOUNT_ID}/transactions/idrange?${query}`);
  }
  return {
    from,
    to,
    pageSize: size,
    ...(type === null ? {} : { type: [type] }),
    count: inRange.length,
    pages: urls,
  };
}

function idrange(s: FakeServerState, q: URLSearchParams): Wire[] {
  const from = Number(q.get('from'));
  const to = Number(q.get('to'));
  const types = q.get('type')?.split(',');
  return s.ledger.transactions.filter(
    (t) => Number(t.id) >= from && Number(t.id) <= to && (types === undefined || types.includes(t.type)),
  );
}
