// What the risk manager needs to know about the portfolio, as plain data the engine assembles
// from its positions, the brokers' balances and the trade journal. Working (unfilled) entries
// belong in `positions` too: they will become risk, and a second signal must not stack on them.
import type Big from 'big.js';
import type { Direction } from '../domain/divergence.js';
import type { SymbolId } from '../domain/ids.js';
import {
  type BrokerId,
  bookCurrency,
  convert,
  type Instrument,
  type UsdRates,
} from '../domain/instruments/index.js';
import type { Timeframe } from '../domain/timeframe.js';
import { accept, deny, type Outcome } from './denial.js';

export interface OpenPositionView {
  readonly instrument: Instrument;
  readonly direction: Direction;
  /** Open quantity of the position (both tickets), in venue units. */
  readonly qty: Big | number;
  readonly entryPrice: number;
  /** The current stop; undefined = unprotected, counted as risking its whole notional. */
  readonly stop: number | undefined;
}

export interface BrokerAccountView {
  /** The account's currency (USD, USDT, …). */
  readonly currency: string;
  /** Free margin, or free cash on spot. */
  readonly available: number;
  /** Last known value of an unreachable broker (SPEC §9). */
  readonly stale?: boolean;
}

/** One new trade (one signal, both tickets), for the per-day counts. */
export interface EntryRecord {
  readonly symbol: SymbolId;
  readonly at: number;
}

/** A position closed by its stop at a loss, for COOLDOWN_BARS_AFTER_STOP. */
export interface StopOutRecord {
  readonly symbol: SymbolId;
  readonly timeframe: Timeframe;
  readonly at: number;
}

export interface RiskBookView {
  /** Portfolio equity in BASE_CURRENCY (enabled brokers, converted); undefined = unknown. */
  readonly equity: number | undefined;
  /** Cumulative deposits − withdrawals behind `equity` (the same value the breakers get). */
  readonly netFlows: number;
  readonly positions: readonly OpenPositionView[];
  readonly accounts: Readonly<Partial<Record<BrokerId, BrokerAccountView>>>;
  /** New trades at least since the start of the current trading day. */
  readonly entries: readonly EntryRecord[];
  /** Stop-outs at least as far back as the longest cooldown. */
  readonly stopOuts: readonly StopOutRecord[];
  /** Live trades placed so far (for LIVE_RAMP_TRADES); undefined outside live mode. */
  readonly liveTradesSoFar?: number;
}

export const quantity = (q: Big | number): number => (typeof q === 'number' ? q : q.toNumber());

export const directionSign = (d: Direction): 1 | -1 => (d === 'long' ? 1 : -1);

/**
 * Risk to the current stop in BASE_CURRENCY: (entry − stop) in the trade's favour × qty; a
 * position whose stop is at breakeven or better risks 0.
 */
export function positionRisk(p: OpenPositionView, rates: UsdRates, base: string): Outcome<number> {
  const qty = Math.abs(quantity(p.qty));
  const quoteRisk =
    p.stop === undefined
      ? qty * p.entryPrice
      : Math.max(0, (p.entryPrice - p.stop) * directionSign(p.direction) * qty);
  const risk = convert(quoteRisk, p.instrument.quoteCurrency, base, rates);
  if (risk === undefined || !Number.isFinite(risk)) {
    return deny('NO_FX_RATE', `no ${p.instrument.quoteCurrency}→${base} rate for open ${p.instrument.id}`);
  }
  return accept(risk);
}

export interface CurrencyLeg {
  readonly currency: string;
  readonly sign: 1 | -1;
}

/**
 * Currency legs of a position (SPEC §9): an FX pair is long its base and short its quote (long
 * EUR_USD = +EUR −USD); anything else is exposure to its quote currency in the trade's direction.
 */
export function currencyLegs(instrument: Instrument, direction: Direction): readonly CurrencyLeg[] {
  const s = directionSign(direction);
  const quote = bookCurrency(instrument.quoteCurrency);
  if (instrument.assetClass === 'fx') {
    return [
      { currency: bookCurrency(instrument.baseAsset), sign: s },
      { currency: quote, sign: s === 1 ? -1 : 1 },
    ];
  }
  return [{ currency: quote, sign: s }];
}
