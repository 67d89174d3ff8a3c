// False positives on series with nothing planted, per 1,000 bars: every candidate, and those
// accepted (score ≥ MIN_DIVERGENCE_SCORE and no failing rule). Noise and random walks contain real
// divergences, so they are reported, not bounded; the bounds below are the ones a regression
// (pivots on a plateau, swings invented in a trend, a dead engine) would break.
import { beforeAll, describe, expect, it } from 'vitest';
import { type ControlKind, ControlKinds, controlSeries } from './test-support/controls.js';
import { engineCandidates } from './test-support/measure.js';

const SEEDS = Array.from({ length: 20 }, (_, i) => 500 + i);
const BARS = 2_000;

interface Rate {
  bars: number;
  all: number;
  accepted: number;
}
const per1000 = (n: number, bars: number) => (1_000 * n) / bars;

describe('negative controls', () => {
  const rates = {} as Record<ControlKind, Rate>;

  beforeAll(() => {
    for (const kind of ControlKinds) {
      const r: Rate = { bars: 0, all: 0, accepted: 0 };
      for (const seed of SEEDS) {
        const candles = controlSeries(kind, seed, BARS);
        const candidates = engineCandidates(candles);
        r.bars += candles.length;
        r.all += candidates.length;
        r.accepted += candidates.filter((c) => c.accepted).length;
      }
      rates[kind] = r;
    }
    const lines = ControlKinds.map((k) => {
      const r = rates[k];
      return (
        `  ${k.padEnd(17)} ${r.bars} bars  candidates ${per1000(r.all, r.bars).toFixed(2)}/1000 bars` +
        `  accepted ${per1000(r.accepted, r.bars).toFixed(2)}/1000 bars`
      );
    });
    console.log(`negative controls (false positives):\n${lines.join('\n')}`);
  });

  it('a constant price has no swing, hence no candidate', () => {
    expect(rates.flat.all).toBe(0);
  });

  it('a clean steady trend yields (almost) none, a noisy one few', () => {
    for (const k of ['trend_up', 'trend_down'] as const)
      expect(per1000(rates[k].all, rates[k].bars)).toBeLessThan(1);
    for (const k of ['trend_up_noisy', 'trend_down_noisy'] as const)
      expect(per1000(rates[k].all, rates[k].bars)).toBeLessThan(20);
  });

  it('noise and random walks do produce candidates (the engine is alive), most rejected', () => {
    for (const k of ['flat_tiny_noise', 'random_walk'] as const) {
      expect(rates[k].all).toBeGreaterThan(0);
      expect(rates[k].accepted).toBeLessThan(0.1 * rates[k].all);
    }
  });
});
