// The SimulatedBroker (SPEC §1): a bar-driven venue behind the same Broker port as the real
// ones. The caller steps it with onBar after each 1h bar closes; every fill happens there, at
// prices derived from that bar, so the same candles always give the same trades. With a journal
// it records every change as it happens (venue-journal.ts), and `replay` rebuilds it from them.
import type Big from 'big.js';
import type {
  Balance,
  Broker,
  BrokerHealth,
  BrokerName,
  OrderRef,
  PositionRef,
  Protection,
  Ticker,
  VenueOrder,
  VenuePosition,
} from '../../domain/broker.js';
import type { Candle } from '../../domain/candle.js';
import type { SeriesCandles } from '../../domain/candle-columns.js';
import type { Clock } from '../../domain/clock.js';
import { RejectedError, RetryableError } from '../../domain/errors.js';
import type { ClientOrderId, SymbolId } from '../../domain/ids.js';
import { type Instrument, STATIC_USD_RATES } from '../../domain/instruments/index.js';
import type { InstrumentRegistry } from '../../domain/instruments/registry.js';
import type { OrderIntent } from '../../domain/order.js';
import { HOUR_MS, type Timeframe } from '../../domain/timeframe.js';
import { Account } from './account.js';
import { processBar } from './bar-resolution.js';
import { SimulatedFaults } from './faults.js';
import { MarketData } from './market-data.js';
import { type BookOrder, OrderBook, venueView } from './order-book.js';
import { closeOrder, entryOrder } from './order-requests.js';
import { halfSpreadOf, quoteAt, toTick } from './pricing.js';
import type { Books } from './settlement.js';
import { positionView, Tickets } from './tickets.js';
import type { ClosedTicket, SimulatedBrokerOptions, SimulatedFill, SimulatedOrder } from './types.js';
import { checkEntry, checkProtectionSides, checkTick } from './validation.js';
import { type FedBar, opTime, type VenueJournal, type VenueOp } from './venue-journal.js';

export class SimulatedBroker implements Broker {
  readonly id: BrokerName = 'simulated';
  readonly faults = new SimulatedFaults();
  readonly #clock: Clock;
  readonly #registry: InstrumentRegistry;
  readonly #market = new MarketData();
  readonly #books: Books;
  readonly #limitEntryBars: number;
  readonly #journal: VenueJournal | undefined;
  /** How far the market was replayed since the last recorded change (written with the next one). */
  #replayedTo: number | undefined;

  constructor(options: SimulatedBrokerOptions) {
    if (!Number.isFinite(options.startingCash) || options.startingCash < 0) {
      throw new RangeError(`startingCash must be a non-negative number, got ${options.startingCash}`);
    }
    this.#clock = options.clock;
    this.#registry = options.registry;
    this.#limitEntryBars = options.limitEntryBars ?? 3;
    this.#journal = options.journal;
    const account = new Account(
      options.accountCurrency,
      options.startingCash,
      options.rates ?? STATIC_USD_RATES,
    );
    this.#books = { book: new OrderBook(), tickets: new Tickets(), account };
  }

  // --- simulation control (not part of the port) ---

  /** Market data for fetchCandles; 1h bars loaded here can be fed with `replayTo`. */
  loadSeries(symbol: string, timeframe: Timeframe, candles: SeriesCandles): void {
    this.#market.load(this.#registry.parseSymbol(symbol), timeframe, candles);
  }

  /** Steps the venue through one closed 1h bar of `symbol` (bars in time order per symbol). */
  onBar(symbol: string, bar: Candle): void {
    this.onBars([{ symbol, bar }]);
  }

  /** Several closed bars at once (e.g. one hour of every symbol), recorded as one change. */
  onBars(bars: readonly FedBar[]): void {
    const now = this.#clock.now();
    this.#change({ op: 'bars', now, bars });
  }

