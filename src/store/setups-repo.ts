// 4h setups (SPEC §8), persisted with their status; each references its journaled 4h signal and,
// once triggered, the 1h signal that triggered it.
import { eq } from 'drizzle-orm';
import type { EvaluatedCandidate } from '../domain/divergence.js';
import { setups } from './schema/signals.js';
import { signalRowId } from './signals-repo.js';
import type { Session } from './store.js';

export interface SetupRecord {
  readonly signal: EvaluatedCandidate;
  readonly status: 'live' | 'triggered' | 'expired' | 'invalidated';
  readonly visibleAt: number;
  /** Nominal end of validity (SETUP_TTL_BARS × 4h); trading bars decide the real one. */
  readonly expiresAt: number;
  readonly resolvedAt?: number | undefined;
  readonly trigger?: EvaluatedCandidate | undefined;
}

/** Inserts or updates a setup; false when its signal is not journaled (nothing written). */
export async function saveSetup(session: Session, runId: string, s: SetupRecord): Promise<boolean> {
  const id = await signalRowId(session, runId, s.signal);
  if (id === undefined) return false;
  const trigger = s.trigger ? await signalRowId(session, runId, s.trigger) : undefined;
  const values = {
    runId,
    signalId: id,
    symbol: s.signal.symbol ?? '',
    direction: s.signal.direction,
    stop: String(s.signal.stop),
    createdAt: s.visibleAt,
    expiresAt: s.expiresAt,
    status: s.status,
    triggerSignalId: trigger ?? null,
    resolvedAt: s.resolvedAt ?? null,
  };
  await session.db
    .insert(setups)
    .values(values)
    .onConflictDoUpdate({
      target: setups.signalId,
      set: { status: values.status, triggerSignalId: values.triggerSignalId, resolvedAt: values.resolvedAt },
    });
  return true;
}

export async function listSetups(session: Session, runId: string) {
  return session.db.select().from(setups).where(eq(setups.runId, runId));
}
