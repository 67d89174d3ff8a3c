// Paper and live mode's scheduled jobs (SPEC §17) on the real clock: analysis (every closed bar
// through the pipeline), the position monitor (fills, exits, breakers, pending orders resolved),
// the hourly portfolio snapshot and the outcome tracker.
import type { Logger } from '../../logging/logger.js';
import { trackOutcomes } from '../../outcomes/tracker.js';
import { DEFAULT_SCHEDULES } from '../../scheduler/jobs.js';
import type { JobDefinition } from '../../scheduler/scheduler.js';
import { oneAtATime } from '../one-at-a-time.js';
import { snapshotBook } from '../snapshot.js';
import type { PaperSession } from './paper-session.js';

export function paperJobs(s: PaperSession, logger: Logger): JobDefinition[] {
  const serial = oneAtATime();
  const { loop, engine, risk, store, broker, data, registry } = s;
  return [
    {
      name: 'analysis',
      schedule: DEFAULT_SCHEDULES.analysis,
      run: async (ctx) => {
        await serial(async () => {
          const now = ctx.clock.now();
          const r = await loop.step(now);
          await s.saveState();
          await s.progress(now);
          if (r.opened > 0)
            logger.info({ opened: r.opened, at: new Date(now).toISOString() }, 'orders placed');
        });
      },
    },
    {
      name: 'monitor',
      schedule: DEFAULT_SCHEDULES.monitor,
      run: async (ctx) => {
        await serial(async () => {
          const now = ctx.clock.now();
          s.advanceVenue?.(now);
          // Also asks for orders whose outcome is unknown, never sending them again (SPEC §10).
          await engine.sync(now);
          await risk.onSynced(now);
          await s.saveState();
        });
      },
    },
    {
      name: 'snapshot',
      schedule: DEFAULT_SCHEDULES.snapshot,
      run: async (ctx) => {
        const venues =
          broker === data
            ? { balances: () => data.fetchBalances(), brokerOf: (x: string) => registry.get(x).broker }
            : undefined;
        await snapshotBook({ store, broker, engine, risk, ...(venues ? { venues } : {}) }, ctx.clock.now());
      },
    },
    {
      name: 'outcomes',
      schedule: DEFAULT_SCHEDULES.outcomes,
      run: async (ctx) => {
        await trackOutcomes(store, broker, s.runId, ctx.clock.now());
      },
    },
  ];
}
