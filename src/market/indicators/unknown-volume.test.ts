// The unknown-volume rule: MFI and volume SMA are NaN at every bar whose window holds a bar of
// unknown volume, and elsewhere equal their definition computed afresh from that window.
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../domain/candle.js';
import { computeIndicators } from './compute-indicators.js';
import { withinTolerance } from './test-support/compare.js';
import { generatedSeries } from './test-support/generated-series.js';

const PERIOD_MFI = 14;
const PERIOD_VOLUME_SMA = 20;
const typical = (c: Candle) => (c.high + c.low + c.close) / 3;

function freshMfi(candles: readonly Candle[], i: number): number {
  let up = 0;
  let down = 0;
  for (let j = i - PERIOD_MFI + 1; j <= i; j++) {
    if (candles[j]!.volume === null) return Number.NaN;
    const flow = typical(candles[j]!) * candles[j]!.volume!;
    const change = typical(candles[j]!) - typical(candles[j - 1]!);
    if (change > 0) up += flow;
    else if (change < 0) down += flow;
  }
  return up + down < 1 ? 0 : (100 * up) / (up + down);
}

function freshVolumeSma(candles: readonly Candle[], i: number): number {
  let sum = 0;
  for (let j = i - PERIOD_VOLUME_SMA + 1; j <= i; j++) {
    if (candles[j]!.volume === null) return Number.NaN;
    sum += candles[j]!.volume!;
  }
  return sum / PERIOD_VOLUME_SMA;
}

describe('unknown volume', () => {
  // The 'gaps' series with three stretches of unknown volume, one a single bar.
  const candles = generatedSeries()[4]!.candles.map((c, i) =>
    (i >= 100 && i < 130) || i === 300 || (i >= 500 && i < 503) ? { ...c, volume: null } : c,
  );
  const history = computeIndicators(candles);

  it('MFI: NaN while the window of 14 flows holds an unknown bar, the fresh definition elsewhere', () => {
    for (let i = PERIOD_MFI; i < candles.length; i++) {
      const expected = freshMfi(candles, i);
      const ours = history.get('mfi', i);
      if (Number.isNaN(expected)) expect(ours, `bar ${i}`).toBeNaN();
      else expect(withinTolerance(ours, expected), `bar ${i}: ${ours} vs ${expected}`).toBe(true);
    }
    expect(history.get('mfi', 129 + PERIOD_MFI), 'defined again 14 bars after the stretch').not.toBeNaN();
    expect(history.get('mfi', 129 + PERIOD_MFI - 1)).toBeNaN();
  });

  it('volume SMA: NaN while the window of 20 bars holds an unknown bar, the plain mean elsewhere', () => {
    for (let i = PERIOD_VOLUME_SMA - 1; i < candles.length; i++) {
      const expected = freshVolumeSma(candles, i);
      const ours = history.get('volume_sma', i);
      if (Number.isNaN(expected)) expect(ours, `bar ${i}`).toBeNaN();
      else expect(withinTolerance(ours, expected), `bar ${i}: ${ours} vs ${expected}`).toBe(true);
    }
  });

  it('the other indicators do not read volume', () => {
    const known = computeIndicators(generatedSeries()[4]!.candles);
    expect(Array.from(history.column('rsi'))).toEqual(Array.from(known.column('rsi')));
    expect(Array.from(history.column('adx'))).toEqual(Array.from(known.column('adx')));
  });
});
