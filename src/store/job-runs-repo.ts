// Job runs: every scheduled fire leaves a row (ok, error, or skipped because the previous run of
// the job was still going), and /health/deep judges each job's freshness from the latest ones.
import { asc, desc, eq } from 'drizzle-orm';
import type { JobRunStatus } from './schema/enums.js';
import { jobRuns } from './schema/ops.js';
import type { Session } from './store.js';

export interface JobRun {
  readonly job: string;
  /** The cron fire time and the run's bounds, all on the Clock (UTC ms). */
  readonly scheduledFor: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly status: JobRunStatus;
  readonly error?: string | null | undefined;
}

export interface StoredJobRun extends JobRun {
  readonly id: number;
  readonly error: string | null;
  readonly durationMs: number;
}

export async function recordJobRun(store: Session, run: JobRun): Promise<StoredJobRun> {
  const durationMs = run.finishedAt - run.startedAt;
  if (durationMs < 0) throw new RangeError(`job run ${run.job}: finishedAt is before startedAt`);
  const [row] = await store.db
    .insert(jobRuns)
    .values({ ...run, error: run.error ?? null, durationMs })
    .returning();
  return row!;
}

/** The latest run of each job (optionally of one status, e.g. the last `ok`), ordered by job name. */
export async function latestJobRuns(
  store: Session,
  filter: { status?: JobRunStatus } = {},
): Promise<StoredJobRun[]> {
  return store.db
    .selectDistinctOn([jobRuns.job])
    .from(jobRuns)
    .where(filter.status === undefined ? undefined : eq(jobRuns.status, filter.status))
    .orderBy(asc(jobRuns.job), desc(jobRuns.startedAt), desc(jobRuns.id));
}
