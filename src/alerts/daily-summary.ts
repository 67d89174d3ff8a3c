// The daily summary alert (SPEC §13): once per trading day (TRADING_DAY_START), for the day that
// just ended: P&L and equity from the hourly portfolio snapshots, trades closed (and won) and
// opened, open positions and open risk, and the breaker state.
import { and, asc, count, desc, eq, gte, lt, lte } from 'drizzle-orm';
import { isoTime } from '../control/core.js';
import { type DayStart, tradingDayStart } from '../risk/trading-day.js';
import { getRiskState } from '../store/risk-state-repo.js';
import { positions } from '../store/schema/execution.js';
import { portfolioSnapshots } from '../store/schema/risk.js';
import type { Session } from '../store/store.js';
import type { AlertEvent } from './alert-event.js';
import { dailySummaryText } from './content.js';

/** The summary of the trading day before the one containing `now`. */
export async function dailySummary(
  store: Session,
  accountKey: string,
  dayStart: DayStart,
  baseCurrency: string,
  now: number,
): Promise<AlertEvent> {
  const end = tradingDayStart(now, dayStart);
  const start = tradingDayStart(end - 1, dayStart);
  const snapshotAt = async (t: number) =>
    (
      await store.db
        .select()
        .from(portfolioSnapshots)
        .where(lte(portfolioSnapshots.at, t))
        .orderBy(desc(portfolioSnapshots.at))
        .limit(1)
    )[0];
  const [first] = await store.db
    .select()
    .from(portfolioSnapshots)
    .where(gte(portfolioSnapshots.at, start))
    .orderBy(asc(portfolioSnapshots.at))
    .limit(1);
  const opening = (await snapshotAt(start)) ?? first;
  const closing = await snapshotAt(end);
  const closed = await store.db
    .select({ pnl: positions.realizedPnl })
    .from(positions)
    .where(and(gte(positions.closedAt, start), lt(positions.closedAt, end)));
  const [opened] = await store.db
    .select({ n: count() })
    .from(positions)
    .where(and(gte(positions.openedAt, start), lt(positions.openedAt, end)));
  const [open] = await store.db.select({ n: count() }).from(positions).where(eq(positions.status, 'open'));
  const risk = await getRiskState(store, accountKey);
  const equity = closing ? Number(closing.equity) : null;
  return {
    key: `daily_summary:${accountKey}:${isoTime(start)}`,
    kind: 'daily_summary',
    critical: false,
    at: end,
    text: dailySummaryText({
      day: isoTime(start),
      currency: closing?.currency ?? baseCurrency,
      pnl: equity !== null && opening ? equity - Number(opening.equity) : null,
      equity,
      tradesClosed: closed.length,
      wins: closed.filter((p) => Number(p.pnl) > 0).length,
      tradesOpened: opened?.n ?? 0,
      openPositions: open?.n ?? 0,
      openRisk: closing ? Number(closing.openRisk) : null,
      state: risk.state,
      stateReason: risk.reason,
    }),
  };
}
