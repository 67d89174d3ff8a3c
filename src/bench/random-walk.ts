// Deterministic synthetic prices for benchmarks (a seeded random walk), so runs are comparable.
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
