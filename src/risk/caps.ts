// Caps on the whole book (SPEC §9): open risk, the daily-loss budget left, risk per currency, and
// margin or cash per broker. Each check takes the new trade's risk already sized.
import type { Direction } from '../domain/divergence.js';
import { convert, type Instrument, type UsdRates } from '../domain/instruments/index.js';
import { currencyLegs, type OpenPositionView, positionRisk, quantity, type RiskBookView } from './book.js';
import { accept, type Denial, deny, fmt, type Outcome } from './denial.js';
import { percentOf, type RiskSettings } from './settings.js';

export interface NewTradeRisk {
  readonly instrument: Instrument;
  readonly direction: Direction;
  /** BASE_CURRENCY, to the stop with costs. */
  readonly risk: number;
  /** Quote currency, at the entry price. */
  readonly notionalQuote: number;
}

/** Sum of every open position's risk to its current stop, BASE_CURRENCY. */
export function openRisk(
  positions: readonly OpenPositionView[],
  rates: UsdRates,
  base: string,
): Outcome<number> {
  let total = 0;
  for (const p of positions) {
    const r = positionRisk(p, rates, base);
    if (!r.ok) return r;
    total += r.value;
  }
  return accept(total);
}

/**
 * Open risk plus this trade ≤ MAX_OPEN_RISK_PCT of equity, and ≤ the daily-loss budget left
 * (MAX_DAILY_LOSS_PCT of the day's start equity minus today's loss so far, plus today's gain):
 * if every stop were hit, the daily breaker would not be overshot.
 */
export function checkOpenRisk(
  trade: NewTradeRisk,
  existing: number,
  equity: number,
  dailyLossSoFar: number,
  dayStartEquity: number,
  settings: Pick<RiskSettings, 'MAX_OPEN_RISK_PCT' | 'MAX_DAILY_LOSS_PCT'>,
): Denial | undefined {
  const after = existing + trade.risk;
  const cap = percentOf(equity, settings.MAX_OPEN_RISK_PCT);
  if (after > cap) {
    return deny(
      'OPEN_RISK_CAP',
      `open risk ${fmt(after)} > ${settings.MAX_OPEN_RISK_PCT}% of equity (${fmt(cap)})`,
    );
  }
  // What may still be lost before the daily breaker trips: a day in profit has more room.
  const budget = percentOf(dayStartEquity, settings.MAX_DAILY_LOSS_PCT) - dailyLossSoFar;
  if (after > budget) {
    return deny('DAILY_LOSS_BUDGET', `open risk ${fmt(after)} > daily-loss budget left ${fmt(budget)}`);
  }
  return undefined;
}

/** Signed risk per currency (SPEC §9: each leg with its sign), BASE_CURRENCY. */
export function currencyRisk(
  positions: readonly OpenPositionView[],
  rates: UsdRates,
  base: string,
): Outcome<ReadonlyMap<string, number>> {
  const out = new Map<string, number>();
  for (const p of positions) {
    const r = positionRisk(p, rates, base);
    if (!r.ok) return r;
    for (const leg of currencyLegs(p.instrument, p.direction)) {
      out.set(leg.currency, (out.get(leg.currency) ?? 0) + leg.sign * r.value);
    }
  }
  return accept(out);
}

/**
 * Each currency the trade touches stays within MAX_CURRENCY_RISK_PCT of equity; a trade that
 * reduces a currency already over the cap (after a config change) is allowed.
 */
export function checkCurrencyRisk(
  trade: NewTradeRisk,
  existing: ReadonlyMap<string, number>,
  equity: number,
  settings: Pick<RiskSettings, 'MAX_CURRENCY_RISK_PCT'>,
): Denial | undefined {
  const cap = percentOf(equity, settings.MAX_CURRENCY_RISK_PCT);
  for (const leg of currencyLegs(trade.instrument, trade.direction)) {
    const before = existing.get(leg.currency) ?? 0;
    const after = before + leg.sign * trade.risk;
    if (Math.abs(after) > cap && Math.abs(after) > Math.abs(before)) {
      return deny(
        'CURRENCY_RISK_CAP',
        `${leg.currency} risk ${fmt(after)} > ${settings.MAX_CURRENCY_RISK_PCT}% of equity (${fmt(cap)})`,
      );
    }
  }
  return undefined;
}

