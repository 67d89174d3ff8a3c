import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../clock/simulated-clock.js';
import { MemoryJobRunSink, Scheduler } from './scheduler.js';

const T0 = Date.UTC(2026, 0, 5, 0, 0, 30); // 30 s past midnight
const MIN = 60_000;

describe('Scheduler', () => {
  it('fires each job on its cron times of the simulated clock and records every run', async () => {
    const clock = new SimulatedClock(T0);
    const sink = new MemoryJobRunSink();
    const fired: Record<string, number[]> = { a: [], m: [] };
    const scheduler = new Scheduler({
      clock,
      sink,
      jobs: [
        { name: 'a', schedule: '*/5 * * * *', run: async (ctx) => void fired.a!.push(ctx.scheduledFor) },
        { name: 'm', schedule: '*/2 * * * *', run: async (ctx) => void fired.m!.push(ctx.scheduledFor) },
      ],
    });
    scheduler.start();
    await clock.advanceTo(T0 + 10 * MIN);
    await scheduler.stop();
    const midnight = Date.UTC(2026, 0, 5);
    expect(fired.a).toEqual([midnight + 5 * MIN, midnight + 10 * MIN]);
    expect(fired.m).toEqual([2, 4, 6, 8, 10].map((m) => midnight + m * MIN));
    expect(sink.runs.filter((r) => r.status === 'ok')).toHaveLength(7);
    expect(sink.runs.every((r) => r.startedAt === r.scheduledFor)).toBe(true);
  });

  it('never overlaps two runs of one job: an overrun is skipped and recorded', async () => {
    const clock = new SimulatedClock(T0);
    const sink = new MemoryJobRunSink();
    let concurrent = 0;
    let maxConcurrent = 0;
    const scheduler = new Scheduler({
      clock,
      sink,
      jobs: [
        {
          name: 'slow',
          schedule: '*/5 * * * *',
          run: async (ctx) => {
            concurrent++;
            maxConcurrent = Math.max(maxConcurrent, concurrent);
            await clock.sleepUntil(ctx.scheduledFor + 7 * MIN); // longer than the interval
            concurrent--;
          },
        },
      ],
    });
    scheduler.start();
    await clock.advanceTo(T0 + 20 * MIN);
    await clock.advanceTo(T0 + 30 * MIN);
    const stopping = scheduler.stop(); // the run started at :30 finishes at :37 on the clock
    await clock.advanceTo(T0 + 40 * MIN);
    await stopping;
    expect(maxConcurrent, 'two runs of one job overlapped').toBe(1);
    const statuses = sink.runs.map((r) => r.status);
    expect(statuses).toContain('skipped_overrun');
    expect(statuses).toContain('ok');
  });

  it('a run that outlasts many occurrences is one skip row, not one per occurrence', async () => {
    const clock = new SimulatedClock(T0);
    const sink = new MemoryJobRunSink();
    const scheduler = new Scheduler({
      clock,
      sink,
      jobs: [
        {
          name: 'long',
          schedule: '* * * * *',
          run: async (ctx) => {
            if (ctx.scheduledFor === Date.UTC(2026, 0, 5, 0, 1))
              await clock.sleepUntil(ctx.scheduledFor + 30 * MIN);
          },
        },
      ],
    });
    scheduler.start();
    for (let m = 1; m <= 40; m++) await clock.advanceTo(T0 + m * MIN);
    await scheduler.stop();
    const statuses = sink.runs.map((r) => r.status);
    expect(statuses.filter((x) => x === 'skipped_overrun')).toHaveLength(1);
    // The minute after the long run ends runs again, every minute.
    const oks = sink.runs
      .filter((r) => r.status === 'ok')
      .map((r) => (r.scheduledFor - Date.UTC(2026, 0, 5)) / MIN);
    expect(oks.slice(0, 3)).toEqual([1, 32, 33]);
  });

  it('records a failing run as an error and keeps the schedule going', async () => {
    const clock = new SimulatedClock(T0);
    const sink = new MemoryJobRunSink();
    const errors: string[] = [];
    let n = 0;
    const scheduler = new Scheduler({
      clock,
      sink,
      onError: (job, e) => errors.push(`${job}: ${(e as Error).message}`),
      jobs: [
        {
          name: 'flaky',
          schedule: '*/5 * * * *',
          run: async () => {
            n++;
            if (n === 1) throw new Error('venue down');
          },
        },
      ],
    });
    scheduler.start();
    await clock.advanceTo(T0 + 10 * MIN);
    await scheduler.stop();
    expect(sink.runs.map((r) => r.status)).toEqual(['error', 'ok']);
    expect(sink.runs[0]!.error).toBe('venue down');
    expect(errors).toEqual(['flaky: venue down']);
  });

  it('reports freshness on the clock: pending, fresh, stale, finished', async () => {
    const clock = new SimulatedClock(T0);
    let block = false;
    const scheduler = new Scheduler({
      clock,
      jobs: [
        {
          name: 'analysis',
          schedule: '*/5 * * * *',
          run: async (ctx) => {
            if (block) await clock.sleepUntil(ctx.scheduledFor + 60 * MIN);
          },
        },
      ],
    });
    scheduler.start();
    expect(scheduler.status()[0]!.freshness).toBe('pending');
    await clock.advanceTo(T0 + 6 * MIN);
    expect(scheduler.status()[0]!.freshness).toBe('fresh');
    block = true;
    await clock.advanceTo(T0 + 11 * MIN); // run at :10 starts and hangs
    await clock.advanceTo(T0 + 21 * MIN);
    expect(scheduler.status()[0]!.freshness, 'a run still working is alive').toBe('fresh');
    await clock.advanceTo(T0 + 65 * MIN); // running for 55 min: more than 10 intervals
    expect(scheduler.status()[0]!.freshness).toBe('stale');
    const stopping = scheduler.stop({ finished: true });
    await clock.advanceTo(T0 + 80 * MIN);
    await stopping;
    expect(scheduler.status()[0]!.freshness).toBe('finished');
  });

  it('rejects a bad cron expression and duplicate names at construction', () => {
    const clock = new SimulatedClock(T0);
    expect(
      () => new Scheduler({ clock, jobs: [{ name: 'x', schedule: '*/61 * * * *', run: async () => {} }] }),
    ).toThrow();
    const job = { name: 'x', schedule: '* * * * *', run: async () => {} };
    expect(() => new Scheduler({ clock, jobs: [job, job] })).toThrow(/duplicate/);
  });

  it('stop waits for the running job to finish', async () => {
    const clock = new SimulatedClock(T0);
    let done = false;
    const scheduler = new Scheduler({
      clock,
      jobs: [
        {
          name: 'j',
          schedule: '*/5 * * * *',
          run: async () => {
            await new Promise((r) => setTimeout(r, 30));
            done = true;
          },
        },
      ],
    });
    scheduler.start();
    await clock.advanceTo(T0 + 5 * MIN);
    await scheduler.stop();
    expect(done).toBe(true);
  });
});
