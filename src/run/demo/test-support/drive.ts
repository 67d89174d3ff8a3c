// Drives a demo session's jobs at their cron times on its simulated clock, one after the other
// (the Scheduler on a simulated clock would let I/O interleave them), through `until` included.
import { Cron } from 'croner';
import type { SimulatedClock } from '../../../clock/simulated-clock.js';
import { createLogger } from '../../../logging/logger.js';
import { demoJobs } from '../demo-jobs.js';
import type { DemoSession } from '../demo-session.js';

/** `skip`: job names left out (the outcome tracker only grades signals and is slow). */
export async function runDemoUntil(s: DemoSession, until: number, skip: readonly string[] = ['outcomes']) {
  const clock = s.clock as SimulatedClock;
  const logger = createLogger({ level: 'silent' });
  const jobs = demoJobs(s, logger, () => {})
    .filter((j) => !skip.includes(j.name))
    .map((job) => ({ job, cron: new Cron(job.schedule, { timezone: 'UTC', paused: true }) }));
  const signal = new AbortController().signal;
  for (;;) {
    const next = Math.min(...jobs.map((j) => j.cron.nextRun(new Date(clock.now()))!.getTime()));
    if (next > until) break;
    await clock.advanceTo(next);
    for (const { job, cron } of jobs)
      if (cron.nextRun(new Date(next - 1))?.getTime() === next)
        await job.run({ scheduledFor: next, clock, signal });
  }
}
