// What the SimulatedBroker adds to the port's types: why each fill happened, and the history of
// closed tickets, so the engine and the backtest report can label exits without guessing.
import type Big from 'big.js';
import type { VenueOrder } from '../../domain/broker.js';
import type { Clock } from '../../domain/clock.js';
import type { Direction } from '../../domain/divergence.js';
import type { ClientOrderId, SymbolId } from '../../domain/ids.js';
import type { UsdRates } from '../../domain/instruments/index.js';
import type { InstrumentRegistry } from '../../domain/instruments/registry.js';
import type { Fill } from '../../domain/order.js';
import type { VenueJournal } from './venue-journal.js';

/** Why a fill happened: an entry, the attached stop or target, or a market close. */
export type FillReason = 'entry' | 'stop' | 'target' | 'close';

export interface SimulatedFill extends Fill {
  readonly reason: FillReason;
  /** The ticket the fill opened or (partly) closed. */
  readonly positionRef: string;
}

export interface SimulatedOrder extends VenueOrder {
  /** Limit and stop entries: how many bars they may wait for a fill before they expire. */
  readonly expiresAfterBars: number | undefined;
  /** Why the order was refused or ended without a fill. */
  readonly reason: string | undefined;
}

export interface TicketExit {
  readonly time: number;
  readonly price: Big;
  readonly qty: Big;
  readonly reason: Exclude<FillReason, 'entry'>;
  readonly clientId: ClientOrderId | undefined;
}

/** A ticket once fully closed. Money fields are in the instrument's quote currency. */
export interface ClosedTicket {
  readonly ref: string;
  readonly clientId: ClientOrderId | undefined;
  readonly symbol: SymbolId;
  readonly direction: Direction;
  readonly qty: Big;
  readonly entryPrice: Big;
  readonly exits: readonly TicketExit[];
  /** Price P&L of the exits, before fees and financing. */
  readonly grossPnl: number;
  readonly fees: number;
  /** Signed: negative is a charge. */
  readonly financing: number;
  readonly quoteCurrency: string;
  readonly openedAt: number;
  readonly closedAt: number;
}

export interface SimulatedBrokerOptions {
  readonly clock: Clock;
  readonly registry: InstrumentRegistry;
  readonly accountCurrency: 'USD';
  readonly startingCash: number;
  /** USD value of one unit of each currency; default the registry's static table. */
  readonly rates?: UsdRates;
  /** Bars a limit or stop entry stays valid (SPEC `LIMIT_ENTRY_BARS`); default 3. */
  readonly limitEntryBars?: number;
  /** Receives every change of the venue as it happens, to rebuild it with `replay` (venue-log.ts). */
  readonly journal?: VenueJournal;
}
