// The simulated account: cash in the account currency, moved by fees, realized P&L and
// financing, each converted from the instrument's quote currency when it happens.
import type Big from 'big.js';
import type { Balance } from '../../domain/broker.js';
import { FatalError } from '../../domain/errors.js';
import type { TradeId } from '../../domain/ids.js';
import {
  convert,
  financingAmount,
  financingNights,
  type Instrument,
  type UsdRates,
} from '../../domain/instruments/index.js';
import type { Ticket } from './tickets.js';
import type { SimulatedFill } from './types.js';

/** The bar a ticket is marked at: its close, and the bid/ask a market exit would get. */
export interface Mark {
  readonly mid: number;
  readonly bid: number;
  readonly ask: number;
}

export class Account {
  readonly currency: string;
  readonly #rates: UsdRates;
  readonly #fills: SimulatedFill[] = [];
  #cash: number;
  #tradeSequence = 0;

  constructor(currency: string, startingCash: number, rates: UsdRates) {
    this.currency = currency;
    this.#cash = startingCash;
    this.#rates = rates;
  }

  get cash(): number {
    return this.#cash;
  }

  /** `amount` of `currency` in the account currency; a missing rate is a configuration fault. */
  toAccount(amount: number, currency: string): number {
    const converted = convert(amount, currency, this.currency, this.#rates);
    if (converted === undefined) throw new FatalError(`no rate to convert ${currency} to ${this.currency}`);
    return converted;
  }

  credit(amount: number, currency: string): void {
    this.#cash += this.toAccount(amount, currency);
  }

  /** Books a fill under the next trade id and charges its fee. */
  recordFill(fill: Omit<SimulatedFill, 'tradeId'>): SimulatedFill {
    const booked: SimulatedFill = Object.freeze({
      ...fill,
      tradeId: `sim-t-${++this.#tradeSequence}` as TradeId,
    });
    // Kept sorted by time (stable: equal times stay in booking order) so `fills(since)` is a
    // binary search, not a scan of every fill ever made at each sync.
    let at = this.#fills.length;
    while (at > 0 && this.#fills[at - 1]!.time > booked.time) at--;
    this.#fills.splice(at, 0, booked);
    this.credit(-booked.fee.toNumber(), booked.feeCurrency);
    return booked;
  }

  /** Fills at or after `since`, in the order they happened. */
  fills(since: number): SimulatedFill[] {
    let lo = 0;
    let hi = this.#fills.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#fills[mid]!.time < since) lo = mid + 1;
      else hi = mid;
    }
    return this.#fills.slice(lo);
  }

  /** Charges (or credits) the rollovers a ticket was held over, up to `to`, on its notional at `mid`. */
  finance(ticket: Ticket, instrument: Instrument, to: number, mid: number): void {
    if (!(to > ticket.financedTo)) return;
    const nights = financingNights(instrument, ticket.financedTo, to);
    ticket.financedTo = to;
    if (nights === 0) return;
    const amount = financingAmount(instrument, ticket.direction, ticket.qty.toNumber() * mid, nights);
    ticket.financing += amount;
    this.credit(amount, instrument.quoteCurrency);
  }

  /**
   * Equity = cash + unrealized P&L at each ticket's exit side of the last close. Available =
   * the lower of cash and equity (unrealized gains do not free margin) minus the margin the
   * registry's leverage implies (spot, at 1×, ties up the whole notional).
   */
  balance(open: readonly { ticket: Ticket; instrument: Instrument; mark: Mark }[], time: number): Balance {
    let unrealized = 0;
    let margin = 0;
    for (const { ticket, instrument, mark } of open) {
      const qty = ticket.qty.toNumber();
      const entry = ticket.entryPrice.toNumber();
      const pnl = ticket.direction === 'long' ? (mark.bid - entry) * qty : (entry - mark.ask) * qty;
      unrealized += this.toAccount(pnl, instrument.quoteCurrency);
      margin += this.toAccount((qty * mark.mid) / instrument.maxLeverage, instrument.quoteCurrency);
    }
    const equity = this.#cash + unrealized;
    return { currency: this.currency, equity, available: Math.min(this.#cash, equity) - margin, time };
  }
}

/** Price P&L of closing `qty` of a ticket at `price`, in the quote currency. */
export function exitPnl(ticket: Ticket, qty: Big, price: Big): number {
  const move = ticket.direction === 'long' ? price.minus(ticket.entryPrice) : ticket.entryPrice.minus(price);
  return move.times(qty).toNumber();
}
