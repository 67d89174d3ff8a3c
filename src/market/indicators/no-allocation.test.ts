// IndicatorSet.update must not allocate per bar. In V8 the easy ways to break that are invisible in
// the source (a double crossing a call that is not inlined is boxed; a hidden class shared with
// another literal turns double fields into boxed ones), so it is measured: once optimized, a million
// updates must not make the young generation fill up (boxing there allocates ≥ 200 MB, ≥ 12 scavenges).
import { PerformanceObserver } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { randomWalkOhlcv } from '../../bench/random-walk.js';
import type { Candle } from '../../domain/candle.js';
import { IndicatorHistory } from './indicator-history.js';
import { IndicatorSet } from './indicator-set.js';

const BARS = 200_000;

function run(set: IndicatorSet, candles: readonly Candle[]): number {
  let sum = 0;
  for (let i = 0; i < candles.length; i++) sum += set.update(candles[i]!).bb_bandwidth;
  return sum;
}

describe('IndicatorSet.update allocation', () => {
  it('runs a million updates without a garbage collection', async () => {
    const { open, high, low, close, volume } = randomWalkOhlcv(BARS);
    const candles: Candle[] = Array.from({ length: BARS }, (_, i) => ({
      time: i,
      open: open[i]!,
      high: high[i]!,
      low: low[i]!,
      close: close[i]!,
      volume: volume[i]!,
    }));
    // A history too: its columns object once shared a hidden class with the values object.
    new IndicatorHistory(4).append(new IndicatorSet().update(candles[0]!));
    const set = new IndicatorSet();
    for (let warm = 0; warm < 3; warm++) run(set, candles);
    let collections = 0;
    const observer = new PerformanceObserver((list) => {
      collections += list.getEntries().length;
    });
    observer.observe({ entryTypes: ['gc'] });
    let sum = 0;
    for (let pass = 0; pass < 5; pass++) sum += run(set, candles);
    await new Promise((resolve) => setTimeout(resolve, 20));
    observer.disconnect();
    expect(sum).toBeGreaterThan(0);
    expect(collections, 'garbage collections during 1,000,000 updates').toBeLessThan(4);
  });
});
