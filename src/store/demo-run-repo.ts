// The demo's progress in its store (SPEC §1, `divbot run --resume`): one row per demo replay (a
// fresh demo starts from an empty store, so there is one). Times are simulated (the demo's Clock).
import { and, count, desc, eq, isNotNull, type SQL } from 'drizzle-orm';
import { demoRuns } from './schema/demo.js';
import { signals } from './schema/signals.js';
import type { Session } from './store.js';

export interface DemoRun {
  readonly runId: string;
  readonly startedAt: number;
  readonly processedTo: number;
  readonly finishedAt: number | null;
  readonly dataStart: number;
  readonly dataEnd: number;
}

/** The demo replay this store belongs to, if one was recorded. */
export async function getDemoRun(session: Session): Promise<DemoRun | undefined> {
  const [row] = await session.db.select().from(demoRuns).orderBy(desc(demoRuns.startedAt)).limit(1);
  return row;
}

export async function putDemoRun(session: Session, run: DemoRun): Promise<void> {
  const { runId, ...rest } = run;
  await session.db.insert(demoRuns).values(run).onConflictDoUpdate({ target: demoRuns.runId, set: rest });
}

/** How far the replay got; called after each analysis cycle. */
export async function markDemoProgress(session: Session, runId: string, processedTo: number): Promise<void> {
  await session.db.update(demoRuns).set({ processedTo }).where(eq(demoRuns.runId, runId));
}

export async function markDemoFinished(session: Session, runId: string, at: number): Promise<void> {
  await session.db.update(demoRuns).set({ finishedAt: at }).where(eq(demoRuns.runId, runId));
}

/** A run's journaled candidates, accepted ones and risk denials (the demo's summary counts). */
export async function signalCounts(
  session: Session,
  runId: string,
): Promise<{ candidates: number; accepted: number; denied: number }> {
  const of = async (where: SQL) =>
    (await session.db.select({ n: count() }).from(signals).where(where))[0]?.n ?? 0;
  const run = eq(signals.runId, runId);
  return {
    candidates: await of(run),
    accepted: await of(and(run, eq(signals.accepted, true))!),
    denied: await of(and(run, isNotNull(signals.deniedBy))!),
  };
}
