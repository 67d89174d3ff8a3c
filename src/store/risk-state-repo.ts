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
}

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
  };
}

export async function getRiskState(store: Session, accountKey: string): Promise<RiskState> {
  const [row] = await store.db.select().from(riskState).where(eq(riskState.accountKey, accountKey));
  if (row === undefined) return defaultRiskState(accountKey);
  return {
    ...row,
    equityPeak: row.equityPeak === null ? null : new Big(row.equityPeak),
    dayStartEquity: row.dayStartEquity === null ? null : new Big(row.dayStartEquity),
  };
}

/** Inserts or replaces the account's row; `updatedAt` is the caller's Clock time. */
export async function putRiskState(
  store: Session,
  value: Omit<RiskState, 'updatedAt'> & { readonly updatedAt: number },
): Promise<void> {
  const row = {
    state: value.state,
    // toFixed() without arguments: plain notation, every digit (toString may switch to exponents).
    equityPeak: value.equityPeak?.toFixed() ?? null,
    dayStartEquity: value.dayStartEquity?.toFixed() ?? null,
    tradingDayStart: value.tradingDayStart,
    consecutiveLosses: value.consecutiveLosses,
    reason: value.reason,
    updatedAt: value.updatedAt,
  };
  await store.db
    .insert(riskState)
    .values({ accountKey: value.accountKey, ...row })
    .onConflictDoUpdate({ target: riskState.accountKey, set: row });
}