/** Margin or cash a trade ties up, in `currency`: notional over the registry's leverage. */
export function marginRequired(
  trade: Pick<NewTradeRisk, 'instrument' | 'notionalQuote'>,
  currency: string,
  rates: UsdRates,
): number | undefined {
  const { instrument } = trade;
  return convert(trade.notionalQuote / instrument.maxLeverage, instrument.quoteCurrency, currency, rates);
}

/**
 * Margin (notional / the registry's leverage; spot crypto is 1×, i.e. cash) ≤ MAX_MARGIN_USE_PCT
 * of the broker's free margin or cash; on Binance also within BINANCE_ALLOCATION_USDT.
 */
export function checkMargin(
  trade: NewTradeRisk,
  book: Pick<RiskBookView, 'accounts' | 'positions'>,
  rates: UsdRates,
  settings: Pick<RiskSettings, 'MAX_MARGIN_USE_PCT' | 'BINANCE_ALLOCATION_USDT'>,
): Denial | undefined {
  const { instrument } = trade;
  const account = book.accounts[instrument.broker];
  if (account === undefined || !Number.isFinite(account.available)) {
    return deny('INSUFFICIENT_MARGIN', `no free margin known for ${instrument.broker}`);
  }
  // A last known balance keeps the book's equity whole, but is no basis for new margin.
  if (account.stale === true) {
    return deny('INSUFFICIENT_MARGIN', `${instrument.broker} is unreachable: only a stale balance is known`);
  }
  const margin = marginRequired(trade, account.currency, rates);
  if (margin === undefined) {
    return deny(
      'NO_FX_RATE',
      `no ${instrument.quoteCurrency}→${account.currency} rate for ${instrument.broker} margin`,
    );
  }
  const usable = percentOf(account.available, settings.MAX_MARGIN_USE_PCT);
  if (margin > usable) {
    return deny(
      'INSUFFICIENT_MARGIN',
      `margin ${fmt(margin)} ${account.currency} > ${settings.MAX_MARGIN_USE_PCT}% of free ${fmt(account.available)}`,
    );
  }
  const allocation = settings.BINANCE_ALLOCATION_USDT;
  if (instrument.broker === 'binance' && allocation !== undefined) {
    return checkAllocation(trade, book.positions, rates, allocation);
  }
  return undefined;
}

/** The bot's own spend on Binance (entry cost of its open holdings) stays within the allocation. */
function checkAllocation(
  trade: NewTradeRisk,
  positions: readonly OpenPositionView[],
  rates: UsdRates,
  allocation: number,
): Denial | undefined {
  let spent = 0;
  for (const p of positions) {
    if (p.instrument.broker !== 'binance') continue;
    const cost = convert(Math.abs(quantity(p.qty)) * p.entryPrice, p.instrument.quoteCurrency, 'USDT', rates);
    if (cost === undefined) return deny('NO_FX_RATE', `no ${p.instrument.quoteCurrency}→USDT rate`);
    spent += cost;
  }
  const add = convert(trade.notionalQuote, trade.instrument.quoteCurrency, 'USDT', rates);
  if (add === undefined) return deny('NO_FX_RATE', `no ${trade.instrument.quoteCurrency}→USDT rate`);
  if (spent + add > allocation) {
    return deny(
      'INSUFFICIENT_MARGIN',
      `Binance spend ${fmt(spent + add)} USDT > BINANCE_ALLOCATION_USDT ${fmt(allocation)} (${fmt(spent)} in use)`,
    );
  }
  return undefined;
}
