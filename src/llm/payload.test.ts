import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMessagesRequest } from './messages-request.js';
import { buildReviewPayload } from './payload.js';
import { SAMPLE_KNOWN_AT, sampleRequest } from './test-support.js';

describe('review payload', () => {
  it('carries no symbol, no date and no absolute price level anywhere in the request', () => {
    for (const model of ['claude-sonnet-5-5', 'claude-sonnet-4-6']) {
      const json = JSON.stringify(buildMessagesRequest(model, buildReviewPayload(sampleRequest())));
      const { candidate: c } = sampleRequest();
      const times = [c.pivot1.time, c.pivot2.time, c.knownAt.time];
      const forbidden = [
        'BTC',
        'USDT',
        'btc',
        '64123',
        '64,123',
        '64 123',
        '65012',
        '64480',
        '63700',
        '66100',
        '67900',
        '65200',
        '66900',
        '67300',
        '846.9',
        '2024',
        '03-05',
        ...times.map(String),
        ...times.map((t) => String(t / 1000)),
      ];
      for (const s of forbidden) expect(json, `"${s}" must not reach the model (${model})`).not.toContain(s);
    }
  });

  it('is the same whatever the price level, the dates and the row numbers (relative values only)', () => {
    const base = buildReviewPayload(sampleRequest());
    // Powers of two scale floating-point values exactly, so any difference would be a real leak.
    const scale = fc.integer({ min: -12, max: 12 }).map((e) => 2 ** e);
    const shiftMs = fc.integer({ min: -1e12, max: 1e12 });
    const shiftBars = fc.integer({ min: -100, max: 10_000 });
    fc.assert(
      fc.property(scale, shiftMs, shiftBars, (k, dt, di) => {
        expect(buildReviewPayload(sampleRequest({ scale: k, shiftMs: dt, shiftBars: di }))).toEqual(base);
      }),
    );
  });

  it('sends price moves in % and ATR, bounded oscillators as read, MACD over ATR', () => {
    const p = buildReviewPayload(sampleRequest());
    expect(p.swing).toMatchObject({
      bars_between_pivots: 23,
      bars_since_pivot2: 3,
      pivot_price_change_pct: -1.368,
      pivot_price_change_atr: -1.05,
    });
    expect(p.oscillators).toEqual([
      { name: 'rsi', unit: 'value', at_pivot1: 28.4, at_pivot2: 34.9 },
      { name: 'macd_hist', unit: 'atr', at_pivot1: -0.366, at_pivot2: -0.143 },
      { name: 'cci', unit: 'value', at_pivot1: -180.5, at_pivot2: -95.25 },
    ]);
    expect(p.confirming_families).toEqual(['momentum', 'trend']);
    expect(p.trade_plan.tp1_r).toBe(2.077);
    expect(p.trade_plan.stop_distance_atr).toBe(0.921);
    expect(p.confirm_bar.close_vs_ema200_atr).toBe(-2.857);
    expect(p.confirm_bar.ema200_slope_20_bars_atr).toBe(-0.472);
  });

  it('turns undefined indicators into null and sends rule names only, without rule 1', () => {
    const p = buildReviewPayload(sampleRequest());
    expect(p.confirm_bar.volume_vs_sma_at_pivot2).toBe(0.82);
    const r = sampleRequest();
    const noVolume = buildReviewPayload({
      ...r,
      context: {
        ...r.context,
        volumeRatio: null,
        ema200TwentyBarsAgo: null,
        indicators: { ...r.context.indicators, mfi: Number.NaN },
      },
    });
    expect(noVolume.confirm_bar.mfi).toBeNull();
    expect(noVolume.confirm_bar.volume_vs_sma_at_pivot2).toBeNull();
    expect(noVolume.confirm_bar.ema200_slope_20_bars_atr).toBeNull();
    expect(p.rules.passed).toContain('stop_side');
    expect(p.rules.skipped).toEqual(['low_volume_gate', 'candle_pattern']);
    expect(JSON.stringify(p.rules)).not.toContain('confidence');
  });

  it('does not depend on when the candidate became known', () => {
    const later = buildReviewPayload(sampleRequest({ knownAt: SAMPLE_KNOWN_AT + 86_400_000 }));
    expect(later).toEqual(buildReviewPayload(sampleRequest()));
  });
});
