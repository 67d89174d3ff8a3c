// The running instance: the composition root of `divbot run`. Loaded after the HTTP server
// listens, so whatever is slow here never delays /health.
import { AcceleratedClock } from '../clock/accelerated-clock.js';
import { SystemClock } from '../clock/system-clock.js';
import type { Config } from '../config/schema.js';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../logging/logger.js';
import { DEFAULT_SCHEDULES, type JobName } from '../scheduler/jobs.js';
import { type JobDefinition, MemoryJobRunSink, Scheduler } from '../scheduler/scheduler.js';
import type { HttpServer } from '../web/server.js';
import type { CloseStep } from './shutdown.js';

export interface Runtime {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly closeSteps: readonly CloseStep[];
}

export interface RuntimeOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly server: HttpServer;
  /** Wall time at start: the composition root is the one place allowed to read it. */
  readonly wallNow: number;
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger, server } = options;
  const clock: Clock =
    config.MODE === 'dev' ? new AcceleratedClock(options.wallNow, config.DEMO_SPEED) : new SystemClock();
  const sink = new MemoryJobRunSink();
  const scheduler = new Scheduler({
    clock,
    sink,
    jobs: defaultJobs(logger),
    onError: (job, err) => logger.error({ job, err }, 'job failed'),
  });
  for (const name of Object.keys(DEFAULT_SCHEDULES)) {
    server.health.register(`job:${name}`, () => {
      const s = scheduler.status().find((j) => j.name === name);
      if (!s) return { status: 'fail', detail: 'not scheduled' };
      const status = s.freshness === 'stale' ? 'fail' : s.freshness === 'fresh' ? 'ok' : s.freshness;
      return {
        status,
        data: {
          freshness: s.freshness,
          last_run: s.lastRun ? new Date(s.lastRun.startedAt).toISOString() : null,
          last_status: s.lastRun?.status ?? null,
          next_run: s.nextRun ? new Date(s.nextRun).toISOString() : null,
        },
      };
    });
  }
  scheduler.start();
  logger.info(
    { mode: config.MODE, clock: clock instanceof AcceleratedClock ? `x${clock.speed}` : 'system' },
    'scheduler started',
  );
  return {
    clock,
    scheduler,
    closeSteps: [{ name: 'scheduler', close: () => scheduler.stop() }],
  };
}

// Until the trading loop lands (issue #6) the jobs only mark their runs, so the schedule,
// overrun protection and health freshness already work end to end.
function defaultJobs(logger: Logger): JobDefinition[] {
  return (Object.entries(DEFAULT_SCHEDULES) as Array<[JobName, string]>).map(([name, schedule]) => ({
    name,
    schedule,
    run: async (ctx) => {
      logger.debug({ job: name, at: new Date(ctx.scheduledFor).toISOString() }, 'job ran');
    },
  }));
}
