// The reference every indicator figure is compared with: a plain batch RSI(14) over a
// Float64Array (Wilder smoothing), measured in the same run on the same machine.
import type { BenchSuite } from '../harness.js';
import { randomWalkCloses } from '../random-walk.js';

export const N = 1_000_000;

export function plainRsi(closes: Float64Array, period = 14): Float64Array {
  const out = new Float64Array(closes.length).fill(Number.NaN);
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = closes[i]! - closes[i - 1]!;
    if (d > 0) gain += d;
    else loss -= d;
  }
  gain /= period;
  loss /= period;
  out[period] = loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
  for (let i = period + 1; i < closes.length; i++) {
    const d = closes[i]! - closes[i - 1]!;
    gain = (gain * (period - 1) + Math.max(d, 0)) / period;
    loss = (loss * (period - 1) + (d < 0 ? -d : 0)) / period;
    out[i] = loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
  }
  return out;
}

export const baselineSuite: BenchSuite = {
  name: 'baseline',
  cases() {
    const closes = randomWalkCloses(N);
    return [{ name: 'plain_float64array_rsi14', units: N, unit: 'candles', run: () => plainRsi(closes) }];
  },
};
