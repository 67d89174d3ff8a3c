import { describe, expect, it } from 'vitest';
import { UsageError } from '../domain/errors.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { DAY_MS, planWindows, WARMUP_DAYS } from './windows.js';

const firstBar = Date.UTC(2021, 0, 1);
const lastBar = firstBar + (WARMUP_DAYS + 100) * DAY_MS - HOUR_MS; // 100 days after the warm-up

describe('walk-forward windows', () => {
  it('rolls fixed lengths: each out-of-sample span follows its in-sample span, the last ends with the data', () => {
    const plan = planWindows({ firstBar, lastBar, windows: 4, inSampleDays: 30, outOfSampleDays: 10 });
    expect(plan.windows).toHaveLength(4);
    const end = lastBar + HOUR_MS;
    expect(plan.windows.at(-1)!.outOfSample.to).toBe(end);
    plan.windows.forEach((w, i) => {
      expect(w.inSample.to - w.inSample.from).toBe(30 * DAY_MS);
      expect(w.outOfSample.to - w.outOfSample.from).toBe(10 * DAY_MS);
      expect(w.outOfSample.from, 'out-of-sample right after in-sample').toBe(w.inSample.to);
      if (i > 0)
        expect(w.outOfSample.from, 'stitched without gap or overlap').toBe(
          plan.windows[i - 1]!.outOfSample.to,
        );
    });
    expect(
      plan.windows[0]!.inSample.from - firstBar,
      'the first window keeps its warm-up',
    ).toBeGreaterThanOrEqual(WARMUP_DAYS * DAY_MS);
  });

  it('derives the lengths from K (in-sample at least three times out-of-sample), or the missing one', () => {
    const both = planWindows({ firstBar, lastBar, windows: 2 });
    expect(both.outOfSampleDays).toBe(20);
    expect(both.inSampleDays).toBe(60);
    expect(planWindows({ firstBar, lastBar, windows: 2, inSampleDays: 50 }).outOfSampleDays).toBe(25);
    expect(planWindows({ firstBar, lastBar, windows: 2, outOfSampleDays: 10 }).inSampleDays).toBe(80);
  });

  it('refuses windows that do not fit, naming the flags', () => {
    expect(() =>
      planWindows({ firstBar, lastBar, windows: 5, inSampleDays: 60, outOfSampleDays: 10 }),
    ).toThrow(/--walk-forward 5 with --in-sample 60 and --out-of-sample 10 days does not fit: 100 days/);
    expect(() => planWindows({ firstBar, lastBar: firstBar + 30 * DAY_MS, windows: 2 })).toThrow(UsageError);
    expect(() => planWindows({ firstBar, lastBar, windows: 0 })).toThrow(/--walk-forward/);
  });
});
