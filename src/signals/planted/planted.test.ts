// Recall and precision of the divergence engine on planted divergences of all four types
// (definitions and denominators: `measure` in test-support/measure.ts). The plants are built from
// legs whose speed makes the engine's own RSI diverge; nothing here fakes an indicator.
import { beforeAll, describe, expect, it } from 'vitest';
import { DivergenceTypes } from '../../domain/divergence.js';
import { engineCandidates, measure, type TypeStats } from './test-support/measure.js';
import { plantedSeries } from './test-support/series.js';

// 100 seeds × 2 plants per type = 200 plants of each type (800 in all, ~160k bars).
const SEEDS = Array.from({ length: 100 }, (_, i) => 1_000 + i);
const THRESHOLD = 0.95;

const ratio = (n: number, d: number) => `${n}/${d} = ${d === 0 ? 'n/a' : (n / d).toFixed(3)}`;

describe.each([
  { label: 'volume known', volume: true },
  { label: 'volume null', volume: false },
])('planted divergences, $label', ({ label, volume }) => {
  let stats: Record<string, TypeStats>;

  beforeAll(() => {
    stats = measure(SEEDS.map((seed) => plantedSeries(seed, { volume })));
    const lines = DivergenceTypes.map((type) => {
      const s = stats[type]!;
      return (
        `  ${type.padEnd(16)} recall ${ratio(s.recalled, s.plants)}  precision ${ratio(s.matching, s.inSpan)}` +
        `  rsi ${ratio(s.rsi, s.recalled)}  accepted ${ratio(s.accepted, s.recalled)}` +
        `  (quiet-segment candidates confirmed in the plant's first bars: ${s.boundary})`
      );
    });
    console.log(`planted divergences (${label}):\n${lines.join('\n')}`);
  });

  it.each(DivergenceTypes)('%s: recall and precision ≥ 0.95, and the divergence is on RSI', (type) => {
    const s = stats[type]!;
    expect(s.plants).toBeGreaterThanOrEqual(200);
    expect(s.recalled / s.plants, 'recall').toBeGreaterThanOrEqual(THRESHOLD);
    expect(s.inSpan, 'candidates inside plants').toBeGreaterThan(0);
    expect(s.matching / s.inSpan, 'precision').toBeGreaterThanOrEqual(THRESHOLD);
    // Real divergences: the engine's windowed RSI at c1/c2 satisfies the type's condition.
    expect(s.rsi / s.plants, 'plants diverging on RSI').toBeGreaterThanOrEqual(THRESHOLD);
  });
});

it('reads MFI only where volume is known (the other oscillators detect without it)', () => {
  const mfiUses = (volume: boolean) =>
    SEEDS.slice(0, 5)
      .flatMap((seed) => engineCandidates(plantedSeries(seed, { volume }).candles))
      .filter((c) => c.oscillators.some((o) => o.name === 'mfi')).length;
  expect(mfiUses(true)).toBeGreaterThan(0);
  expect(mfiUses(false)).toBe(0);
});
