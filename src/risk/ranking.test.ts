import { describe, expect, it } from 'vitest';
import { promoteChecks } from './promote.js';
import { bestCandidates, rankSignals } from './ranking.js';
import { candidate, HOUR, signal, T } from './test-support/fixtures.js';

describe('bestCandidates', () => {
  it('keeps only the best score per symbol, timeframe, c2 and direction', () => {
    const a = candidate({ score: 6 });
    const b = candidate({ score: 8, pivot1: { index: 5, time: T - 40 * HOUR, price: 1.09 } });
    const otherC2 = candidate({ score: 5, pivot2: { index: 31, time: T - 9 * HOUR, price: 1.096 } });
    const otherTf = candidate({ score: 5, timeframe: '4h' });
    const short = candidate({ score: 5, direction: 'short', type: 'hidden_bearish' });
    const rejected = candidate({ score: 9, accepted: false, rejectedBy: 4 });
    expect(bestCandidates([a, b, otherC2, otherTf, short, rejected])).toEqual([b, otherC2, otherTf, short]);
  });

  it('breaks score ties by regular before hidden, then the later c1', () => {
    const hidden = candidate({ type: 'hidden_bullish' });
    const regular = candidate({ type: 'regular_bullish' });
    expect(bestCandidates([hidden, regular])).toEqual([regular]);
    const early = candidate({ pivot1: { index: 1, time: T - 50 * HOUR, price: 1.09 } });
    const late = candidate({ pivot1: { index: 2, time: T - 20 * HOUR, price: 1.09 } });
    expect(bestCandidates([early, late])).toEqual([late]);
  });
});

describe('rankSignals', () => {
  it('orders by score, then id', () => {
    const ranked = rankSignals([
      signal({ score: 6 }, 'b'),
      signal({ score: 8 }, 'z'),
      signal({ score: 6 }, 'a'),
    ]);
    expect(ranked.map((s) => s.id)).toEqual(['z', 'a', 'b']);
  });
});

describe('promoteChecks', () => {
  const WEEK = 7 * 24 * HOUR;
  const good = {
    tradeTimes: Array.from({ length: 30 }, (_, i) => T + (i * 4 * WEEK) / 29),
    fills: [
      { slippageBps: 1, simulatedSlippageBps: 2 },
      { slippageBps: 3, simulatedSlippageBps: 2 },
    ],
    unreconciledEvents: 0,
    breakersExercised: true,
  };

  it('passes a complete record', () => {
    expect(promoteChecks(good)).toEqual({ ready: true, missing: [] });
  });

  it('names everything that is missing', () => {
    const r = promoteChecks({
      tradeTimes: good.tradeTimes.slice(0, 29),
      fills: [{ slippageBps: 3, simulatedSlippageBps: 2 }],
      unreconciledEvents: 2,
      breakersExercised: false,
    });
    expect(r.ready).toBe(false);
    expect(r.missing).toEqual([
      '1 more paper trades (have 29 of 30)',
      'paper trades spanning 4 weeks (have 3.8)',
      "paper slippage within the simulation's (mean 3.00 bps > 2.00 bps)",
      'no unreconciled events (have 2)',
      'breakers exercised (daily loss, drawdown, consecutive losses)',
    ]);
    expect(promoteChecks({ ...good, fills: [] }).missing).toEqual(['paper fills with measured slippage']);
  });
});
