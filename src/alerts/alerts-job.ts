// The scheduled `alerts` job: reads what is new in the store since its last run (on the Clock),
// probes the brokers, adds the daily summary when a trading day has ended, stores the alerts and
// delivers what is due. It is a job of its own, so a slow or dead Telegram delays only this job,
// never analysis or the position monitor; and since it reads the store rather than being called
// by the pipeline, trading code has nothing to wait for or to fail on.
import type { DayStart } from '../risk/trading-day.js';
import { tradingDayStart } from '../risk/trading-day.js';
import type { JobDefinition } from '../scheduler/scheduler.js';
import type { Session } from '../store/store.js';
import type { AlertEvent } from './alert-event.js';
import type { BrokerWatch } from './broker-watch.js';
import { dailySummary } from './daily-summary.js';
import { enqueue, type Outbox } from './outbox.js';
import { readEvents, type SourceContext } from './sources.js';

export const ALERTS_SCHEDULE = '*/2 * * * *';
/**
 * The demo's: its clock runs thousands of times faster, and a run that delivers a backlog would
 * outlast many two-minute intervals (the scheduler would call it hung); half-hourly on simulated
 * time is still more often than its hourly bars.
 */
export const DEMO_ALERTS_SCHEDULE = '*/30 * * * *';
/** Rows carry the time of the event, written a little later: each read reaches this far back. */
export const OVERLAP_MS = 6 * 3_600_000;
/** At start-up, events this old are still alerted (a restart after a crash). */
export const START_LOOKBACK_MS = 24 * 3_600_000;
const REMEMBERED_KEYS = 5_000;

export interface AlertsJobOptions {
  readonly sources: SourceContext;
  readonly outbox: Outbox;
  readonly brokers?: BrokerWatch | undefined;
  readonly dayStart: DayStart;
  readonly schedule?: string;
  readonly onPass?: (r: { enqueued: number; sent: number; failed: number; retrying: number }) => void;
}

export class AlertsJob {
  private lastRun: number | undefined;
  private lastDay: number | undefined;
  /** Keys already stored: the overlap re-reads them every run, no need to insert them again. */
  private readonly seen = new Set<string>();

  constructor(private readonly o: AlertsJobOptions) {}

  definition(): JobDefinition {
    return {
      name: 'alerts',
      schedule: this.o.schedule ?? ALERTS_SCHEDULE,
      run: (ctx) => this.run(ctx.clock.now()),
    };
  }

  async run(now: number): Promise<void> {
    const store: Session = this.o.sources.store;
    const from = (this.lastRun ?? now - START_LOOKBACK_MS) - OVERLAP_MS;
    const events: AlertEvent[] = await readEvents(this.o.sources, { from, to: now });
    if (this.o.brokers) events.push(...(await this.o.brokers.probe(now)));
    const day = tradingDayStart(now, this.o.dayStart);
    // The first run only notes the day: a summary is for a day this instance saw end.
    if (this.lastDay !== undefined && day !== this.lastDay) {
      const s = this.o.sources;
      events.push(await dailySummary(store, s.accountKey, this.o.dayStart, s.baseCurrency, now));
    }
    this.lastDay = day;
    const fresh = events.filter((e) => !this.seen.has(e.key));
    const enqueued = await enqueue(store, fresh, this.o.outbox.channels, now);
    for (const e of fresh) this.remember(e.key);
    this.lastRun = now;
    const pass = await this.o.outbox.deliver(now);
    this.o.onPass?.({ enqueued, ...pass });
  }

  private remember(key: string): void {
    this.seen.add(key);
    if (this.seen.size > REMEMBERED_KEYS) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }
}
