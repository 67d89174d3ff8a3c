// Hourly portfolio snapshots (SPEC §13, the equity curve of the dashboard and reports).
import { asc } from 'drizzle-orm';
import type { TradingState } from '../domain/trading-state.js';
import { portfolioSnapshots } from './schema/risk.js';
import type { Session } from './store.js';

export interface Snapshot {
  readonly at: number;
  readonly currency: string;
  readonly equity: number;
  readonly balance: number;
  readonly unrealizedPnl: number;
  readonly openRisk: number;
  readonly state: TradingState;
  readonly stale?: boolean;
  readonly brokers: Record<string, unknown>;
}

export async function recordSnapshot(session: Session, s: Snapshot): Promise<void> {
  await session.db.insert(portfolioSnapshots).values({
    at: s.at,
    currency: s.currency,
    equity: String(s.equity),
    balance: String(s.balance),
    unrealizedPnl: String(s.unrealizedPnl),
    openRisk: String(s.openRisk),
    state: s.state,
    stale: s.stale ?? false,
    brokers: s.brokers,
  });
}

export async function listSnapshots(session: Session) {
  return session.db.select().from(portfolioSnapshots).orderBy(asc(portfolioSnapshots.at));
}
