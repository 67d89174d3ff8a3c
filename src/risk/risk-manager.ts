// RiskManager.evaluate (SPEC §9): one signal against the book, the trading state and the market
// at send time → a plan of two tickets, or the first coded denial. The checks run in this order,
// cheapest and most fundamental first, so the stored reason is the one that matters most:
//   1. trading state (STATE_HALTED / STATE_PAUSED / STATE_REDUCING), a state checked this trading
//      day and equity known (EQUITY_UNKNOWN)
//   2. multi-timeframe: a tradable signal needs its setup (NO_SETUP)
//   3. instrument: run-time switch (INSTRUMENT_DISABLED), shorting (CANNOT_SHORT)
//   4. limits: SYMBOL_HAS_POSITION, MAX_POSITIONS_BROKER, CORRELATION_GROUP_FULL,
//      MAX_TRADES_PER_DAY, MAX_TRADES_PER_DAY_SYMBOL, COOLDOWN_AFTER_STOP
//   5. blackouts: MARKET_CLOSED, SESSION_CLOSING, NEWS_BLACKOUT, EARNINGS_BLACKOUT, STALE_DATA, PRICE_AWAY
//   6. send-time re-check: STALE_SIGNAL
//   7. sizing: NO_FX_RATE, COSTS_TOO_HIGH, SIZE_BELOW_MIN
//   8. caps: OPEN_RISK_CAP, DAILY_LOSS_BUDGET, CURRENCY_RISK_CAP, INSUFFICIENT_MARGIN (NO_FX_RATE)
import type Big from 'big.js';
import { brokerSetting } from '../config/index.js';
import type { Direction } from '../domain/divergence.js';
import { DivbotError } from '../domain/errors.js';
import type { SignalId, SymbolId } from '../domain/ids.js';
import type { BrokerId, Instrument, UsdRates } from '../domain/instruments/index.js';
import type { OrderSide, Ticket } from '../domain/order.js';
import type { Signal } from '../domain/signal.js';
import { checkData, checkEarnings, checkNews, checkSession, type MarketSnapshot } from './blackouts.js';
import type { RiskBookView } from './book.js';
import { permits, type RiskBookState } from './breaker-state.js';
import { dailyLoss } from './breakers.js';
import type { CalendarEvent, EarningsDate } from './calendar.js';
import {
  checkCurrencyRisk,
  checkMargin,
  checkOpenRisk,
  currencyRisk,
  type NewTradeRisk,
  openRisk,
} from './caps.js';
import { type Denial, deny } from './denial.js';
import {
  checkCooldown,
  checkInstrument,
  checkPositions,
  checkTradesToday,
  DEFAULT_CONTROL,
  type InstrumentControl,
} from './limits.js';
import { recheckAtSend, sendEntryPrice } from './send-check.js';
import type { RiskSettings } from './settings.js';
import { sizePosition } from './sizing.js';
import { tradingDayStart } from './trading-day.js';

export interface EvaluationInputs {
  readonly instrument: Instrument;
  readonly control?: InstrumentControl;
  readonly market: MarketSnapshot;
  /** USD value of each currency (live pricing, the run's FX series, else STATIC_USD_RATES). */
  readonly rates: UsdRates;
  readonly calendar?: readonly CalendarEvent[];
  readonly earnings?: readonly EarningsDate[];
}

export interface TicketPlan {
  readonly ticket: Ticket;
  readonly qty: Big;
  readonly target: number;
}

export interface TradePlan {
  readonly signalId: SignalId;
  readonly symbol: SymbolId;
  readonly broker: BrokerId;
  readonly direction: Direction;
  readonly side: OrderSide;
  /** The price the plan was sized at (the live price, or the limit in ENTRY_MODE=limit). */
  readonly entry: number;
  readonly stop: number;
  /** A closes at TP1 (TP1_CLOSE_PCT of the units), B runs to TP2. */
  readonly tickets: readonly [TicketPlan, TicketPlan];
  readonly units: Big;
  /** BASE_CURRENCY amounts. */
  readonly riskAmount: Big;
  readonly riskPerUnit: Big;
  readonly risk: Big;
  readonly costs: Big;
  readonly notional: Big;
  readonly baseCurrency: string;
  /** Run-time multiplier × live ramp. */
  readonly riskScale: number;
  readonly at: number;
}

export type Evaluation = { readonly ok: true; readonly plan: TradePlan } | Denial;

/** The signal does not match its inputs: a wiring bug, not a market condition. */
export class RiskInputError extends DivbotError {}

export class RiskManager {
  constructor(private readonly settings: RiskSettings) {}

