// Whole series: a 300-bar quiet warm-up, then plants of all four types in a seeded random order,
// each preceded by a quiet segment, and a quiet tail so the last plant's exit confirms.
import type { Candle } from '../../../domain/candle.js';
import { type DivergenceType, DivergenceTypes } from '../../../domain/divergence.js';
import { integer, mulberry32, uniform } from '../../../domain/prng.js';
import { SeriesBuilder } from './bars.js';
import { plantShape } from './plants.js';

export interface Plant {
  readonly type: DivergenceType;
  readonly c1: number;
  readonly c2: number;
  /** First and last bar of the plant (inclusive); quiet noise lies on both sides. */
  readonly start: number;
  readonly end: number;
}

export interface PlantedSeries {
  readonly candles: readonly Candle[];
  readonly plants: readonly Plant[];
}

export const WARM_UP_BARS = 300;

export interface PlantOptions {
  /** Plants of each type in the series. */
  readonly perType?: number;
  /** false: every volume is null (prices are identical to the same seed with volume). */
  readonly volume?: boolean;
}

export function plantedSeries(seed: number, options: PlantOptions = {}): PlantedSeries {
  const rng = mulberry32(seed);
  const baseVolume = uniform(rng, 200, 5_000);
  const b = new SeriesBuilder(rng, options.volume === false ? null : baseVolume);
  // Half-range of a bar (log units): 0.3%..0.6%, a calm-to-normal 1h crypto bar.
  const h = uniform(rng, 0.003, 0.006);
  const types = DivergenceTypes.flatMap((t) => Array<DivergenceType>(options.perType ?? 2).fill(t));
  for (let i = types.length - 1; i > 0; i--) {
    const j = integer(rng, 0, i);
    [types[i], types[j]] = [types[j]!, types[i]!];
  }
  const plants: Plant[] = [];
  b.quiet(WARM_UP_BARS, h);
  for (const type of types) {
    b.quiet(integer(rng, 30, 60), h);
    const start = b.length;
    const plantH = h * uniform(rng, 0.8, 1.25);
    const shape = plantShape(type, rng, plantH);
    const ends = b.legs(shape.legs, plantH);
    plants.push({ type, c1: ends[shape.c1Leg]!, c2: ends[shape.c2Leg]!, start, end: b.length - 1 });
  }
  b.quiet(40, h);
  return { candles: b.candles, plants };
}
