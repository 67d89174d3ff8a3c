// The demo's scheduled jobs (SPEC §17) on its simulated clock: analysis (the pipeline, bar by
// bar, then the progress a --resume continues from), the position monitor, the hourly portfolio
// snapshot and the outcome tracker; and the summary printed when the bundled data ends.
import { AcceleratedClock } from '../../clock/accelerated-clock.js';
import { type ManagedPosition, netPnl } from '../../execution/managed-position.js';
import type { Logger } from '../../logging/logger.js';
import { trackOutcomes } from '../../outcomes/tracker.js';
import { DEFAULT_SCHEDULES } from '../../scheduler/jobs.js';
import type { JobDefinition } from '../../scheduler/scheduler.js';
import { oneAtATime } from '../one-at-a-time.js';
import { snapshotBook } from '../snapshot.js';
import type { DemoSession } from './demo-session.js';

export function demoJobs(s: DemoSession, logger: Logger, onFinished: () => void): JobDefinition[] {
  const queue = oneAtATime();
  // One job's work at a time, on a held clock: its orders and venue calls all happen at the
  // instant it started, however long it takes (see AcceleratedClock.hold).
  const clock = s.clock instanceof AcceleratedClock ? s.clock : undefined;
  const serial = <T>(work: () => Promise<T>): Promise<T> =>
    queue(async () => {
      clock?.hold();
      try {
        return await work();
      } finally {
        clock?.release();
      }
    });
  const { market, loop, broker, engine, risk, store } = s;
  let ended = false;
  return [
    {
      name: 'analysis',
      schedule: DEFAULT_SCHEDULES.analysis,
      run: async (ctx) => {
        await serial(async () => {
          if (ended) return;
          const now = Math.min(ctx.clock.now(), market.end);
          const r = await loop.step(now);
          await s.keepRiskState();
          await s.progress(now);
          if (r.opened > 0)
            logger.info({ opened: r.opened, at: new Date(now).toISOString() }, 'orders placed');
          if (now >= market.end) {
            ended = true;
            // The last bars' stops and targets were resolved at the venue after the loop's last
            // sync: brought in now, so the summary (and a later --resume) count the same exits.
            broker.replayTo(now);
            await engine.sync(now);
            await risk.onSynced(now);
            await s.keepRiskState();
            await s.markFinished(now);
            await logSummary(s, logger, 'demo finished: the bundled data ends here');
            onFinished();
          }
        });
      },
    },
    {
      name: 'monitor',
      schedule: DEFAULT_SCHEDULES.monitor,
      run: async (ctx) => {
        await serial(async () => {
          if (ended) return;
          const now = Math.min(ctx.clock.now(), market.end);
          broker.replayTo(now);
          await engine.sync(now);
          await risk.onSynced(now);
          await s.keepRiskState();
        });
      },
    },
    {
      name: 'snapshot',
      schedule: DEFAULT_SCHEDULES.snapshot,
      run: async (ctx) => {
        // The demo's one simulated account (brokers: { simulated: … }), read between the
        // analysis and monitor runs, not in the middle of one.
        await serial(() =>
          snapshotBook({ store, broker, engine, risk }, Math.min(ctx.clock.now(), market.end)),
        );
      },
    },
    {
      name: 'outcomes',
      schedule: DEFAULT_SCHEDULES.outcomes,
      run: async (ctx) => {
        await trackOutcomes(store, broker, s.runId, Math.min(ctx.clock.now(), market.end));
      },
    },
  ];
}

/** The end-of-data summary: trades, winners, equity and the journal's counts. */
export async function logSummary(s: DemoSession, logger: Logger, headline: string): Promise<void> {
  // Trades are positions that filled: an entry still working when the data ended (no next bar
  // to fill it) is reported apart, whether the engine holds it open or a restart gave it up.
  const filled = (p: ManagedPosition) => p.tickets.some((t) => t.filledQty > 0);
  const unfilled = s.engine.active().filter((p) => !filled(p)).length;
  const open = s.engine.active().length - unfilled;
  const closed = s.engine.all().filter((p) => p.status === 'closed' && filled(p));
  const wins = closed.filter((p) => netPnl(p) > 0).length;
  const { equity } = await s.broker.fetchBalance(); // the demo account is in USD
  logger.info(
    {
      trades: closed.length,
      wins,
      open_at_end: open,
      unfilled_entries: unfilled,
      equity: Math.round(equity * 100) / 100,
      candidates: s.journal.counts.candidates,
      accepted: s.journal.counts.accepted,
      denied: s.journal.counts.denied,
    },
    `${headline} (${closed.length} trades, ${wins} winners, equity ${equity.toFixed(2)} USD)`,
  );
}
