// The persisted trading state (SPEC §9), one row per account key. An account never seen is ACTIVE
// with no equity history; equity values are big.js, stored as exact numerics.
import Big from 'big.js';
import { eq } from 'drizzle-orm';
import type { TradingState } from './schema/enums.js';
import { riskState } from './schema/risk.js';
import type { Session } from './store.js';

export interface RiskState {
  readonly accountKey: string;
  readonly state: TradingState;
  readonly equityPeak: Big | null;
  readonly dayStartEquity: Big | null;
  /** Start of the trading day dayStartEquity belongs to, UTC ms. */
  readonly tradingDayStart: number | null;
  readonly consecutiveLosses: number;
  readonly reason: string | null;
  /** UTC ms of the last put; null while the defaults have never been stored. */
  readonly updatedAt: number | null;
  /** When the current state was entered, UTC ms. */
  readonly since: number | null;
  /** While today's daily-loss breaker holds: the next trading day's start, UTC ms. */
  readonly reducingUntil: number | null;
  /** Cumulative deposits − withdrawals already applied to the baselines. */
  readonly netFlows: Big;
}

/** What putRiskState takes: the fields added later (since, reducingUntil, netFlows) may be left out. */
export type RiskStateInput = Omit<RiskState, 'updatedAt' | 'since' | 'reducingUntil' | 'netFlows'> & {
  readonly updatedAt: number;
  readonly since?: number | null;
  readonly reducingUntil?: number | null;
  readonly netFlows?: Big;
};

export function defaultRiskState(accountKey: string): RiskState {
  return {
    accountKey,
    state: 'ACTIVE',
    equityPeak: null,
    dayStartEquity: null,
    tradingDayStart: null,
    consecutiveLosses: 0,
    reason: null,
    updatedAt: null,
    since: null,
    reducingUntil: null,
    netFlows: new Big(0),
  };
}

export async function getRiskState(store: Session, accountKey: string): Promise<RiskState> {
  const [row] = await store.db.select().from(riskState).where(eq(riskState.accountKey, accountKey));
  if (row === undefined) return defaultRiskState(accountKey);
  return {
    ...row,
    equityPeak: row.equityPeak === null ? null : new Big(row.equityPeak),
    dayStartEquity: row.dayStartEquity === null ? null : new Big(row.dayStartEquity),
    netFlows: new Big(row.netFlows),
  };
}

/** Inserts or replaces the account's row; `updatedAt` is the caller's Clock time. */
export async function putRiskState(store: Session, value: RiskStateInput): Promise<void> {
  const row = {
    state: value.state,
    // toFixed() without arguments: plain notation, every digit (toString may switch to exponents).
    equityPeak: value.equityPeak?.toFixed() ?? null,
    dayStartEquity: value.dayStartEquity?.toFixed() ?? null,
    tradingDayStart: value.tradingDayStart,
    consecutiveLosses: value.consecutiveLosses,
    reason: value.reason,
    updatedAt: value.updatedAt,
    since: value.since ?? null,
    reducingUntil: value.reducingUntil ?? null,
    netFlows: (value.netFlows ?? new Big(0)).toFixed(),
  };
  await store.db
    .insert(riskState)
    .values({ accountKey: value.accountKey, ...row })
    .onConflictDoUpdate({ target: riskState.accountKey, set: row });
}
