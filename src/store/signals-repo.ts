// The signal journal (SPEC §7, §12): every candidate with its 15 verdicts, written in batches.
// Idempotent per run: re-journaling a candidate (a restart re-analysing a bar) changes nothing.
import { and, asc, desc, eq, gte } from 'drizzle-orm';
import type { EvaluatedCandidate } from '../domain/divergence.js';
import type { RunMode } from './schema/enums.js';
import { orders, positions } from './schema/execution.js';
import { signals } from './schema/signals.js';
import type { Session } from './store.js';

const BATCH = 500;

const num = (x: number): string | null => (Number.isFinite(x) ? String(x) : null);

export interface JournalEntry {
  readonly candidate: EvaluatedCandidate;
  readonly deniedBy?: string | undefined;
}

/** Inserts candidates of a run; returns how many rows were new. */
export async function journalCandidates(
  session: Session,
  runId: string,
  mode: RunMode,
  entries: readonly JournalEntry[],
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < entries.length; i += BATCH) {
    const rows = entries.slice(i, i + BATCH).map(({ candidate: c, deniedBy }) => ({
      runId,
      mode,
      symbol: c.symbol ?? '',
      timeframe: c.timeframe ?? '1h',
      type: c.type,
      direction: c.direction,
      pivot1Time: c.pivot1.time,
      pivot2Time: c.pivot2.time,
      confirmTime: c.knownAt.time,
      pivot1Price: String(c.pivot1.price),
      pivot2Price: String(c.pivot2.price),
      knownAt: c.knownAt.time,
      entry: num(c.entry),
      stop: num(c.stop),
      tp1: num(c.tp1),
      tp2: num(c.tp2),
      atr: num(c.atr),
      score: c.score,
      confidence: c.confidence,
      verdicts: c.verdicts.map((v) => ({
        ...v,
        value: typeof v.value === 'number' && !Number.isFinite(v.value) ? null : v.value,
      })),
      rejectedBy: c.rejectedBy === null ? null : String(c.rejectedBy),
      deniedBy: deniedBy ?? null,
      accepted: c.accepted,
      candidate: {
        oscillators: c.oscillators,
        pivot1_index: c.pivot1.index,
        pivot2_index: c.pivot2.index,
        known_at_index: c.knownAt.index,
      },
    }));
    const written = await session.db
      .insert(signals)
      .values(rows)
      .onConflictDoNothing()
      .returning({ id: signals.id });
    inserted += written.length;
  }
  return inserted;
}

/** Sets the risk manager's denial code on a journaled candidate. */
export async function markDenied(
  session: Session,
  runId: string,
  c: EvaluatedCandidate,
  deniedBy: string,
): Promise<void> {
  await session.db
    .update(signals)
    .set({ deniedBy })
    .where(
      and(
        eq(signals.runId, runId),
        eq(signals.symbol, c.symbol ?? ''),
        eq(signals.type, c.type),
        eq(signals.pivot1Time, c.pivot1.time),
        eq(signals.pivot2Time, c.pivot2.time),
      ),
    );
}

/**
 * Links a traded signal to its position row and that position's entry orders (their `signal_id`),
 * once the signal is journaled. False when the signal is not in the store (nothing written).
 */
export async function linkTraded(
  session: Session,
  runId: string,
  c: EvaluatedCandidate,
  positionRow: number,
): Promise<boolean> {
  const id = await signalRowId(session, runId, c);
  if (id === undefined) return false;
  await session.transaction(async (tx) => {
    await tx.db.update(positions).set({ signalId: id }).where(eq(positions.id, positionRow));
    await tx.db
      .update(orders)
      .set({ signalId: id })
      .where(and(eq(orders.positionId, positionRow), eq(orders.intentKind, 'entry')));
  });
  return true;
}

/** The row id of a journaled candidate of the run (by its unique key), if it is stored. */
export async function signalRowId(
  session: Session,
  runId: string,
  c: EvaluatedCandidate,
): Promise<number | undefined> {
  const [row] = await session.db
    .select({ id: signals.id })
    .from(signals)
    .where(
      and(
        eq(signals.runId, runId),
        eq(signals.symbol, c.symbol ?? ''),
        eq(signals.timeframe, c.timeframe ?? '1h'),
        eq(signals.type, c.type),
        eq(signals.pivot1Time, c.pivot1.time),
        eq(signals.pivot2Time, c.pivot2.time),
      ),
    );
  return row?.id;
}

export async function listSignals(
  session: Session,
  options: { runId?: string; since?: number; acceptedOnly?: boolean; limit?: number } = {},
) {
  const where = [];
  if (options.runId) where.push(eq(signals.runId, options.runId));
  if (options.since !== undefined) where.push(gte(signals.knownAt, options.since));
  if (options.acceptedOnly) where.push(eq(signals.accepted, true));
  return session.db
    .select()
    .from(signals)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(signals.knownAt), asc(signals.id))
    .limit(options.limit ?? 500);
}
