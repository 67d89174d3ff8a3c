// Cron-style jobs on the Clock: croner computes each next fire time, the Clock decides when
// "now" reaches it, so the same schedule runs on wall time (live) and simulated time (demo).
import { Cron } from 'croner';
import type { Clock } from '../domain/clock.js';

/** A run going on for this many intervals is reported stale (probably hung). */
const HUNG_INTERVALS = 10;

export interface JobContext {
  /** The fire time this run belongs to (Clock ms). */
  readonly scheduledFor: number;
  readonly clock: Clock;
  /** Aborted on shutdown: long jobs should stop at a safe point. */
  readonly signal: AbortSignal;
}

export interface JobDefinition {
  readonly name: string;
  /** A cron expression (5 or 6 fields), evaluated in UTC. */
  readonly schedule: string;
  run(ctx: JobContext): Promise<void>;
}

export type JobRunStatus = 'ok' | 'error' | 'skipped_overrun';

export interface JobRunRecord {
  readonly job: string;
  readonly scheduledFor: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly status: JobRunStatus;
  readonly error?: string;
  /** Real CPU-side duration in ms (performance.now), for metrics only. */
  readonly durationMs: number;
}

export interface JobRunSink {
  record(run: JobRunRecord): void | Promise<void>;
}

export type JobFreshness = 'pending' | 'fresh' | 'stale' | 'finished';

export interface JobStatus {
  readonly name: string;
  readonly schedule: string;
  readonly running: boolean;
  readonly lastRun: JobRunRecord | undefined;
  readonly nextRun: number | undefined;
  readonly freshness: JobFreshness;
}

interface JobState {
  readonly def: JobDefinition;
  readonly cron: Cron;
  running: Promise<void> | undefined;
  runningSince: number | undefined;
  lastRun: JobRunRecord | undefined;
  nextRun: number | undefined;
}

export interface SchedulerOptions {
  readonly clock: Clock;
  readonly jobs: readonly JobDefinition[];
  readonly sink?: JobRunSink;
  readonly onError?: (job: string, error: unknown) => void;
}

export class Scheduler {
  private readonly states: JobState[];
  private readonly controller = new AbortController();
  private loops: Promise<void>[] = [];
  private finished = false;

  constructor(private readonly options: SchedulerOptions) {
    const names = new Set<string>();
    this.states = options.jobs.map((def) => {
      if (names.has(def.name)) throw new Error(`duplicate job name: ${def.name}`);
      names.add(def.name);
      // paused: croner only computes times here; it never fires timers of its own.
      const cron = new Cron(def.schedule, { timezone: 'UTC', paused: true });
      return {
        def,
        cron,
        running: undefined,
        runningSince: undefined,
        lastRun: undefined,
        nextRun: undefined,
      };
    });
  }

  start(): void {
    if (this.loops.length > 0) throw new Error('scheduler already started');
    this.loops = this.states.map((s) => this.loop(s));
  }

  /** Stops firing, waits for running jobs to finish. `finished` marks a demo whose data ended. */
  async stop(options: { finished?: boolean } = {}): Promise<void> {
    if (options.finished) this.finished = true;
    this.controller.abort(new SchedulerStopped());
    await Promise.all(this.loops);
    await Promise.all(this.states.map((s) => s.running));
  }

  status(): JobStatus[] {
    const now = this.options.clock.now();
    return this.states.map((s) => ({
      name: s.def.name,
      schedule: s.def.schedule,
      running: s.running !== undefined,
      lastRun: s.lastRun,
      nextRun: s.nextRun,
      freshness: this.freshness(s, now),
    }));
  }

  private freshness(s: JobState, now: number): JobFreshness {
    if (this.finished) return 'finished';
    // A job still working is alive (on a fast demo clock a run can outlast several intervals),
    // unless it has been running for so long that it is probably hung.
    if (s.running && s.runningSince !== undefined) {
      const first = s.cron.nextRun(new Date(s.runningSince))?.getTime() ?? s.runningSince;
      return now - s.runningSince > HUNG_INTERVALS * Math.max(1, first - s.runningSince) ? 'stale' : 'fresh';
    }
    if (!s.lastRun) return 'pending';
    // Stale when a whole interval has passed beyond the run that should have happened.
    const expected = s.cron.nextRun(new Date(s.lastRun.scheduledFor))?.getTime();
    if (expected === undefined) return 'fresh';
    const after = s.cron.nextRun(new Date(expected))?.getTime() ?? expected;
    return now > after ? 'stale' : 'fresh';
  }

  private async loop(s: JobState): Promise<void> {
    const { clock } = this.options;
    const signal = this.controller.signal;
    while (!signal.aborted) {
      const next = s.cron.nextRun(new Date(clock.now()))?.getTime();
      s.nextRun = next;
      if (next === undefined) return;
      try {
        await clock.sleepUntil(next, signal);
      } catch {
        return; // aborted
      }
      const running = s.running;
      if (running) {
        // Overrun protection: never two runs of one job at once; the skip is recorded. The
        // occurrences that pass while the run goes on are skipped too, without a row each: a fast
        // demo clock passes thousands of them during one run.
        await this.record({
          job: s.def.name,
          scheduledFor: next,
          startedAt: clock.now(),
          finishedAt: clock.now(),
          status: 'skipped_overrun',
          durationMs: 0,
        });
        await running;
        continue;
      }
      s.runningSince = clock.now();
      s.running = this.execute(s, next).finally(() => {
        s.running = undefined;
        s.runningSince = undefined;
      });
    }
  }

  private async execute(s: JobState, scheduledFor: number): Promise<void> {
    const { clock } = this.options;
    const startedAt = clock.now();
    const t0 = performance.now();
    let status: JobRunStatus = 'ok';
    let error: string | undefined;
    try {
      await s.def.run({ scheduledFor, clock, signal: this.controller.signal });
    } catch (e) {
      status = 'error';
      error = e instanceof Error ? e.message : String(e);
      this.options.onError?.(s.def.name, e);
    }
    const run: JobRunRecord = {
      job: s.def.name,
      scheduledFor,
      startedAt,
      finishedAt: clock.now(),
      status,
      ...(error !== undefined ? { error } : {}),
      durationMs: performance.now() - t0,
    };
    s.lastRun = run;
    await this.record(run);
  }

  private async record(run: JobRunRecord): Promise<void> {
    try {
      await this.options.sink?.record(run);
    } catch (e) {
      this.options.onError?.(run.job, e);
    }
  }
}

export class SchedulerStopped extends Error {
  constructor() {
    super('scheduler stopped');
  }
}

/** An in-memory sink, kept bounded (the store's job_runs table is the durable one). */
export class MemoryJobRunSink implements JobRunSink {
  readonly runs: JobRunRecord[] = [];
  constructor(private readonly limit = 1000) {}
  record(run: JobRunRecord): void {
    this.runs.push(run);
    if (this.runs.length > this.limit) this.runs.splice(0, this.runs.length - this.limit);
  }
}
