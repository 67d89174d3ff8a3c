// The order FSM's vocabulary (SPEC §10): immutable snapshots and past-tense events. Events are plain
// data so the store can persist each transition and rebuild an order by replaying them.
import type Big from 'big.js';
import type { VenueOrder } from '../domain/broker.js';
import { DivbotError } from '../domain/errors.js';
import type { ClientOrderId, TradeId, VenueOrderId } from '../domain/ids.js';
import type { Fill, Order, OrderState } from '../domain/order.js';

/** What the de-duplicated fills (identified by trade id) of one order add up to. */
export interface FillTotals {
  readonly qty: Big;
  /** Σ qty × price, exact; the average price is derived from it. */
  readonly notional: Big;
  readonly tradeIds: readonly TradeId[];
}

/** The venue's own cumulative view, from status reports (it may run ahead of the fills we saw). */
export interface ReportedTotals {
  readonly qty: Big;
  readonly avgPrice: Big | undefined;
}

export interface OrderSnapshot extends Order {
  readonly venueOrderId: VenueOrderId | undefined;
  /** min(executed, qty): never more than ordered; any excess is in `overfill`. */
  readonly filledQty: Big;
  /** Executed beyond the order's qty (venue overfill): set, never clamped away, so it can be alerted. */
  readonly overfill: Big | undefined;
  readonly avgFillPrice: Big | undefined;
  readonly fills: FillTotals;
  readonly reported: ReportedTotals;
  /** The venue's rejection reason or the risk denial code. */
  readonly reason: string | undefined;
  readonly createdAt: number;
}

export interface OrderSubmitted {
  readonly type: 'OrderSubmitted';
  readonly at: number;
}
export interface OrderDenied {
  readonly type: 'OrderDenied';
  readonly at: number;
  readonly reason: string;
}
export interface OrderAccepted {
  readonly type: 'OrderAccepted';
  readonly at: number;
  readonly venueOrderId: VenueOrderId;
}
export interface OrderRejected {
  readonly type: 'OrderRejected';
  readonly at: number;
  readonly reason: string;
}
/** One execution, partial or full. */
export interface OrderFilled {
  readonly type: 'OrderFilled';
  readonly at: number;
  readonly fill: Fill;
}
export interface OrderCancelRequested {
  readonly type: 'OrderCancelRequested';
  readonly at: number;
}
export interface OrderCancelRejected {
  readonly type: 'OrderCancelRejected';
  readonly at: number;
  readonly reason: string;
}
export interface OrderCanceled {
  readonly type: 'OrderCanceled';
  readonly at: number;
}
export interface OrderExpired {
  readonly type: 'OrderExpired';
  readonly at: number;
}

/** The venue's view of the order (fetchOrder / open orders), used to resolve and reconcile. */
export interface VenueReport {
  readonly state: OrderState;
  /** Cumulative executed quantity at the venue. */
  readonly filledQty: Big;
  readonly avgFillPrice: Big | undefined;
  readonly venueOrderId: VenueOrderId | undefined;
}
export interface OrderStatusReported {
  readonly type: 'OrderStatusReported';
  readonly at: number;
  readonly report: VenueReport;
}

export type OrderEvent =
  | OrderSubmitted
  | OrderDenied
  | OrderAccepted
  | OrderRejected
  | OrderFilled
  | OrderCancelRequested
  | OrderCancelRejected
  | OrderCanceled
  | OrderExpired
  | OrderStatusReported;
export type OrderEventType = OrderEvent['type'];

export interface OrderTransition {
  readonly clientId: ClientOrderId;
  readonly from: OrderState;
  readonly to: OrderState;
  readonly event: OrderEvent;
  /** The order's total overfill, when this transition created or grew it: alert and reconcile. */
  readonly overfill: Big | undefined;
}

export interface Applied {
  readonly order: OrderSnapshot;
  /** Undefined for an idempotent duplicate: nothing to store. */
  readonly transition: OrderTransition | undefined;
}

/** An event the table (or the order's quantities and ids) does not allow; the order is unchanged. */
export class InvalidOrderTransition extends DivbotError {
  readonly clientId: ClientOrderId;
  readonly state: OrderState;
  readonly event: OrderEvent;
  constructor(order: OrderSnapshot, event: OrderEvent, detail: string) {
    super(`order ${order.intent.clientId}: ${event.type} is invalid in ${order.state}: ${detail}`);
    this.clientId = order.intent.clientId;
    this.state = order.state;
    this.event = event;
  }
}

/** The event for a venue's view of an order (a `fetchOrder` / `fetchOpenOrders` row, an ack). */
export function statusReported(venue: VenueOrder, at: number): OrderStatusReported {
  return {
    type: 'OrderStatusReported',
    at,
    report: {
      state: venue.state,
      filledQty: venue.filledQty,
      avgFillPrice: venue.avgFillPrice,
      venueOrderId: venue.venueOrderId,
    },
  };
}