  evaluate(signal: Signal, book: RiskBookView, state: RiskBookState, inputs: EvaluationInputs): Evaluation {
    const c = signal.candidate;
    const { instrument, market, rates } = inputs;
    if (c.symbol !== instrument.id || c.timeframe === undefined) {
      throw new RiskInputError(
        `signal ${signal.id} (${c.symbol} ${c.timeframe}) evaluated with ${instrument.id}`,
      );
    }
    const s = this.settings;
    const at = market.at;
    const equity = book.equity;
    // A state from an earlier trading day carries yesterday's day start, and a REDUCING that has
    // expired: HALTED and PAUSED still hold, anything else waits for checkBreakers.
    const sameDay =
      state.tradingDayStart !== null && tradingDayStart(at, s.TRADING_DAY_START) <= state.tradingDayStart;
    const gate = permits(state, 'entry');
    if (gate !== undefined && (sameDay || state.state !== 'REDUCING')) return gate;
    if (!sameDay) {
      return deny('EQUITY_UNKNOWN', 'breakers not yet checked this trading day (run checkBreakers first)');
    }
    if (equity === undefined || !Number.isFinite(equity) || !(equity > 0) || state.dayStartEquity === null) {
      return deny('EQUITY_UNKNOWN', `equity ${equity}, day start ${state.dayStartEquity}: no new risk`);
    }
    if (s.USE_MULTI_TF_CONFIRMATION && signal.setupId === undefined) {
      return deny('NO_SETUP', `${c.timeframe} signal without a triggered 4h setup`);
    }
    const denial =
      checkInstrument(instrument, c.direction, inputs.control ?? DEFAULT_CONTROL) ??
      checkPositions(instrument, c.direction, book, s) ??
      checkTradesToday(instrument.id, at, book, s) ??
      checkCooldown(instrument, c.timeframe, at, book, s) ??
      checkSession(instrument, market, s) ??
      checkNews(instrument, at, inputs.calendar ?? [], s) ??
      checkEarnings(instrument, at, inputs.earnings ?? [], s) ??
      checkData(instrument, c.timeframe, c.atr, market) ??
      recheckAtSend(c, instrument, signal.tradableAt, market, s);
    if (denial !== undefined) return denial;

    const entry = sendEntryPrice(c, market, s);
    const ramp =
      book.liveTradesSoFar !== undefined && book.liveTradesSoFar < s.LIVE_RAMP_TRADES ? s.LIVE_RISK_SCALE : 1;
    const riskScale = (inputs.control ?? DEFAULT_CONTROL).riskMultiplier * ramp;
    const sized = sizePosition(
      {
        instrument,
        direction: c.direction,
        entry,
        stop: c.stop,
        equity,
        riskPct: brokerSetting(s, 'RISK_PER_TRADE_PCT', instrument.broker),
        riskScale,
        rates,
        ...(market.barSpread === undefined ? {} : { barSpread: market.barSpread }),
      },
      s,
    );
    if (!sized.ok) return sized;
    const size = sized.value;
    const trade: NewTradeRisk = {
      instrument,
      direction: c.direction,
      risk: size.risk.toNumber(),
      notionalQuote: size.units.toNumber() * entry,
    };
    const capDenial = this.checkCaps(trade, book, state, equity, rates);
    if (capDenial !== undefined) return capDenial;
    return {
      ok: true,
      plan: {
        signalId: signal.id,
        symbol: instrument.id,
        broker: instrument.broker,
        direction: c.direction,
        side: c.direction === 'long' ? 'buy' : 'sell',
        entry,
        stop: c.stop,
        tickets: [
          { ticket: 'A', qty: size.ticketA, target: c.tp1 },
          { ticket: 'B', qty: size.ticketB, target: c.tp2 },
        ],
        units: size.units,
        riskAmount: size.riskAmount,
        riskPerUnit: size.riskPerUnit,
        risk: size.risk,
        costs: size.costs,
        notional: size.notional,
        baseCurrency: s.BASE_CURRENCY,
        riskScale,
        at,
      },
    };
  }

  private checkCaps(
    trade: NewTradeRisk,
    book: RiskBookView,
    state: RiskBookState,
    equity: number,
    rates: UsdRates,
  ): Denial | undefined {
    const s = this.settings;
    const base = s.BASE_CURRENCY;
    const existing = openRisk(book.positions, rates, base);
    if (!existing.ok) return existing;
    const loss = dailyLoss(state, equity, book.netFlows) ?? 0;
    const dayStart = (state.dayStartEquity ?? equity) + (book.netFlows - state.netFlows);
    const byCurrency = currencyRisk(book.positions, rates, base);
    if (!byCurrency.ok) return byCurrency;
    return (
      checkOpenRisk(trade, existing.value, equity, loss, dayStart, s) ??
      checkCurrencyRisk(trade, byCurrency.value, equity, s) ??
      checkMargin(trade, book, rates, s)
    );
  }
}
