// Turning a port call into a book order: an entry intent, or a market close of (part of) a ticket.
import type Big from 'big.js';
import { RejectedError } from '../../domain/errors.js';
import type { ClientOrderId } from '../../domain/ids.js';
import type { Instrument } from '../../domain/instruments/index.js';
import type { OrderIntent } from '../../domain/order.js';
import type { NewOrder, OrderBook } from './order-book.js';
import { exitSide } from './pricing.js';
import type { Ticket } from './tickets.js';
import { checkSize } from './validation.js';

export function entryOrder(intent: OrderIntent, placedAt: number, expiresAfterBars: number): NewOrder {
  const market = intent.orderKind === 'market';
  return {
    clientId: intent.clientId,
    role: 'entry',
    symbol: intent.symbol,
    side: intent.side,
    kind: intent.orderKind,
    qty: intent.qty,
    price: market ? undefined : intent.price,
    stop: intent.stop,
    target: intent.target,
    placedAt,
    // Market entries fill at the next open; only resting entries can run out of time.
    expiresAfterBars: market ? undefined : expiresAfterBars,
    positionRef: undefined,
  };
}

/**
 * A close of `qty` (default: all that is not already being closed). Partial sizes keep to the
 * size step and minimum; closing the whole remainder is always allowed.
 */
export function closeOrder(
  book: OrderBook,
  instrument: Instrument,
  ticket: Ticket,
  request: { clientId: ClientOrderId; qty?: Big },
  placedAt: number,
): NewOrder {
  const closing = book
    .open(ticket.symbol)
    .filter((o) => o.role === 'close' && o.positionRef === ticket.ref)
    .reduce((sum, o) => sum.plus(o.qty), ticket.qty.times(0));
  const left = ticket.qty.minus(closing);
  const qty = request.qty ?? left;
  if (!left.gt(0)) throw new RejectedError(`${ticket.ref}: already being closed in full`);
  if (qty.gt(left)) throw new RejectedError(`${ticket.ref}: cannot close ${qty}, only ${left} is open`);
  if (!qty.eq(left)) checkSize(instrument, qty);
  return {
    clientId: request.clientId,
    role: 'close',
    symbol: ticket.symbol,
    side: exitSide(ticket.direction),
    kind: 'market',
    qty,
    price: undefined,
    stop: undefined,
    target: undefined,
    placedAt,
    expiresAfterBars: undefined,
    positionRef: ticket.ref,
  };
}
