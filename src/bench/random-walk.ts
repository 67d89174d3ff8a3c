// Deterministic synthetic prices for benchmarks (a seeded random walk), so runs are comparable.
import { mulberry32 } from '../domain/prng.js';

export function randomWalkCloses(n: number, seed = 42): Float64Array {
  const rnd = mulberry32(seed);
  const out = new Float64Array(n);
  let price = 100;
  for (let i = 0; i < n; i++) {
    price *= 1 + (rnd() - 0.5) * 0.02;
    out[i] = price;
  }
  return out;
}

export interface OhlcvColumns {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** Candles around the seeded random walk: open = previous close, wicks and volume random. */
export function randomWalkOhlcv(n: number, seed = 42): OhlcvColumns {
  const rnd = mulberry32(seed ^ 0x5eed);
  const close = randomWalkCloses(n, seed);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const volume = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i === 0 ? 100 : close[i - 1]!;
    const c = close[i]!;
    open[i] = o;
    high[i] = Math.max(o, c) * (1 + rnd() * 0.005);
    low[i] = Math.min(o, c) * (1 - rnd() * 0.005);
    volume[i] = 100 + rnd() * 10_000;
  }
  return { open, high, low, close, volume };
}
