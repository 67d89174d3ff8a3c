// One 1h bar through the simulated venue (SPEC §1), in the order a bar unfolds:
//   1. amendments made before the bar opened start working;
//   2. market closes and entries placed before the open fill at the open (exit/entry side,
//      spread and slippage); limit and stop entries fill when the bar reaches them; an entry
//      whose own stop or target the open already crosses is canceled rather than filled;
//   3. every ticket's stop and target are resolved: a gap at the open fills at the open; inside
//      the bar the stop comes first when both are touched;
//   4. tickets still open are financed for the rollovers up to the bar's close.
import type Big from 'big.js';
import type { Candle } from '../../domain/candle.js';
import type { Instrument } from '../../domain/instruments/index.js';
import { HOUR_MS } from '../../domain/timeframe.js';
import type { BookOrder } from './order-book.js';
import { exitSide, halfSpreadOf, quoteAt, toTick, withSlippage } from './pricing.js';
import { type Books, fillEntry, fillExit } from './settlement.js';
import type { Ticket } from './tickets.js';

interface BarContext {
  readonly books: Books;
  readonly instrument: Instrument;
  readonly bar: Candle;
  readonly half: Big;
  /** Fills inside the bar are stamped with its close: when a bar-driven venue knows of them. */
  readonly closeTime: number;
}

/** How much of a bar a fresh ticket saw: all of it (filled at the open) or only its rest. */
type Exposure = 'whole-bar' | 'after-fill';

export function processBar(books: Books, instrument: Instrument, bar: Candle): void {
  // Most bars of most symbols meet nothing at the venue: no spread arithmetic for them.
  if (books.tickets.all(instrument.id).length === 0 && books.book.open(instrument.id).length === 0) return;
  const ctx: BarContext = {
    books,
    instrument,
    bar,
    half: halfSpreadOf(instrument, bar),
    closeTime: bar.time + HOUR_MS,
  };
  const symbol = instrument.id;
  for (const ticket of books.tickets.all(symbol)) books.tickets.activate(ticket, bar.time);
  const due = books.book.open(symbol).filter((o) => o.placedAt <= bar.time);
  for (const order of due.filter((o) => o.role === 'close')) fillClose(ctx, order);
  const fresh = new Map<string, Exposure>();
  for (const order of due.filter((o) => o.role === 'entry')) {
    const filled = tryEntry(ctx, order);
    if (filled !== undefined) fresh.set(filled.ticket.ref, filled.exposure);
  }
  for (const ticket of books.tickets.all(symbol)) resolveProtection(ctx, ticket, fresh.get(ticket.ref));
  for (const ticket of books.tickets.all(symbol)) {
    books.account.finance(ticket, instrument, ctx.closeTime, bar.close);
  }
}

function fillClose(ctx: BarContext, order: BookOrder): void {
  const ticket = order.positionRef === undefined ? undefined : ctx.books.tickets.tryGet(order.positionRef);
  if (ticket === undefined) {
    // The ticket was closed by its stop or target first: nothing is left to close.
    ctx.books.book.finish(order, 'CANCELED', ctx.bar.time, 'the position was already closed');
    return;
  }
  const side = order.side;
  const price = toTick(
    ctx.instrument,
    withSlippage(ctx.instrument, quoteAt(ctx.bar.open, ctx.half, side), side),
    side,
  );
  const qty = order.qty.gt(ticket.qty) ? ticket.qty : order.qty;
  fillExit(ctx.books, ctx.instrument, ticket, { qty, price, time: ctx.bar.time, reason: 'close', order });
}

function tryEntry(ctx: BarContext, order: BookOrder): { ticket: Ticket; exposure: Exposure } | undefined {
  const { books, instrument, bar } = ctx;
  const fill = entryFill(ctx, order);
  if (fill === undefined) {
    order.barsSeen += 1;
    if (order.expiresAfterBars !== undefined && order.barsSeen >= order.expiresAfterBars) {
      books.book.finish(order, 'EXPIRED', ctx.closeTime, `not filled within ${order.expiresAfterBars} bars`);
    }
    return undefined;
  }
  if (fill.exposure === 'whole-bar' && protectionCrossedAtOpen(ctx, order)) {
    // As OANDA does (STOP_LOSS_ON_FILL_LOSS): no ticket that its own protection would close at once.
    books.book.finish(order, 'CANCELED', bar.time, 'stop or target already crossed at the fill');
    return undefined;
  }
  const time = fill.exposure === 'whole-bar' ? bar.time : ctx.closeTime;
  const price = toTick(instrument, fill.price, order.side);
  return { ticket: fillEntry(books, instrument, order, price, time), exposure: fill.exposure };
}

