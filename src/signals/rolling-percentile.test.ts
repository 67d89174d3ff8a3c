import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RollingPercentile } from './rolling-percentile.js';

// The definition, plainly: sort the last `window` values and take the nearest rank.
function reference(values: number[], window: number, p: number): number {
  const last = values.filter((v) => !Number.isNaN(v)).slice(-window);
  if (last.length === 0) return Number.NaN;
  const sorted = [...last].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

describe('RollingPercentile', () => {
  it('equals sort-and-rank over the window at every step', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.double({ min: -1e6, max: 1e6, noNaN: true }),
            fc.constant(Number.NaN),
            fc.integer({ min: 0, max: 3 }),
          ),
          {
            maxLength: 400,
          },
        ),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 100 }),
        (values, window, p) => {
          const r = new RollingPercentile(window);
          for (let i = 0; i < values.length; i++) {
            r.push(values[i]!);
            expect(r.percentile(p)).toBe(reference(values.slice(0, i + 1), window, p));
          }
        },
      ),
    );
  });

  it('equals sort-and-rank when asked only now and then (the window catches up in between)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(
              fc.double({ min: -10, max: 10, noNaN: true }),
              fc.constantFrom(0, -0, 1, Number.NaN),
              fc.constantFrom(0, -0, 0, -0, 0, -0), // equal values: which one a rank lands on
            ),
            fc.integer({ min: 0, max: 40 }),
          ),
          { maxLength: 600 },
        ),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 100 }),
        (steps, window, p) => {
          const r = new RollingPercentile(window);
          const values: number[] = [];
          for (const [value, gap] of steps) {
            r.push(value);
            values.push(value);
            // Asked after gaps of every length, below and beyond the window (~1 step in 10).
            if (gap === 0 || gap === 7 || gap === 14 || gap === 21)
              expect(r.percentile(p)).toBe(reference(values, window, p));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is NaN until the minimum count is reached', () => {
    const r = new RollingPercentile(250);
    for (let i = 0; i < 49; i++) r.push(i);
    expect(r.percentile(20, 50)).toBeNaN();
    r.push(49);
    expect(r.percentile(20, 50)).toBe(9);
  });
});
