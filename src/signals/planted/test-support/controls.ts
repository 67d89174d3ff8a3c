// Negative controls: series with no planted divergence. A steady trend has (almost) no swings of
// one kind, a flat line none at all; flat-with-noise and a random walk are all swings, so any
// divergences found there are real but meaningless — they show the base rate, not a bug.
import type { Candle } from '../../../domain/candle.js';
import { mulberry32, uniform } from '../../../domain/prng.js';
import { SeriesBuilder } from './bars.js';

export const ControlKinds = [
  'trend_up',
  'trend_down',
  'trend_up_noisy',
  'trend_down_noisy',
  'flat',
  'flat_tiny_noise',
  'random_walk',
] as const;
export type ControlKind = (typeof ControlKinds)[number];

export function controlSeries(kind: ControlKind, seed: number, bars: number): readonly Candle[] {
  const rng = mulberry32(seed);
  const b = new SeriesBuilder(rng, uniform(rng, 200, 5_000));
  const h = uniform(rng, 0.003, 0.006);
  switch (kind) {
    // Drift of half a bar half-range per bar (≈ 0.25%/h), noise a fifth of the drift.
    case 'trend_up':
      b.drift(bars, 0.5 * h, 0.1 * h, h);
      break;
    case 'trend_down':
      b.drift(bars, -0.5 * h, 0.1 * h, h);
      break;
    // Drift and noise both 0.3 h: pullbacks now and then deep enough to make a swing.
    case 'trend_up_noisy':
      b.drift(bars, 0.3 * h, 0.3 * h, h);
      break;
    case 'trend_down_noisy':
      b.drift(bars, -0.3 * h, 0.3 * h, h);
      break;
    case 'flat':
      b.drift(bars, 0, 0, 0);
      break;
    // ±0.001 on a price of 100: indicators are scale-free, so this is noise like any other.
    case 'flat_tiny_noise':
      b.quiet(bars, 1e-5);
      break;
    case 'random_walk':
      b.drift(bars, 0, 0.5 * h, h);
      break;
  }
  return b.candles;
}
