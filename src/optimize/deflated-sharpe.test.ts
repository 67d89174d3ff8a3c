import { describe, expect, it } from 'vitest';
import {
  deflatedSharpe,
  expectedMaxSharpe,
  moments,
  normCdf,
  normInv,
  probabilisticSharpe,
} from './deflated-sharpe.js';
import { mulberry32 } from './search.js';

describe('normal distribution', () => {
  it('Φ and Φ⁻¹ match tabulated values and invert each other', () => {
    expect(normCdf(0)).toBeCloseTo(0.5, 7);
    expect(normCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normCdf(-1)).toBeCloseTo(0.158655, 6);
    expect(normInv(0.975)).toBeCloseTo(1.959964, 5);
    expect(normInv(0.001)).toBeCloseTo(-3.090232, 5);
    for (const p of [0.01, 0.2, 0.5, 0.7, 0.999]) expect(normCdf(normInv(p))).toBeCloseTo(p, 6);
  });
});

describe('deflated Sharpe ratio (Bailey & López de Prado 2014)', () => {
  it('E[max] of N trials is close to the true expected maximum of N standard normals', () => {
    // Exact E[max of N iid N(0,1)]: 1.5388 (10), 2.5076 (100), 3.2414 (1000); the paper's
    // approximation is within a few per cent, and scales with the trials' standard deviation.
    expect(expectedMaxSharpe(1, 10) / 1.5388).toBeCloseTo(1, 1);
    expect(expectedMaxSharpe(1, 100) / 2.5076).toBeCloseTo(1, 1);
    expect(expectedMaxSharpe(1, 1000) / 3.2414).toBeCloseTo(1, 1);
    expect(expectedMaxSharpe(4, 100)).toBeCloseTo(2 * expectedMaxSharpe(1, 100), 10);
    expect(expectedMaxSharpe(1, 1), 'one trial: nothing was selected').toBe(0);
  });

  it("reproduces the paper's numerical example (DSR ≈ 0.90)", () => {
    // 1,250 daily returns, annual Sharpe 2.5, skew −3, kurtosis 10, N = 100 trials whose
    // annualised Sharpes have variance 0.5 (250 trading days a year in the paper).
    const sr = 2.5 / Math.sqrt(250);
    const sr0 = expectedMaxSharpe(0.5 / 250, 100);
    expect(sr0 * Math.sqrt(250)).toBeCloseTo(1.79, 2);
    expect(probabilisticSharpe(sr, sr0, 1250, -3, 10)).toBeCloseTo(0.9, 2);
  });

  it('more trials deflate more; a normal sample gives its moments back', () => {
    const random = mulberry32(3);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const returns = Array.from({ length: 2000 }, () => 0.001 + 0.01 * gauss());
    const m = moments(returns)!;
    expect(m.skew).toBeCloseTo(0, 0);
    expect(m.kurtosis).toBeGreaterThan(2.7);
    expect(m.kurtosis).toBeLessThan(3.3);
    const trials = Array.from({ length: 50 }, () => 0.02 * gauss());
    const few = deflatedSharpe(returns, trials.slice(0, 5), 5)!;
    const many = deflatedSharpe(returns, trials, 50)!;
    expect(many.expectedMaxSharpe).toBeGreaterThan(few.expectedMaxSharpe);
    expect(many.probability).toBeLessThan(few.probability);
    expect(deflatedSharpe([0.01, 0.01, 0.01], trials, 50), 'no spread, no ratio').toBeUndefined();
  });
});
