// The persisted trading state (SPEC §9) as a plain serialisable object, and what each state lets
// through. Field names follow the store's `risk_state` row; equity values are numbers here and
// exact numerics (big.js) in the store.
import type { TradingState } from '../domain/trading-state.js';
import { type Denial, deny } from './denial.js';

export interface RiskBookState {
  readonly state: TradingState;
  /** Highest equity seen (BASE_CURRENCY, shifted by deposits/withdrawals); re-based by a reset. */
  readonly equityPeak: number | null;
  readonly dayStartEquity: number | null;
  /** Start (UTC ms) of the trading day dayStartEquity belongs to. */
  readonly tradingDayStart: number | null;
  readonly consecutiveLosses: number;
  readonly reason: string | null;
  readonly updatedAt: number | null;
  /** When the current state was entered. Not a risk_state column yet. */
  readonly since: number | null;
  /**
   * Set while today's daily-loss breaker has tripped (the next trading day's start), so a
   * PAUSED or HALTED book resumes into REDUCING, not ACTIVE. Not a risk_state column yet.
   */
  readonly reducingUntil: number | null;
  /** Cumulative deposits − withdrawals already applied to the baselines. Not a risk_state column yet. */
  readonly netFlows: number;
}

export function initialRiskState(): RiskBookState {
  return {
    state: 'ACTIVE',
    equityPeak: null,
    dayStartEquity: null,
    tradingDayStart: null,
    consecutiveLosses: 0,
    reason: null,
    updatedAt: null,
    since: null,
    reducingUntil: null,
    netFlows: 0,
  };
}

/** What the engine wants to do; only entries add risk. */
export type RiskAction = 'entry' | 'cancel' | 'protective_exit' | 'exit';

const STATE_DENIALS: Readonly<Record<Exclude<TradingState, 'ACTIVE'>, Denial['code']>> = {
  HALTED: 'STATE_HALTED',
  PAUSED: 'STATE_PAUSED',
  REDUCING: 'STATE_REDUCING',
};

/**
 * Only ACTIVE opens new risk. Cancels, protective orders and exits pass in every state: refusing
 * them would keep risk on, which is what every non-ACTIVE state is trying to avoid.
 */
export function permits(
  book: Pick<RiskBookState, 'state' | 'reason'>,
  action: RiskAction,
): Denial | undefined {
  if (action !== 'entry' || book.state === 'ACTIVE') return undefined;
  return deny(
    STATE_DENIALS[book.state],
    `trading state ${book.state}${book.reason ? `: ${book.reason}` : ''}`,
  );
}

/** The state a person's resume or reset lands in: REDUCING while today's daily-loss breaker holds. */
export function resumedState(book: Pick<RiskBookState, 'reducingUntil'>, at: number): TradingState {
  return book.reducingUntil !== null && at < book.reducingUntil ? 'REDUCING' : 'ACTIVE';
}
