// Breaker transitions (SPEC §9), pure: each takes the state and an input and returns the next
// state plus the events to audit and alert on. The caller persists, audits and acts.
//
//            daily loss ≥ MAX_DAILY_LOSS_PCT          next trading day
//   ACTIVE ─────────────────────────────────▶ REDUCING ──────────────▶ ACTIVE
//   ACTIVE|REDUCING ── MAX_CONSECUTIVE_LOSSES or pause() ──▶ PAUSED ── resume() ──▶ ACTIVE|REDUCING
//   any ── drawdown from peak ≥ MAX_DRAWDOWN_PCT ──▶ HALTED ── reset(reason) ──▶ ACTIVE|REDUCING
import type { TradingState } from '../domain/trading-state.js';
import type { RiskBookState } from './breaker-state.js';
import { type Denial, deny, fmt } from './denial.js';
import type { RiskSettings } from './settings.js';
import { nextTradingDayStart, tradingDayStart } from './trading-day.js';

export type BreakerSettings = Pick<
  RiskSettings,
  'MAX_DAILY_LOSS_PCT' | 'MAX_DRAWDOWN_PCT' | 'MAX_CONSECUTIVE_LOSSES' | 'HALT_ACTION' | 'TRADING_DAY_START'
>;

export interface EquityReading {
  readonly at: number;
  /** Portfolio equity in BASE_CURRENCY; undefined or NaN when it cannot be computed. */
  readonly equity: number | undefined;
  /** Cumulative deposits − withdrawals up to this reading. */
  readonly netFlows: number;
  /** Some broker counted with its last known equity. */
  readonly stale: boolean;
}

export type BreakerCause = 'daily_loss' | 'drawdown' | 'consecutive_losses' | 'new_trading_day' | 'manual';

export interface StateChanged {
  readonly from: TradingState;
  readonly to: TradingState;
  readonly cause: BreakerCause;
  readonly reason: string;
  readonly at: number;
  /** HALT_ACTION=flatten on entering HALTED: the engine closes every position. */
  readonly flatten: boolean;
}

export interface BreakerResult {
  readonly state: RiskBookState;
  readonly events: readonly StateChanged[];
  /** EQUITY_UNKNOWN when the reading could not be used: no new risk until one can. */
  readonly failClosed?: Denial;
  readonly stale: boolean;
}

function enter(
  s: RiskBookState,
  to: TradingState,
  cause: BreakerCause,
  reason: string,
  at: number,
  events: StateChanged[],
  settings: Pick<RiskSettings, 'HALT_ACTION'>,
): RiskBookState {
  if (s.state === to) return s;
  events.push({
    from: s.state,
    to,
    cause,
    reason,
    at,
    flatten: to === 'HALTED' && settings.HALT_ACTION === 'flatten',
  });
  return { ...s, state: to, reason, since: at, updatedAt: at };
}

const usable = (x: number | undefined): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** Daily loss so far (BASE_CURRENCY, > 0 = loss), with flows not yet applied taken out. */
export function dailyLoss(s: RiskBookState, equity: number, netFlows: number): number | undefined {
  if (s.dayStartEquity === null) return undefined;
  return s.dayStartEquity + (netFlows - s.netFlows) - equity;
}

/** Run on every monitor pass and every fill. */
export function checkBreakers(s: RiskBookState, r: EquityReading, settings: BreakerSettings): BreakerResult {
  const { at, equity } = r;
  if (!usable(equity) || !Number.isFinite(r.netFlows)) {
    return {
      state: s,
      events: [],
      stale: r.stale,
      failClosed: deny('EQUITY_UNKNOWN', `equity is ${equity}`),
    };
  }
  const events: StateChanged[] = [];
  const flow = r.netFlows - s.netFlows;
  // A deposit is not a gain and a withdrawal not a loss: move the baselines with the cash.
  let next: RiskBookState = {
    ...s,
    equityPeak: s.equityPeak === null ? null : s.equityPeak + flow,
    dayStartEquity: s.dayStartEquity === null ? null : s.dayStartEquity + flow,
    netFlows: r.netFlows,
    updatedAt: at,
  };
  const dayStart = tradingDayStart(at, settings.TRADING_DAY_START);
  if (next.tradingDayStart === null || dayStart > next.tradingDayStart) {
    next = { ...next, tradingDayStart: dayStart, dayStartEquity: equity, reducingUntil: null };
    if (next.state === 'REDUCING') {
      next = enter(next, 'ACTIVE', 'new_trading_day', 'new trading day', at, events, settings);
    }
  }
  const peak = Math.max(next.equityPeak ?? equity, equity);
  next = { ...next, equityPeak: peak };
  const drawdownPct = ((peak - equity) / peak) * 100;
  if (drawdownPct >= settings.MAX_DRAWDOWN_PCT) {
    const why = `drawdown ${fmt(drawdownPct)}% from peak ${fmt(peak)} ≥ MAX_DRAWDOWN_PCT ${settings.MAX_DRAWDOWN_PCT}`;
    next = enter(next, 'HALTED', 'drawdown', why, at, events, settings);
  }
  const dayStartEquity = next.dayStartEquity ?? equity;
  const lossPct = ((dayStartEquity - equity) / dayStartEquity) * 100;
  if (lossPct >= settings.MAX_DAILY_LOSS_PCT && next.reducingUntil === null) {
    next = { ...next, reducingUntil: nextTradingDayStart(at, settings.TRADING_DAY_START) };
    const why = `daily loss ${fmt(lossPct)}% ≥ MAX_DAILY_LOSS_PCT ${settings.MAX_DAILY_LOSS_PCT}`;
    if (next.state === 'ACTIVE') next = enter(next, 'REDUCING', 'daily_loss', why, at, events, settings);
  }
  return { state: next, events, stale: r.stale };
}

/**
 * A position (both tickets) closed with total P&L `pnl`: losses count up, a win resets the
 * count, a flat exit leaves it. P&L that cannot be computed counts as a loss (fail closed).
 */
export function onTradeClosed(
  s: RiskBookState,
  pnl: number | undefined,
  at: number,
  settings: Pick<RiskSettings, 'MAX_CONSECUTIVE_LOSSES' | 'HALT_ACTION'>,
): BreakerResult {
  const known = typeof pnl === 'number' && Number.isFinite(pnl);
  const losses = !known || pnl < 0 ? s.consecutiveLosses + 1 : pnl > 0 ? 0 : s.consecutiveLosses;
  let next: RiskBookState = { ...s, consecutiveLosses: losses, updatedAt: at };
  const events: StateChanged[] = [];
  if (losses >= settings.MAX_CONSECUTIVE_LOSSES && (next.state === 'ACTIVE' || next.state === 'REDUCING')) {
    const why = `${losses} consecutive losses${known ? '' : ' (one with unknown P&L)'} ≥ MAX_CONSECUTIVE_LOSSES`;
    next = enter(next, 'PAUSED', 'consecutive_losses', why, at, events, settings);
  }
  return { state: next, events, stale: false };
}
