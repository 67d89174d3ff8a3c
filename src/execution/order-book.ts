// The engine's orders in memory, by client id and by (broker, venue order id). Every change goes
// through the FSM; the caller stores the returned transitions (SPEC §10: every transition stored).
import type { OrderRef, VenueOrder } from '../domain/broker.js';
import type { ClientOrderId, PositionId, SignalId, VenueOrderId } from '../domain/ids.js';
import type { BrokerId } from '../domain/instruments/types.js';
import type { Fill, Ticket } from '../domain/order.js';
import { FillLedger } from './fill-ledger.js';
import { type OrderEvent, type OrderSnapshot, statusReported } from './order-events.js';
import { apply, InvalidOrderTransition, type OrderTransition } from './order-fsm.js';
import { isTerminal } from './order-transitions.js';

export type FillOutcome =
  | { readonly kind: 'applied'; readonly order: OrderSnapshot; readonly transition: OrderTransition }
  | { readonly kind: 'duplicate' }
  /** No order of ours: stored without an order and reported at reconciliation. */
  | { readonly kind: 'unmatched' };

export type ReportOutcome =
  | { readonly kind: 'applied'; readonly order: OrderSnapshot; readonly transition: OrderTransition }
  | { readonly kind: 'unchanged'; readonly order: OrderSnapshot }
  /** A venue order the book does not hold: reported, adopted or flagged by reconciliation. */
  | { readonly kind: 'unmatched' };

export class OrderBook {
  readonly #byClientId = new Map<ClientOrderId, OrderSnapshot>();
  readonly #byVenueId = new Map<string, ClientOrderId>();
  /** The non-terminal orders, oldest first: a long backtest holds thousands of finished ones. */
  readonly #open = new Set<ClientOrderId>();
  readonly #ledger: FillLedger;

  constructor(ledger = new FillLedger()) {
    this.#ledger = ledger;
  }

