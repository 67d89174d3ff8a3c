// The parameter sets to try: every combination of the ranges (grid), or a seeded random sample
// of them. Either way the sets come out in grid order, so a set's index is stable.
import { UsageError } from '../domain/errors.js';
import type { ParamRange, Settings } from './params.js';

/** Beyond this many combinations a grid is a mistake: sample it with --search random. */
export const MAX_GRID = 100_000;

export type SearchMode = 'grid' | 'random';

export interface SearchOptions {
  readonly mode: SearchMode;
  /** Random search: how many distinct sets to draw. */
  readonly trials?: number | undefined;
  readonly seed?: number | undefined;
}

export function gridSize(ranges: readonly ParamRange[]): number {
  return ranges.reduce((n, r) => n * r.values.length, 1);
}

/** The set at grid position `index` (the last key varies fastest). */
function setAt(ranges: readonly ParamRange[], index: number): Settings {
  const out: Record<string, string> = {};
  let rest = index;
  for (let k = ranges.length - 1; k >= 0; k--) {
    const r = ranges[k]!;
    out[r.key] = r.values[rest % r.values.length]!;
    rest = Math.floor(rest / r.values.length);
  }
  // Keys in the order given, whatever order they were filled in.
  return Object.fromEntries(ranges.map((r) => [r.key, out[r.key]!]));
}

export function parameterSets(ranges: readonly ParamRange[], options: SearchOptions): Settings[] {
  const size = gridSize(ranges);
  if (options.mode === 'grid') {
    if (size > MAX_GRID) {
      throw new UsageError(
        `--param: ${size} combinations (at most ${MAX_GRID} in a grid); use --search random --trials N`,
      );
    }
    return Array.from({ length: size }, (_, i) => setAt(ranges, i));
  }
  const trials = options.trials;
  if (trials === undefined || trials < 1)
    throw new UsageError('--trials: --search random needs --trials N (N ≥ 1)');
  return sampleIndices(size, trials, options.seed ?? 1).map((i) => setAt(ranges, i));
}

/** `n` distinct indices below `size` (all of them when n ≥ size), sorted. */
export function sampleIndices(size: number, n: number, seed: number): number[] {
  if (n >= size) return Array.from({ length: size }, (_, i) => i);
  const random = mulberry32(seed);
  const picked = new Set<number>();
  while (picked.size < n) picked.add(Math.floor(random() * size));
  return [...picked].sort((a, b) => a - b);
}

/** A small seeded generator: the same seed draws the same sets on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