  /** Feeds every loaded 1h bar closed by `t` and not fed yet, in time order; returns how many. */
  replayTo(t: number = this.#clock.now()): number {
    const fed = this.#replay(t, this.#clock.now());
    // Not written now: the bars are in the loaded data, so the horizon only matters to the next change.
    if (fed > 0 && this.#journal !== undefined) this.#replayedTo = t;
    return fed;
  }

  /**
   * Rebuilds the venue from its recorded changes (a broker fresh from its constructor, with the
   * same series loaded): each applied at its own time, so orders, tickets, fills and cash come
   * back exactly. Nothing is recorded again. Returns the time of the last change.
   */
  replay(ops: readonly VenueOp[]): number | undefined {
    let last: number | undefined;
    for (const [i, op] of ops.entries()) {
      try {
        this.#apply(op);
      } catch (e) {
        throw new Error(`venue log entry ${i + 1} (${op.op}) does not apply: ${(e as Error).message}`, {
          cause: e,
        });
      }
      last = Math.max(last ?? opTime(op), opTime(op));
    }
    return last;
  }

  /** Fully closed tickets, oldest first, each with its exits and why they happened. */
  closedPositions(): readonly ClosedTicket[] {
    return this.#books.tickets.closed();
  }

  /** Fees, financing and price P&L so far of a ticket, open or closed (quote currency). */
  costsOf(ref: string): { fees: number; financing: number; grossPnl: number } | undefined {
    const t = this.#books.tickets.tryGet(ref) ?? this.closedPositions().find((c) => c.ref === ref);
    return t === undefined ? undefined : { fees: t.fees, financing: t.financing, grossPnl: t.grossPnl };
  }

  // --- the Broker port ---

  async fetchCandles(symbol: SymbolId, timeframe: Timeframe, since?: number): Promise<Candle[]> {
    this.faults.before('fetchCandles');
    this.#instrument(symbol);
    return this.#market.closed(symbol, timeframe, this.#clock.now(), since);
  }

  async fetchTicker(symbol: SymbolId): Promise<Ticker> {
    this.faults.before('fetchTicker');
    const instrument = this.#instrument(symbol);
    const bar = this.#market.lastBar(symbol, this.#clock.now());
    if (bar === undefined) throw new RetryableError(`${symbol}: no price yet`);
    const half = halfSpreadOf(instrument, bar);
    const bid = toTick(instrument, quoteAt(bar.close, half, 'sell'), 'sell').toNumber();
    const ask = toTick(instrument, quoteAt(bar.close, half, 'buy'), 'buy').toNumber();
    return { symbol, bid, ask, time: bar.time + HOUR_MS, tradeable: true };
  }

  async fetchBalance(): Promise<Balance> {
    this.faults.before('fetchBalance');
    const now = this.#clock.now();
    const open = this.#books.tickets.all().map((ticket) => {
      const instrument = this.#registry.get(ticket.symbol);
      const bar = this.#market.lastBar(ticket.symbol, now)!; // a ticket exists only after a bar filled it
      const half = halfSpreadOf(instrument, bar);
      const bid = quoteAt(bar.close, half, 'sell').toNumber();
      return {
        ticket,
        instrument,
        mark: { mid: bar.close, bid, ask: quoteAt(bar.close, half, 'buy').toNumber() },
      };
    });
    return this.#books.account.balance(open, now);
  }

  /**
   * Accepts an entry, to fill on the next bar. A refused entry is kept as REJECTED, so a query
   * after a lost response tells the truth and re-placing the id is refused the same way.
   */
  async placeOrder(intent: OrderIntent, options?: { expiresAfterBars?: number }): Promise<SimulatedOrder> {
    this.faults.before('placeOrder');
    const existing = this.#books.book.byClientId(intent.clientId);
    if (existing !== undefined) {
      if (existing.rejection !== undefined) throw new RejectedError(existing.rejection);
      return venueView(existing);
    }
    const expires = options?.expiresAfterBars;
    const order = this.#change({
      op: 'place',
      now: this.#clock.now(),
      intent,
      ...(expires === undefined ? {} : { expiresAfterBars: expires }),
    })!;
    this.faults.after('placeOrder');
    if (order.rejection !== undefined) throw new RejectedError(order.rejection);
    return venueView(order);
  }

  /** Accepted at once; bar-driven, it works from the next bar that opens after this call. */
  async amendProtection(position: PositionRef, protection: Protection): Promise<void> {
    this.faults.before('amendProtection');
    this.#change({ op: 'amend', now: this.#clock.now(), position, protection });
    this.faults.after('amendProtection');
  }

  /** A market close, bar-driven like entries: ACCEPTED now, FILLED at the next bar's open. */
  async closePosition(
    position: PositionRef,
    options: { clientId: ClientOrderId; qty?: Big },
  ): Promise<SimulatedOrder> {
    this.faults.before('closePosition');
    const existing = this.#books.book.byClientId(options.clientId);
    if (existing !== undefined) return venueView(existing);
    const { clientId, qty } = options;
    const order = this.#change({
      op: 'close',
      now: this.#clock.now(),
      position,
      clientId,
      ...(qty === undefined ? {} : { qty }),
    })!;
    this.faults.after('closePosition');
    return venueView(order);
  }

  async cancelOrder(ref: OrderRef): Promise<void> {
    this.faults.before('cancelOrder');
    this.#change({ op: 'cancel', now: this.#clock.now(), order: ref });
    this.faults.after('cancelOrder');
  }

  async fetchOrder(ref: OrderRef): Promise<VenueOrder | undefined> {
    this.faults.before('fetchOrder');
    const order = this.#books.book.find(ref);
    return order === undefined ? undefined : venueView(order);
  }

  async fetchOpenOrders(): Promise<VenueOrder[]> {
    this.faults.before('fetchOpenOrders');
    return this.#books.book.open().map(venueView);
  }

  async fetchPositions(): Promise<VenuePosition[]> {
    this.faults.before('fetchPositions');
    return this.#books.tickets.all().map(positionView);
  }

  async fetchFills(since: number): Promise<SimulatedFill[]> {
    this.faults.before('fetchFills');
    return this.#books.account.fills(since);
  }

  async checkConnectivity(): Promise<BrokerHealth> {
    const ok = this.faults.connected;
    return {
      ok,
      detail: ok ? 'simulated venue' : 'simulated venue disconnected (fault injection)',
      latencyMs: 0,
    };
  }

  /** Nothing to release; the state stays readable so a backtest can report after closing. */
  async close(): Promise<void> {}

  #instrument(symbol: string): Instrument {
    const instrument = this.#registry.tryGet(symbol);
    if (instrument === undefined) throw new RejectedError(`unknown instrument ${symbol}`);
    return instrument;
  }

  /** Applies a change and records it once it took effect (a refused call changes nothing). */
  #change(op: VenueOp): BookOrder | undefined {
    const order = this.#apply(op);
    if (this.#journal !== undefined) {
      const horizon = this.#replayedTo;
      this.#replayedTo = undefined;
      if (horizon === undefined) this.#journal.record(op);
      else this.#journal.record({ op: 'replay', to: horizon }, op);
    }
    return order;
  }

  /** One change at its own time: the live calls and `replay` share it, so both act alike. */
  #apply(op: VenueOp): BookOrder | undefined {
    const books = this.#books;
    switch (op.op) {
      case 'replay':
        this.#replay(op.to, op.to);
        return undefined;
      case 'bars':
        // All or nothing: a bar that has not closed yet refuses the whole call before any is fed.
        for (const { symbol, bar } of op.bars) this.#closedBy(symbol, bar, op.now);
        for (const { symbol, bar } of op.bars) this.#feed(symbol, bar, op.now);
        return undefined;
      case 'place': {
        const { intent, now } = op;
        const rejection = this.#refusal(intent, now);
        const expires = op.expiresAfterBars ?? this.#limitEntryBars;
        return books.book.add(entryOrder(intent, now, expires), rejection);
      }
      case 'amend': {
        const { position, protection } = op;
        const ticket = books.tickets.get(position);
        const instrument = this.#instrument(position.symbol);
        checkTick(instrument, 'stop', protection.stop);
        checkTick(instrument, 'target', protection.target);
        checkProtectionSides(instrument, ticket.direction, {
          stop: protection.stop ?? ticket.accepted.stop,
          target: protection.target ?? ticket.accepted.target,
        });
        books.tickets.amend(ticket, protection, op.now);
        return undefined;
      }
      case 'close': {
        const ticket = books.tickets.get(op.position);
        const instrument = this.#instrument(op.position.symbol);
        const request = { clientId: op.clientId, ...(op.qty === undefined ? {} : { qty: op.qty }) };
        return books.book.add(closeOrder(books.book, instrument, ticket, request, op.now));
      }
      case 'cancel':
        books.book.cancel(op.order, op.now);
        return undefined;
    }
  }

  #replay(t: number, now: number): number {
    const { due, skipped } = this.#market.unfed(t, this.#idle);
    for (const { symbol, bar } of due) this.#feed(symbol, bar, now);
    return due.length + skipped;
  }

  /** Nothing of the symbol works at the venue: its bars change nothing but the quote. */
  readonly #idle = (symbol: SymbolId): boolean =>
    this.#books.tickets.all(symbol).length === 0 && this.#books.book.open(symbol).length === 0;

  #feed(symbol: string, bar: Candle, now: number): void {
    this.#closedBy(symbol, bar, now);
    const instrument = this.#registry.get(symbol);
    this.#market.feed(instrument.id, bar);
    processBar(this.#books, instrument, bar);
  }

  #closedBy(symbol: string, bar: Candle, now: number): void {
    // Fills stamped after "now" would leak the future into the engine: refuse loudly.
    if (bar.time + HOUR_MS > now)
      throw new RangeError(`${symbol}: the bar at ${new Date(bar.time).toISOString()} has not closed yet`);
  }

  #refusal(intent: OrderIntent, now: number): string | undefined {
    try {
      const instrument = this.#instrument(intent.symbol);
      checkEntry(instrument, intent, this.#market.lastBar(intent.symbol, now)?.close);
      return undefined;
    } catch (error) {
      if (error instanceof RejectedError) return error.message;
      throw error;
    }
  }
}
