// The outcome tracker's rows (SPEC §13) and the candidates still waiting for one.
import { and, asc, eq, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Outcome } from '../outcomes/outcome.js';
import { outcomes, signals } from './schema/signals.js';
import type { Session } from './store.js';

export interface PendingSignal {
  readonly id: number;
  readonly symbol: string;
  readonly direction: 'long' | 'short';
  readonly knownAt: number;
  readonly stop: number;
  readonly tp1: number;
  readonly tp2: number;
}

/** Journaled candidates of a run with usable levels whose outcome is not decided yet. */
export async function pendingOutcomes(
  session: Session,
  runId: string,
  knownBefore: number,
  limit = 500,
): Promise<PendingSignal[]> {
  const rows = await session.db
    .select({
      id: signals.id,
      symbol: signals.symbol,
      direction: signals.direction,
      knownAt: signals.knownAt,
      stop: signals.stop,
      tp1: signals.tp1,
      tp2: signals.tp2,
    })
    .from(signals)
    .leftJoin(outcomes, eq(outcomes.signalId, signals.id))
    .where(
      and(
        eq(signals.runId, runId),
        lte(signals.knownAt, knownBefore),
        isNotNull(signals.stop),
        isNotNull(signals.tp1),
        isNotNull(signals.tp2),
        or(isNull(outcomes.signalId), isNull(outcomes.verdict)),
      ),
    )
    .orderBy(asc(signals.knownAt), asc(signals.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    symbol: r.symbol,
    direction: r.direction,
    knownAt: r.knownAt,
    stop: Number(r.stop),
    tp1: Number(r.tp1),
    tp2: Number(r.tp2),
  }));
}

const str = (x: number | null) => (x === null ? null : String(x));

export async function saveOutcome(session: Session, signalId: number, o: Outcome, at: number): Promise<void> {
  const values = {
    signalId,
    price1h: str(o.prices[1]),
    price4h: str(o.prices[4]),
    price24h: str(o.prices[24]),
    price72h: str(o.prices[72]),
    verdict: o.verdict,
    resolvedAt: o.resolvedAt,
    updatedAt: at,
  };
  await session.db
    .insert(outcomes)
    .values(values)
    .onConflictDoUpdate({ target: outcomes.signalId, set: { ...values, signalId: sql`excluded.signal_id` } });
}

export async function outcomeCounts(session: Session) {
  return session.db
    .select({ verdict: outcomes.verdict, n: sql<number>`count(*)::int` })
    .from(outcomes)
    .groupBy(outcomes.verdict);
}
