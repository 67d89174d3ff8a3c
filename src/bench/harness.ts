// A tiny benchmark harness: each case is timed over several runs in one process; the median is
// reported. Results are written as JSON, never asserted in tests (timings vary by machine).
export interface BenchCase {
  readonly name: string;
  /** Units of work per run (e.g. candles), for the throughput figure. */
  readonly units: number;
  readonly unit: string;
  /** Runs the work once; returns a value that is kept so the work cannot be optimised away. */
  run(): unknown;
}

export interface BenchResult {
  readonly name: string;
  readonly unit: string;
  readonly units: number;
  readonly runs: number;
  readonly median_ms: number;
  readonly min_ms: number;
  readonly per_second: number;
}

export interface BenchSuite {
  readonly name: string;
  cases(): BenchCase[] | Promise<BenchCase[]>;
  /** For measurements the harness cannot time (async work, CPU time): the suite measures itself. */
  results?(): Promise<BenchResult[]>;
  /** Figures computed from the suite's results (e.g. ratios), written beside them. */
  derive?(results: readonly BenchResult[]): Record<string, unknown>;
}

export function measure(c: BenchCase, runs = 5, warmup = 1): BenchResult {
  return measureInterleaved([c], runs, warmup).results[0]!;
}

/**
 * Times several cases round-robin (A B C, A B C, ...) so that a slow spell of the machine falls on
 * all of them alike; `times[k][r]` is case k's time in round r, for ratios taken within a round.
 */
export function measureInterleaved(
  cases: readonly BenchCase[],
  runs = 11,
  warmup = 1,
): { results: BenchResult[]; times: number[][] } {
  let sink: unknown;
  for (let i = 0; i < warmup; i++) for (const c of cases) sink = c.run();
  const times = cases.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) {
    cases.forEach((c, k) => {
      const t0 = performance.now();
      sink = c.run();
      times[k]!.push(performance.now() - t0);
    });
  }
  keep(sink);
  const results = cases.map((c, k) => {
    const mid = median(times[k]!);
    return {
      name: c.name,
      unit: c.unit,
      units: c.units,
      runs,
      median_ms: round(mid),
      min_ms: round(Math.min(...times[k]!)),
      per_second: Math.round((c.units / mid) * 1000),
    };
  });
  return { results, times };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

let kept: unknown;
function keep(value: unknown): void {
  kept = value;
  if (kept === Symbol.for('never')) console.log(kept);
}
