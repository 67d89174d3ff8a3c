// The simulated venue's orders: entries waiting for a bar and market closes waiting for the next
// open. Client ids are unique across both, which is what makes placement idempotent.
import type Big from 'big.js';
import type { OrderRef } from '../../domain/broker.js';
import { RejectedError } from '../../domain/errors.js';
import type { ClientOrderId, SymbolId, VenueOrderId } from '../../domain/ids.js';
import type { OrderKind, OrderSide, OrderState } from '../../domain/order.js';
import type { SimulatedOrder } from './types.js';

export interface BookOrder {
  readonly venueOrderId: VenueOrderId;
  readonly clientId: ClientOrderId;
  /** An entry opens a ticket; a close reduces the ticket in `positionRef`. */
  readonly role: 'entry' | 'close';
  readonly symbol: SymbolId;
  readonly side: OrderSide;
  readonly kind: OrderKind;
  readonly qty: Big;
  /** Limit price, or a stop entry's trigger. */
  readonly price: Big | undefined;
  readonly stop: Big | undefined;
  readonly target: Big | undefined;
  /** Bar-driven: only bars opening at or after this instant can fill the order. */
  readonly placedAt: number;
  readonly expiresAfterBars: number | undefined;
  barsSeen: number;
  state: OrderState;
  positionRef: string | undefined;
  filledQty: Big;
  avgFillPrice: Big | undefined;
  updatedAt: number;
  /** Why the venue refused it, kept so a re-placement of the same id is refused the same way. */
  rejection: string | undefined;
  /** Why it ended without a fill (canceled, expired). */
  reason: string | undefined;
}

export type NewOrder = Omit<
  BookOrder,
  'venueOrderId' | 'barsSeen' | 'state' | 'filledQty' | 'avgFillPrice' | 'updatedAt' | 'rejection' | 'reason'
>;

const OPEN_STATES: readonly OrderState[] = ['ACCEPTED', 'PARTIALLY_FILLED'];

export class OrderBook {
  readonly #byClientId = new Map<string, BookOrder>();
  readonly #byVenueId = new Map<string, BookOrder>();
  /** Working orders only, in placement order: each bar scans these, not the whole history. */
  readonly #working = new Map<string, BookOrder>();
  #sequence = 0;

  byClientId(clientId: ClientOrderId): BookOrder | undefined {
    return this.#byClientId.get(clientId);
  }

  find(ref: OrderRef): BookOrder | undefined {
    if (ref.venueOrderId !== undefined) {
      const order = this.#byVenueId.get(ref.venueOrderId);
      return ref.clientId === undefined || order?.clientId === ref.clientId ? order : undefined;
    }
    return ref.clientId === undefined ? undefined : this.#byClientId.get(ref.clientId);
  }

  add(order: NewOrder, rejection?: string): BookOrder {
    const added: BookOrder = {
      ...order,
      venueOrderId: `sim-o-${++this.#sequence}` as VenueOrderId,
      barsSeen: 0,
      state: rejection === undefined ? 'ACCEPTED' : 'REJECTED',
      filledQty: order.qty.times(0),
      avgFillPrice: undefined,
      updatedAt: order.placedAt,
      rejection,
      reason: rejection,
    };
    this.#byClientId.set(added.clientId, added);
    this.#byVenueId.set(added.venueOrderId, added);
    if (OPEN_STATES.includes(added.state)) this.#working.set(added.venueOrderId, added);
    return added;
  }

  /** Open orders in placement order: the order a venue would work them in. */
  open(symbol?: SymbolId): BookOrder[] {
    const working = [...this.#working.values()];
    return symbol === undefined ? working : working.filter((o) => o.symbol === symbol);
  }

  cancel(ref: OrderRef, now: number): void {
    const order = this.find(ref);
    if (order === undefined) throw new RejectedError(`no order ${ref.venueOrderId ?? ref.clientId}`);
    if (order.state === 'CANCELED') return; // a repeated cancel is not an error
    if (!OPEN_STATES.includes(order.state)) {
      throw new RejectedError(`order ${order.clientId} is ${order.state} and cannot be canceled`);
    }
    this.finish(order, 'CANCELED', now, 'canceled by the client');
  }

  fill(order: BookOrder, qty: Big, price: Big, positionRef: string, time: number): void {
    order.filledQty = order.filledQty.plus(qty);
    order.avgFillPrice = price;
    order.positionRef = positionRef;
    this.finish(order, 'FILLED', time);
  }

  finish(order: BookOrder, state: OrderState, time: number, reason?: string): void {
    order.state = state;
    order.updatedAt = time;
    order.reason = reason;
    if (!OPEN_STATES.includes(state)) this.#working.delete(order.venueOrderId);
  }
}

/** The port's view of an order (a snapshot: later changes do not show through it). */
export function venueView(order: BookOrder): SimulatedOrder {
  return {
    clientId: order.clientId,
    venueOrderId: order.venueOrderId,
    symbol: order.symbol,
    side: order.side,
    kind: order.kind,
    state: order.state,
    qty: order.qty,
    filledQty: order.filledQty,
    avgFillPrice: order.avgFillPrice,
    positionRef: order.positionRef,
    updatedAt: order.updatedAt,
    expiresAfterBars: order.expiresAfterBars,
    reason: order.reason,
  };
}