/** Where an entry fills in this bar, if it does: market at the open; limit and stop entries when reached. */
function entryFill(ctx: BarContext, order: BookOrder): { price: Big; exposure: Exposure } | undefined {
  const { bar, half, instrument } = ctx;
  const side = order.side;
  const buy = side === 'buy';
  const open = quoteAt(bar.open, half, side);
  const slipped = (price: Big) => withSlippage(instrument, price, side);
  if (order.kind === 'market') return { price: slipped(open), exposure: 'whole-bar' };
  const level = order.price!;
  if (order.kind === 'limit') {
    // At the limit or better: an open already through the limit fills at the open.
    if (buy ? open.lte(level) : open.gte(level)) return { price: open, exposure: 'whole-bar' };
    const reach = quoteAt(buy ? bar.low : bar.high, half, side);
    if (buy ? reach.lte(level) : reach.gte(level)) return { price: level, exposure: 'after-fill' };
    return undefined;
  }
  // A stop entry becomes a market order once touched; a gap past it fills at the open.
  if (buy ? open.gte(level) : open.lte(level)) return { price: slipped(open), exposure: 'whole-bar' };
  const reach = quoteAt(buy ? bar.high : bar.low, half, side);
  if (buy ? reach.gte(level) : reach.lte(level)) return { price: slipped(level), exposure: 'after-fill' };
  return undefined;
}

function protectionCrossedAtOpen(ctx: BarContext, order: BookOrder): boolean {
  const long = order.side === 'buy';
  const exit = quoteAt(ctx.bar.open, ctx.half, long ? 'sell' : 'buy');
  const { stop, target } = order;
  const stopped = stop !== undefined && (long ? exit.lte(stop) : exit.gte(stop));
  const taken = target !== undefined && (long ? exit.gte(target) : exit.lte(target));
  return stopped || taken;
}

/**
 * A ticket that was open at the open can gap through either level; one filled inside the bar
 * can only be stopped in it (whether price reached the target after the fill is unknowable,
 * so it is not assumed).
 */
function resolveProtection(ctx: BarContext, ticket: Ticket, exposure: Exposure | undefined): void {
  const hit = protectionHit(ctx, ticket, exposure);
  if (hit !== undefined) fillExit(ctx.books, ctx.instrument, ticket, { qty: ticket.qty, ...hit });
}

function protectionHit(
  ctx: BarContext,
  ticket: Ticket,
  exposure: Exposure | undefined,
): { price: Big; time: number; reason: 'stop' | 'target' } | undefined {
  const { bar, half, instrument } = ctx;
  const { stop, target } = ticket.working;
  const long = ticket.direction === 'long';
  const side = exitSide(ticket.direction);
  const adverse = (a: Big, level: Big) => (long ? a.lte(level) : a.gte(level));
  const favourable = (a: Big, level: Big) => (long ? a.gte(level) : a.lte(level));
  const slipped = (price: Big) => toTick(instrument, withSlippage(instrument, price, side), side);
  if (exposure !== 'after-fill') {
    const open = quoteAt(bar.open, half, side);
    if (stop !== undefined && adverse(open, stop))
      return { price: slipped(open), time: bar.time, reason: 'stop' };
    if (target !== undefined && favourable(open, target)) {
      // A limit at or better than its price: the gapped open, never worse than the target.
      const price = toTick(instrument, open, side);
      return { price: long ? maxOf(price, target) : minOf(price, target), time: bar.time, reason: 'target' };
    }
  }
  const worst = quoteAt(long ? bar.low : bar.high, half, side);
  if (stop !== undefined && adverse(worst, stop))
    return { price: slipped(stop), time: ctx.closeTime, reason: 'stop' };
  const best = quoteAt(long ? bar.high : bar.low, half, side);
  if (exposure !== 'after-fill' && target !== undefined && favourable(best, target)) {
    return { price: target, time: ctx.closeTime, reason: 'target' };
  }
  return undefined;
}

const minOf = (a: Big, b: Big) => (a.lt(b) ? a : b);
const maxOf = (a: Big, b: Big) => (a.gt(b) ? a : b);
