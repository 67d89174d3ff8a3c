// Closes as orders (SPEC §10: a client id per intent, written before the call, never sent twice):
// each ticket close is an exit intent in the book. At most one close is in flight per ticket; one
// that ended without filling (refused, denied, given up) may be retried as a new intent under the
// next sequence of its client id, never under the same id again.
import Big from 'big.js';
import type { ClientOrderId, PositionId } from '../domain/ids.js';
import type { IntentKind, OrderIntent } from '../domain/order.js';
import { makeClientId } from './client-ids.js';
import type { CloseReason } from './engine-types.js';
import type { ManagedPosition, ManagedTicket } from './managed-position.js';
import type { OrderBook } from './order-book.js';
import type { OrderEvent, OrderSnapshot } from './order-events.js';
import { newOrder } from './order-fsm.js';
import { isTerminal } from './order-transitions.js';

export const isExitKind = (kind: IntentKind): boolean => kind.startsWith('exit_');

export function exitKindOf(reason: CloseReason): IntentKind {
  return reason === 'time' ? 'exit_time_stop' : reason === 'policy' ? 'exit_policy' : 'exit_manual';
}

/** The reason a close order's fill is labelled with: its kind, `known` telling manual from end. */
export function closeReasonOf(kind: IntentKind, known: CloseReason | undefined): CloseReason {
  if (kind === 'exit_time_stop') return 'time';
  if (kind === 'exit_policy') return 'policy';
  return known === 'end' ? 'end' : 'manual';
}

/**
 * Gives up a close the venue has no record of: denied if never sent, refused while in flight,
 * canceled once it filled in part.
 */
export function giveUp(order: OrderSnapshot, at: number, reason: string): OrderEvent {
  if (order.state === 'INITIALIZED') return { type: 'OrderDenied', at, reason };
  return order.state === 'SUBMITTED' || order.state === 'ACCEPTED'
    ? { type: 'OrderRejected', at, reason }
    : { type: 'OrderCanceled', at };
}

const keyOf = (positionId: string, ticket: string) => `${positionId}|${ticket}`;

export class CloseOrders {
  /** The close in flight per ticket: the only ones sync() looks at (never all orders). */
  readonly #inFlight = new Map<string, ClientOrderId>();

  constructor(
    private readonly book: OrderBook,
    private readonly namespace: string,
  ) {}

  /** How many closes have not ended (a handful at most: one per ticket). */
  get size(): number {
    return this.pending().length;
  }

  /** Notes a new or restored close that has not ended; anything else is ignored. */
  track(order: OrderSnapshot): void {
    const { kind, positionId, ticket, clientId } = order.intent;
    if (!isExitKind(kind) || positionId === undefined || ticket === undefined || isTerminal(order.state))
      return;
    this.#inFlight.set(keyOf(positionId, ticket), clientId);
  }

  /** The ticket's close that has not ended yet, if any; an ended one is forgotten here. */
  inFlight(positionId: string, ticket: string): OrderSnapshot | undefined {
    const key = keyOf(positionId, ticket);
    const id = this.#inFlight.get(key);
    const order = id === undefined ? undefined : this.book.get(id);
    if (order !== undefined && !isTerminal(order.state)) return order;
    this.#inFlight.delete(key);
    return undefined;
  }

  /** The closes that have not ended, oldest first (ended ones are dropped). */
  pending(): OrderSnapshot[] {
    const out: OrderSnapshot[] = [];
    for (const [key, id] of this.#inFlight) {
      const order = this.book.get(id);
      if (order === undefined || isTerminal(order.state)) this.#inFlight.delete(key);
      else out.push(order);
    }
    return out;
  }

  /**
   * A new close of the ticket's open quantity, added to the book and tracked (the caller stores it
   * before the venue call); undefined when one is in flight or nothing is open. The sequence is
   * the first free one: every earlier close of this kind has ended, so none is sent again.
   */
  create(p: ManagedPosition, t: ManagedTicket, reason: CloseReason, at: number): OrderSnapshot | undefined {
    if (this.inFlight(p.id, t.ticket) !== undefined) return undefined;
    const qty = new Big(t.filledQty).minus(t.closedQty);
    if (!qty.gt(0)) return undefined;
    const kind = exitKindOf(reason);
    const positionId = p.id as PositionId;
    for (let sequence = 0; ; sequence++) {
      const clientId = makeClientId({
        kind,
        positionId,
        ticket: t.ticket,
        sequence,
        namespace: this.namespace,
      });
      const earlier = this.book.get(clientId);
      if (earlier === undefined) {
        const intent: OrderIntent = {
          clientId,
          kind,
          broker: p.broker,
          symbol: p.symbol,
          side: p.direction === 'long' ? 'sell' : 'buy',
          orderKind: 'market',
          qty,
          positionId,
          ticket: t.ticket,
        };
        const order = newOrder(intent, at);
        this.book.add(order);
        this.track(order);
        return order;
      }
      if (!isTerminal(earlier.state)) return undefined; // in flight though not tracked: never twice
    }
  }
}
