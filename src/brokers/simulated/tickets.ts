// Open tickets (one per filled entry) and their protection. An amendment is accepted at once
// (fetchPositions shows it) but, bar-driven, only works from the next bar that opens after it.
import type Big from 'big.js';
import type { PositionRef, Protection, VenuePosition } from '../../domain/broker.js';
import type { Direction } from '../../domain/divergence.js';
import { RejectedError } from '../../domain/errors.js';
import type { ClientOrderId, SymbolId } from '../../domain/ids.js';
import type { ClosedTicket, TicketExit } from './types.js';

interface Levels {
  readonly stop: Big | undefined;
  readonly target: Big | undefined;
}

export interface Ticket {
  readonly ref: string;
  readonly clientId: ClientOrderId | undefined;
  readonly symbol: SymbolId;
  readonly direction: Direction;
  readonly entryQty: Big;
  readonly entryPrice: Big;
  readonly quoteCurrency: string;
  readonly openedAt: number;
  qty: Big;
  /** What the venue shows: the latest accepted protection. */
  accepted: Levels;
  /** What resolves bars: `accepted` once a bar opens at or after `amendedAt`. */
  working: Levels;
  amendedAt: number | undefined;
  /** Financing is charged for rollovers in (financedTo, now]. */
  financedTo: number;
  grossPnl: number;
  fees: number;
  financing: number;
  readonly exits: TicketExit[];
}

export class Tickets {
  readonly #open = new Map<string, Ticket>();
  readonly #closed: ClosedTicket[] = [];
  #sequence = 0;

  open(
    t: Omit<Ticket, 'ref' | 'qty' | 'working' | 'amendedAt' | 'grossPnl' | 'fees' | 'financing' | 'exits'>,
  ): Ticket {
    const ticket: Ticket = {
      ...t,
      ref: `sim-p-${++this.#sequence}`,
      qty: t.entryQty,
      working: t.accepted,
      amendedAt: undefined,
      grossPnl: 0,
      fees: 0,
      financing: 0,
      exits: [],
    };
    this.#open.set(ticket.ref, ticket);
    return ticket;
  }

  get(ref: PositionRef): Ticket {
    const ticket = this.#open.get(ref.ref);
    if (ticket === undefined || ticket.symbol !== ref.symbol) {
      throw new RejectedError(`no open position ${ref.ref} in ${ref.symbol}`);
    }
    return ticket;
  }

  tryGet(ref: string): Ticket | undefined {
    return this.#open.get(ref);
  }

  all(symbol?: SymbolId): Ticket[] {
    return [...this.#open.values()].filter((t) => symbol === undefined || t.symbol === symbol);
  }

  /** Only the given fields change; the other level is kept. */
  amend(ticket: Ticket, protection: Protection, now: number): void {
    ticket.accepted = {
      stop: protection.stop ?? ticket.accepted.stop,
      target: protection.target ?? ticket.accepted.target,
    };
    ticket.amendedAt = now;
  }

  /** Called at each bar's open: amendments made before it start working now. */
  activate(ticket: Ticket, barTime: number): void {
    if (ticket.amendedAt !== undefined && barTime >= ticket.amendedAt) {
      ticket.working = ticket.accepted;
      ticket.amendedAt = undefined;
    }
  }

  /** Records an exit; the ticket moves to the history when nothing is left. */
  reduce(ticket: Ticket, exit: TicketExit, pnl: number): void {
    ticket.qty = ticket.qty.minus(exit.qty);
    ticket.grossPnl += pnl;
    ticket.exits.push(exit);
    if (ticket.qty.gt(0)) return;
    this.#open.delete(ticket.ref);
    this.#closed.push(closedView(ticket, exit.time));
  }

  closed(): readonly ClosedTicket[] {
    return this.#closed;
  }
}

export function positionView(t: Ticket): VenuePosition {
  return {
    ref: t.ref,
    clientId: t.clientId,
    symbol: t.symbol,
    direction: t.direction,
    qty: t.qty,
    entryPrice: t.entryPrice,
    stop: t.accepted.stop,
    target: t.accepted.target,
    openedAt: t.openedAt,
  };
}

function closedView(t: Ticket, closedAt: number): ClosedTicket {
  return Object.freeze({
    ref: t.ref,
    clientId: t.clientId,
    symbol: t.symbol,
    direction: t.direction,
    qty: t.entryQty,
    entryPrice: t.entryPrice,
    exits: Object.freeze([...t.exits]),
    grossPnl: t.grossPnl,
    fees: t.fees,
    financing: t.financing,
    quoteCurrency: t.quoteCurrency,
    openedAt: t.openedAt,
    closedAt,
  });
}
