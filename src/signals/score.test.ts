import { describe, expect, it } from 'vitest';
import { type ScoreInputs, scoreCandidate } from './score.js';

const BASE: ScoreInputs = {
  type: 'regular_bullish',
  confirmingFamilies: 1,
  rsiConfirms: false,
  rsiAtPivot1: 50,
  rsiAtPivot2: 50,
  swingBars: 5,
  volumeKnown: true,
  volumeAtPivot2: 200,
  volumeSmaAtPivot2: 100,
  ema200Slope: 0,
};
const points = (inputs: Partial<ScoreInputs>) =>
  Object.fromEntries(scoreCandidate({ ...BASE, ...inputs }).components.map((c) => [c.name, c.points]));

describe('score (SPEC §5)', () => {
  it('is 0 when nothing scores and 10 when everything does (9 points available with volume)', () => {
    expect(scoreCandidate(BASE).score).toBe(0);
    const full = scoreCandidate({
      ...BASE,
      confirmingFamilies: 4,
      rsiConfirms: true,
      rsiAtPivot1: 20,
      rsiAtPivot2: 35,
      swingBars: 10,
      volumeAtPivot2: 50,
      ema200Slope: -1,
    });
    expect(full.score).toBe(10);
    expect(full.components.reduce((s, c) => s + c.max, 0)).toBe(9);
  });

  it('scales by 8 available points when volume is unknown', () => {
    const r = scoreCandidate({ ...BASE, volumeKnown: false, volumeAtPivot2: null, swingBars: 10 });
    expect(r.components.reduce((s, c) => s + c.max, 0)).toBe(8);
    expect(r.score).toBe(1.25);
  });

  it('families beyond the first: 1.5 each, at most 3', () => {
    expect(points({ confirmingFamilies: 1 }).families).toBe(0);
    expect(points({ confirmingFamilies: 2 }).families).toBe(1.5);
    expect(points({ confirmingFamilies: 3 }).families).toBe(3);
    expect(points({ confirmingFamilies: 4 }).families).toBe(3);
  });

  it('RSI margin / 5 when RSI confirms, at most 2', () => {
    expect(points({ rsiConfirms: true, rsiAtPivot1: 30, rsiAtPivot2: 35 }).rsi_margin).toBe(1);
    expect(points({ rsiConfirms: true, rsiAtPivot1: 30, rsiAtPivot2: 45 }).rsi_margin).toBe(2);
    expect(points({ rsiConfirms: false, rsiAtPivot1: 30, rsiAtPivot2: 45 }).rsi_margin).toBe(0);
    expect(
      points({ rsiConfirms: true, type: 'hidden_bullish', rsiAtPivot1: 40, rsiAtPivot2: 38 }).rsi_margin,
    ).toBe(0.4);
  });

  it('swing length: 1 point from 10 bars on', () => {
    expect(points({ swingBars: 9 }).swing_length).toBe(0);
    expect(points({ swingBars: 10 }).swing_length).toBe(1);
  });

  it('RSI zone: O_rsi(c1) outside 30–70 (the bounds themselves are inside)', () => {
    expect(points({ rsiAtPivot1: 30 }).rsi_zone).toBe(0);
    expect(points({ rsiAtPivot1: 29.9 }).rsi_zone).toBe(1);
    expect(points({ rsiAtPivot1: 70 }).rsi_zone).toBe(0);
    expect(points({ rsiAtPivot1: 70.1 }).rsi_zone).toBe(1);
    expect(points({ rsiAtPivot1: Number.NaN }).rsi_zone).toBe(0);
  });

  it('volume exhaustion: volume at c2 below its SMA; 0 when unknown', () => {
    expect(points({ volumeAtPivot2: 99 }).volume_exhaustion).toBe(1);
    expect(points({ volumeAtPivot2: 100 }).volume_exhaustion).toBe(0);
    expect(points({ volumeAtPivot2: null }).volume_exhaustion).toBe(0);
    expect(points({ volumeSmaAtPivot2: Number.NaN, volumeAtPivot2: 1 }).volume_exhaustion).toBe(0);
  });

  it('trend context: regular against the EMA200 slope, hidden with it', () => {
    expect(points({ type: 'regular_bullish', ema200Slope: -1 }).trend_context).toBe(1);
    expect(points({ type: 'regular_bullish', ema200Slope: 1 }).trend_context).toBe(0);
    expect(points({ type: 'hidden_bullish', ema200Slope: 1 }).trend_context).toBe(1);
    expect(points({ type: 'regular_bearish', ema200Slope: 1 }).trend_context).toBe(1);
    expect(points({ type: 'hidden_bearish', ema200Slope: -1 }).trend_context).toBe(1);
    expect(points({ type: 'hidden_bearish', ema200Slope: 1 }).trend_context).toBe(0);
    expect(points({ ema200Slope: Number.NaN }).trend_context).toBe(0);
    expect(points({ ema200Slope: 0 }).trend_context).toBe(0);
  });
});
