// Builders for the execution tests: one BTC/USDT buy of 1 on Binance and its fills and reports.
import Big from 'big.js';
import type { ClientOrderId, SymbolId, TradeId, VenueOrderId } from '../domain/ids.js';
import { clientOrderId } from '../domain/ids.js';
import type { Fill, OrderIntent, OrderState } from '../domain/order.js';
import type { ExecutionJournal } from './execution-journal.js';
import type { OrderEvent, OrderSnapshot, OrderStatusReported } from './order-events.js';
import { apply, type OrderTransition } from './order-fsm.js';

export const CLIENT_ID: ClientOrderId = clientOrderId('dvb-E-A-test');
export const SYMBOL = 'BTC/USDT' as SymbolId;
export const VENUE_ID = 'v-1' as VenueOrderId;

export function intent(overrides: Partial<OrderIntent> = {}): OrderIntent {
  return {
    clientId: CLIENT_ID,
    kind: 'entry',
    broker: 'binance',
    symbol: SYMBOL,
    side: 'buy',
    orderKind: 'market',
    qty: new Big(1),
    ticket: 'A',
    ...overrides,
  };
}

export function fill(
  tradeId: string,
  qty: Big.BigSource,
  price: Big.BigSource,
  extra: Partial<Fill> = {},
): Fill {
  return {
    broker: 'binance',
    tradeId: tradeId as TradeId,
    clientId: CLIENT_ID,
    symbol: SYMBOL,
    side: 'buy',
    qty: new Big(qty),
    price: new Big(price),
    fee: new Big(0),
    feeCurrency: 'USDT',
    time: 0,
    ...extra,
  };
}

export const filled = (f: Fill, at = 1): OrderEvent => ({ type: 'OrderFilled', at, fill: f });

export function reported(
  state: OrderState,
  filledQty: Big.BigSource,
  avgFillPrice?: Big.BigSource,
  venueOrderId: VenueOrderId | undefined = VENUE_ID,
  at = 1,
): OrderStatusReported {
  return {
    type: 'OrderStatusReported',
    at,
    report: {
      state,
      filledQty: new Big(filledQty),
      avgFillPrice: avgFillPrice === undefined ? undefined : new Big(avgFillPrice),
      venueOrderId,
    },
  };
}

export const submitted: OrderEvent = { type: 'OrderSubmitted', at: 1 };
export const accepted: OrderEvent = { type: 'OrderAccepted', at: 1, venueOrderId: VENUE_ID };
export const cancelRequested: OrderEvent = { type: 'OrderCancelRequested', at: 1 };
export const canceled: OrderEvent = { type: 'OrderCanceled', at: 1 };

/** Applies events in order; returns the final snapshot and the transitions to store. */
export function run(order: OrderSnapshot, events: readonly OrderEvent[]) {
  const transitions: OrderTransition[] = [];
  let current = order;
  for (const event of events) {
    const result = apply(current, event);
    current = result.order;
    if (result.transition !== undefined) transitions.push(result.transition);
  }
  return { order: current, transitions };
}

/** The engine settings of the engine tests over the SimulatedBroker (MAX_HOLD_BARS as a test needs). */
export const engineSettings = (maxHoldBars = 120) => ({
  ENTRY_MODE: 'market' as const,
  TRAIL_ATR_MULTIPLE: 2,
  TRAIL_ATR_MULTIPLE_TIGHT: 1,
  MAX_HOLD_BARS: maxHoldBars,
});

/** The two tickets of sampleSignal's BTC/USDT long: TP1 at 30,600, the runner's target 31,800. */
export const TWO_TICKETS = [
  { ticket: 'A' as const, qty: new Big('0.1'), target: 30_600 },
  { ticket: 'B' as const, qty: new Big('0.1'), target: 31_800 },
];

/** One hour's BTC/USDT bar for the scenario's `hour`. */
export const btcBar = (open: number, high: number, low: number, close: number) => ({
  'BTC/USDT': { open, high, low, close },
});

/** Makes the journal's next `count` order writes throw (the store down before a venue call). */
export function failOrderWrites(journal: ExecutionJournal, count = 1): void {
  const created = journal.orderCreated.bind(journal);
  let failures = count;
  journal.orderCreated = async (o) => {
    if (failures-- > 0) throw new Error('store unavailable (test)');
    await created(o);
  };
}
