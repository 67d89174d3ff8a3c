// What one fill does to the books: opens a ticket or reduces one, books the fill with its fee,
// and moves cash by the fee, the realized P&L and the financing up to the fill.
import Big from 'big.js';
import { feeFor, type Instrument } from '../../domain/instruments/index.js';
import { type Account, exitPnl } from './account.js';
import type { BookOrder, OrderBook } from './order-book.js';
import { directionOfSide, exitSide } from './pricing.js';
import type { Ticket, Tickets } from './tickets.js';
import type { FillReason } from './types.js';

export interface Books {
  readonly book: OrderBook;
  readonly tickets: Tickets;
  readonly account: Account;
}

const feeOf = (instrument: Instrument, qty: Big, price: Big) =>
  new Big(feeFor(instrument, qty.toNumber(), price.toNumber())).round(10);

/** Fills an entry order in full at `price`: one new ticket carrying the attached protection. */
export function fillEntry(
  books: Books,
  instrument: Instrument,
  order: BookOrder,
  price: Big,
  time: number,
): Ticket {
  const fee = feeOf(instrument, order.qty, price);
  const ticket = books.tickets.open({
    clientId: order.clientId,
    symbol: order.symbol,
    direction: directionOfSide(order.side),
    entryQty: order.qty,
    entryPrice: price,
    quoteCurrency: instrument.quoteCurrency,
    openedAt: time,
    accepted: { stop: order.stop, target: order.target },
    financedTo: time,
  });
  ticket.fees += fee.toNumber();
  books.account.recordFill({
    broker: instrument.broker,
    clientId: order.clientId,
    venueOrderId: order.venueOrderId,
    symbol: order.symbol,
    side: order.side,
    qty: order.qty,
    price,
    fee,
    feeCurrency: instrument.quoteCurrency,
    time,
    reason: 'entry',
    positionRef: ticket.ref,
  });
  books.book.fill(order, order.qty, price, ticket.ref, time);
  return ticket;
}

/**
 * Closes `qty` of a ticket at `price`: by a close order, or by the ticket's own stop or target
 * (whose fills carry a venue order id naming the ticket and the leg, and no client id).
 */
export function fillExit(
  books: Books,
  instrument: Instrument,
  ticket: Ticket,
  exit: { qty: Big; price: Big; time: number; reason: Exclude<FillReason, 'entry'>; order?: BookOrder },
): void {
  const { qty, price, time, reason, order } = exit;
  books.account.finance(ticket, instrument, time, price.toNumber());
  const fee = feeOf(instrument, qty, price);
  const pnl = exitPnl(ticket, qty, price);
  ticket.fees += fee.toNumber();
  books.account.recordFill({
    broker: instrument.broker,
    clientId: order?.clientId,
    venueOrderId: order?.venueOrderId ?? (`${ticket.ref}-${reason}` as BookOrder['venueOrderId']),
    symbol: ticket.symbol,
    side: exitSide(ticket.direction),
    qty,
    price,
    fee,
    feeCurrency: instrument.quoteCurrency,
    time,
    reason,
    positionRef: ticket.ref,
  });
  books.account.credit(pnl, instrument.quoteCurrency);
  books.tickets.reduce(ticket, { time, price, qty, reason, clientId: order?.clientId }, pnl);
  if (order !== undefined) books.book.fill(order, qty, price, ticket.ref, time);
}