  /** Adds a new or restored (replayed) order; a client id is created once, so twice is a bug. */
  add(order: OrderSnapshot): void {
    const id = order.intent.clientId;
    if (this.#byClientId.has(id)) throw new RangeError(`order ${id} is already in the book`);
    if (order.venueOrderId !== undefined && this.byVenueId(order.intent.broker, order.venueOrderId)) {
      throw new RangeError(`venue order ${order.venueOrderId} is already in the book`);
    }
    this.#put(order);
    for (const tradeId of order.fills.tradeIds) this.#ledger.add(order.intent.broker, tradeId);
  }

  get(clientId: ClientOrderId): OrderSnapshot | undefined {
    return this.#byClientId.get(clientId);
  }

  byVenueId(broker: BrokerId, venueOrderId: VenueOrderId): OrderSnapshot | undefined {
    const id = this.#byVenueId.get(venueKey(broker, venueOrderId));
    return id === undefined ? undefined : this.#byClientId.get(id);
  }

  /** By client id first (ours, known before the venue's), then by venue order id. */
  find(broker: BrokerId, ref: OrderRef): OrderSnapshot | undefined {
    const byClient = ref.clientId === undefined ? undefined : this.get(ref.clientId);
    if (byClient !== undefined) return byClient;
    return ref.venueOrderId === undefined ? undefined : this.byVenueId(broker, ref.venueOrderId);
  }

  /** Applies an event; undefined for a no-op. Throws `InvalidOrderTransition`, leaving the book as it was. */
  apply(clientId: ClientOrderId, event: OrderEvent): OrderTransition | undefined {
    const order = this.#byClientId.get(clientId);
    if (order === undefined) throw new RangeError(`order ${clientId} is not in the book`);
    const result = apply(order, event);
    if (result.transition === undefined) return undefined;
    const venueId = result.order.venueOrderId;
    const owner =
      venueId === undefined ? undefined : this.#byVenueId.get(venueKey(order.intent.broker, venueId));
    if (owner !== undefined && owner !== clientId) {
      throw new InvalidOrderTransition(order, event, `venue order ${venueId} belongs to ${owner}`);
    }
    this.#put(result.order);
    return result.transition;
  }

  /** Applies the venue's view of one order (resolution of an in-flight order, reconciliation). */
  applyReport(broker: BrokerId, venue: VenueOrder, at: number): ReportOutcome {
    const order = this.find(broker, venue);
    if (order === undefined) return { kind: 'unmatched' };
    const event = statusReported(venue, at);
    const venueOrderId = this.#ownVenueId(order, venue.venueOrderId);
    const transition = this.apply(order.intent.clientId, {
      ...event,
      report: { ...event.report, venueOrderId },
    });
    const current = this.#byClientId.get(order.intent.clientId)!;
    return transition === undefined
      ? { kind: 'unchanged', order: current }
      : { kind: 'applied', order: current, transition };
  }

  /** Routes a venue fill to its order, once per (broker, trade id). */
  applyFill(fill: Fill, at: number): FillOutcome {
    if (this.#ledger.has(fill.broker, fill.tradeId)) return { kind: 'duplicate' };
    const order = this.find(fill.broker, fill);
    if (order === undefined) return { kind: 'unmatched' };
    // A venue may report a protective exit under the id of the deal it closes (IG's activity
    // `dealId`): the opposite side is never that order's fill, but an exit of its position.
    if (fill.clientId !== order.intent.clientId && fill.side !== order.intent.side)
      return { kind: 'unmatched' };
    // A fill for an order held as refused (REJECTED, DENIED), e.g. a Binance entry that filled,
    // had its protection refused and was sold back at once, reported as a rejection: no fill of
    // that order's, passed on as an unattributed one — an error here failed every later sync.
    if (order.state === 'REJECTED' || order.state === 'DENIED') return { kind: 'unmatched' };
    const own = this.#ownVenueId(order, fill.venueOrderId);
    const applied = own === fill.venueOrderId ? fill : { ...fill, venueOrderId: own };
    const transition = this.apply(order.intent.clientId, { type: 'OrderFilled', at, fill: applied });
    this.#ledger.add(fill.broker, fill.tradeId);
    if (transition === undefined) return { kind: 'duplicate' };
    return { kind: 'applied', order: this.#byClientId.get(order.intent.clientId)!, transition };
  }

  /** Non-terminal orders: in flight, working or pending cancel. */
  open(): OrderSnapshot[] {
    return [...this.#open].map((id) => this.#byClientId.get(id)!);
  }

  ofPosition(positionId: PositionId, ticket?: Ticket): OrderSnapshot[] {
    return this.#all().filter((o) => o.intent.positionId === positionId && matches(o, ticket));
  }

  ofSignal(signalId: SignalId, ticket?: Ticket): OrderSnapshot[] {
    return this.#all().filter((o) => o.intent.signalId === signalId && matches(o, ticket));
  }

  /** Drops an order (e.g. terminal and stored); its trade ids stay in the ledger. */
  delete(clientId: ClientOrderId): boolean {
    const order = this.#byClientId.get(clientId);
    if (order === undefined) return false;
    if (order.venueOrderId !== undefined) {
      this.#byVenueId.delete(venueKey(order.intent.broker, order.venueOrderId));
    }
    this.#open.delete(clientId);
    return this.#byClientId.delete(clientId);
  }

  /**
   * The venue order id an exit may take: IG reports a close under the deal id of the position it
   * closes, which is its entry's; that id stays the entry's (an exit found by its client id).
   */
  #ownVenueId(order: OrderSnapshot, id: VenueOrderId | undefined): VenueOrderId | undefined {
    if (id === undefined || order.intent.kind === 'entry') return id;
    const owner = this.#byVenueId.get(venueKey(order.intent.broker, id));
    return owner === undefined || owner === order.intent.clientId ? id : undefined;
  }

  #put(order: OrderSnapshot): void {
    this.#byClientId.set(order.intent.clientId, order);
    if (isTerminal(order.state)) this.#open.delete(order.intent.clientId);
    else this.#open.add(order.intent.clientId);
    if (order.venueOrderId !== undefined) {
      this.#byVenueId.set(venueKey(order.intent.broker, order.venueOrderId), order.intent.clientId);
    }
  }

  #all(): OrderSnapshot[] {
    return [...this.#byClientId.values()];
  }
}

const matches = (order: OrderSnapshot, ticket: Ticket | undefined) =>
  ticket === undefined || order.intent.ticket === ticket;

// Venue order ids are unique per venue only.
const venueKey = (broker: BrokerId, id: VenueOrderId) => `${broker}\u0000${id}`;
