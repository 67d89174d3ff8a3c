// Seeded randomness for everything that must be reproducible: the planted test series, the
// backtest's random-entry baseline, the lookahead proof's noise. Same seed, same numbers — do
// not retune it (the planted figures and byte-identical reports depend on it).
export type Rng = () => number;

/** mulberry32: 32-bit state, uniform in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();

/** An integer in lo..hi, both included. */
export const integer = (rng: Rng, lo: number, hi: number): number => lo + Math.floor((hi - lo + 1) * rng());

/** Standard normal (Box–Muller); 1 − u keeps the logarithm finite. */
export function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}
