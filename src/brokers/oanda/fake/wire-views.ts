// GET shapes: an order as stored, a trade with its dependent orders inlined and its unrealized
// P&L at the current quote, the account summary with NAV and margin derived from the trades.
import Big from 'big.js';
import type { FakeTrade, Wire, WireOrder } from './fake-ledger.js';
import { ACCOUNT_ID } from './fake-ledger.js';
import type { FakeServerState } from './fake-server.js';

/** 30:1 retail leverage on FX majors. */
const MARGIN_RATE = '0.0333';

export const orderJson = (o: WireOrder): Wire => ({ ...o });

function unrealized(s: FakeServerState, t: FakeTrade): Big {
  const units = new Big(t.currentUnits);
  const exit = s.venue.quote(t.instrument, units.lt(0) ? 'buy' : 'sell');
  return exit.minus(t.price).times(units);
}

const marginOf = (t: FakeTrade) => new Big(t.currentUnits).abs().times(t.price).times(MARGIN_RATE);

export function tradeJson(s: FakeServerState, t: FakeTrade): Wire {
  const dependent = (id: string | undefined) => {
    const o = id === undefined ? undefined : s.ledger.orders.get(id);
    return o?.state === 'PENDING' ? orderJson(o) : undefined;
  };
  const stopLossOrder = dependent(t.stopLossOrderID);
  const takeProfitOrder = dependent(t.takeProfitOrderID);
  return {
    id: t.id,
    instrument: t.instrument,
    price: t.price,
    openTime: t.openTime,
    state: t.state,
    initialUnits: t.initialUnits,
    initialMarginRequired: marginOf({ ...t, currentUnits: t.initialUnits }).toFixed(4),
    currentUnits: t.currentUnits,
    realizedPL: t.realizedPL,
    unrealizedPL: t.state === 'OPEN' ? unrealized(s, t).toFixed(4) : '0.0000',
    marginUsed: t.state === 'OPEN' ? marginOf(t).toFixed(4) : '0.0000',
    financing: '0.0000',
    ...(t.clientExtensions === undefined ? {} : { clientExtensions: t.clientExtensions }),
    ...(stopLossOrder === undefined ? {} : { stopLossOrder }),
    ...(takeProfitOrder === undefined ? {} : { takeProfitOrder }),
    ...(t.closeTime === undefined ? {} : { closeTime: t.closeTime }),
  };
}

export function summaryJson(s: FakeServerState): Wire {
  const open = [...s.ledger.trades.values()].filter((t) => t.state === 'OPEN');
  const upl = open.reduce((sum, t) => sum.plus(unrealized(s, t)), new Big(0));
  const margin = open.reduce((sum, t) => sum.plus(marginOf(t)), new Big(0));
  const nav = s.venue.balance.plus(upl);
  const pending = [...s.ledger.orders.values()].filter((o) => o.state === 'PENDING').length;
  return {
    id: ACCOUNT_ID,
    alias: 'divbot-fake',
    currency: 'USD',
    balance: s.venue.balance.toFixed(4),
    NAV: nav.toFixed(4),
    unrealizedPL: upl.toFixed(4),
    pl: '0.0000',
    resettablePL: '0.0000',
    marginUsed: margin.toFixed(4),
    marginAvailable: nav.minus(margin).toFixed(4),
    marginRate: MARGIN_RATE,
    positionValue: margin.div(MARGIN_RATE).toFixed(4),
    withdrawalLimit: nav.minus(margin).toFixed(4),
    openTradeCount: open.length,
    openPositionCount: new Set(open.map((t) => t.instrument)).size,
    pendingOrderCount: pending,
    hedgingEnabled: true,
    createdByUserID: 1435156,
    createdTime: '2026-01-01T00:00:00.000000000Z',
    lastTransactionID: s.ledger.lastTransactionID,
  };
}
