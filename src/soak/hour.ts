// One simulated hour of paper mode: the fakes reveal the bars that closed, then the paper jobs run
// as the scheduler would fire them in that hour (analysis, monitor, snapshot, outcomes). A job a
// fault made fail is counted, as the scheduler records it, and the next hour goes on.
import type { FakeMarket } from '../brokers/fake-market/fake-market.js';
import type { SimulatedClock } from '../clock/simulated-clock.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { paperJobs } from '../run/paper/paper-jobs.js';
import type { PaperSession } from '../run/paper/paper-session.js';
import type { JobDefinition } from '../scheduler/scheduler.js';
import type { SoakSummary } from './soak-summary.js';

const jobsOf = new WeakMap<PaperSession, JobDefinition[]>();
const quiet = createLogger({ level: 'silent' });

export async function runHour(
  session: PaperSession,
  clock: SimulatedClock,
  market: FakeMarket,
  t: number,
  summary: SoakSummary,
  logger: Logger = quiet,
  onError?: (e: unknown) => void,
): Promise<void> {
  await clock.advanceTo(t);
  market.advanceTo(t);
  let jobs = jobsOf.get(session);
  if (jobs === undefined) {
    jobs = paperJobs(session, logger);
    jobsOf.set(session, jobs);
  }
  const before = session.engine.all().length;
  const state = session.risk.tradingState;
  const signal = new AbortController().signal;
  for (const job of jobs) {
    // The snapshot and the outcome tracker touch no order: run less often than the scheduler
    // would, so a year fits in minutes (each reads every venue and the whole journal).
    if (job.name === 'snapshot' && (t / HOUR_MS) % 6 !== 0) continue;
    if (job.name === 'outcomes' && (t / HOUR_MS) % 24 !== 0) continue;
    try {
      await job.run({ scheduledFor: t, clock, signal });
      summary.jobs.ok++;
    } catch (e) {
      onError?.(e);
      const name = e instanceof Error ? e.constructor.name : typeof e;
      const key = `${job.name}: ${name}`;
      summary.jobs.failed[key] = (summary.jobs.failed[key] ?? 0) + 1;
    }
  }
  // SPEC §9: only ACTIVE opens new risk. A state held through the whole hour admits no entry.
  const after = session.risk.tradingState;
  const opened = session.engine.all().length - before;
  if (state.state !== 'ACTIVE' && after.state === state.state && after.since === state.since && opened > 0) {
    summary.checks.failed++;
    summary.checks.violations.push({
      at: new Date(t).toISOString(),
      after: 'hour',
      violation: `${opened} position(s) opened while the book was ${state.state}`,
    });
  }
}
