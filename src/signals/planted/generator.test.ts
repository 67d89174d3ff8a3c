// The generator's own promises, checked by brute force so the recall/precision numbers rest on
// them: c1 and c2 are strict swing points for L = R = 5, nothing else inside the plant is a swing
// of that kind, the price relation is the planted type's, and seeds reproduce.
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../domain/candle.js';
import { directionOf } from '../../domain/divergence.js';
import { RUN_IN_BARS } from './test-support/plants.js';
import { plantedSeries, WARM_UP_BARS } from './test-support/series.js';

const L = 5;
const R = 5;

/** SPEC §4 pivot test, read literally (equal on the left allowed, strictly beyond on the right). */
function isPivot(candles: readonly Candle[], c: number, lows: boolean): boolean {
  if (c - L < 0 || c + R >= candles.length) return false;
  const v = (i: number) => (lows ? -candles[i]!.low : candles[i]!.high);
  for (let j = 1; j <= L; j++) if (v(c - j) > v(c)) return false;
  for (let j = 1; j <= R; j++) if (v(c + j) >= v(c)) return false;
  return true;
}

describe('planted series generator', () => {
  const seeds = Array.from({ length: 30 }, (_, i) => 7_000 + i);

  it('is deterministic per seed and differs between seeds', () => {
    expect(plantedSeries(42)).toEqual(plantedSeries(42));
    expect(plantedSeries(42).candles[400]).not.toEqual(plantedSeries(43).candles[400]);
  });

  it('makes well-formed hourly candles with plausible volume, or null volume with the same prices', () => {
    for (const seed of seeds.slice(0, 5)) {
      const { candles } = plantedSeries(seed);
      const bare = plantedSeries(seed, { volume: false }).candles;
      candles.forEach((k, i) => {
        expect(k.low).toBeLessThanOrEqual(Math.min(k.open, k.close));
        expect(k.high).toBeGreaterThanOrEqual(Math.max(k.open, k.close));
        if (i > 0) expect(k.time - candles[i - 1]!.time).toBe(3_600_000);
        expect(k.volume).toBeGreaterThan(0);
        expect(bare[i]).toEqual({ ...k, volume: null });
      });
    }
  });

  it('plants strict, isolated swings with the planted price relation', () => {
    for (const seed of seeds) {
      const { candles, plants } = plantedSeries(seed);
      expect(plants).toHaveLength(8);
      expect(plants[0]!.start).toBeGreaterThanOrEqual(WARM_UP_BARS);
      for (const p of plants) {
        const lows = directionOf(p.type) === 'long';
        expect(isPivot(candles, p.c1, lows), `${p.type} c1 at ${p.c1}`).toBe(true);
        expect(isPivot(candles, p.c2, lows), `${p.type} c2 at ${p.c2}`).toBe(true);
        // No rival swing of the same kind anywhere in the plant after its first bar.
        for (let c = p.start + 1; c <= p.end; c++) {
          if (c !== p.c1 && c !== p.c2) expect(isPivot(candles, c, lows), `rival at ${c}`).toBe(false);
        }
        // Out of reach (> DIV_MAX_BARS) of any swing before the plant; within reach of each other.
        expect(p.c1 - p.start).toBeGreaterThanOrEqual(RUN_IN_BARS - 1);
        expect(p.c2 - p.c1).toBeGreaterThanOrEqual(10);
        expect(p.c2 - p.c1).toBeLessThanOrEqual(60);
        expect(p.end - p.c2).toBeGreaterThanOrEqual(R);
        const price = (c: number) => (lows ? candles[c]!.low : candles[c]!.high);
        const higher = price(p.c2) > price(p.c1);
        const wantHigher = p.type === 'hidden_bullish' || p.type === 'regular_bearish';
        expect(higher, `${p.type} price relation`).toBe(wantHigher);
      }
    }
  });
});
