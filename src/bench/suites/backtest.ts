// Issue #7's figures: backtest throughput end to end — the same pipeline, risk book and execution
// engine as trading, the report built at the end — in 1h bars per second (the 4h stream they
// build is part of the work), on 36 instruments × 87,600 generated 1h bars and on all bundled
// data, with one thread and with every core busy (one backtest per worker thread, as the
// optimiser runs them), and the peak RSS of each run. Each measurement runs in its own process
// (dist/bench/backtest-child.js) so that its peak RSS is its own.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchResult, BenchSuite } from '../harness.js';

const CHILD = fileURLToPath(new URL('../backtest-child.js', import.meta.url));
const DATA = fileURLToPath(new URL('../../../data/', import.meta.url));

interface ChildResult {
  readonly mode: string;
  readonly threads: number;
  readonly bars: number;
  readonly wall_ms: number;
  readonly bars_per_second: number;
  readonly cpu_ms: number;
  readonly peak_rss_mb: number;
  readonly trades: number;
}

/**
 * V8 lets its heap fill with garbage up to its own limit before collecting hard; the live set of
 * a 3.15 M-bar run is ~30 MB of objects plus ~170 MB of columns, so the old generation is capped
 * (per worker thread too) and the RSS reflects the work, not the collector's slack.
 */
export const HEAP_MB = 128;

function child(args: string[]): ChildResult {
  const out = execFileSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, CHILD, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult;
}

const runs: ChildResult[] = [];

export const backtestSuite: BenchSuite = {
  name: 'backtest',
  cases: () => [],
  async results(): Promise<BenchResult[]> {
    const threads = cpus().length;
    runs.length = 0;
    runs.push(child(['generated', '1']), child(['generated', String(threads)]));
    runs.push(child(['bundled', DATA, '1']), child(['bundled', DATA, String(threads)]));
    return runs.map((r) => ({
      name: `${r.mode}_${r.threads === 1 ? 'one_thread' : `${r.threads}_threads`}`,
      unit: 'bars',
      units: r.bars,
      runs: 1,
      median_ms: r.wall_ms,
      min_ms: r.wall_ms,
      per_second: r.bars_per_second,
    }));
  },
  derive() {
    const find = (mode: string, one: boolean) =>
      runs.find((r) => r.mode === mode && (r.threads === 1) === one);
    const detail = (r: ChildResult | undefined) =>
      r && {
        threads: r.threads,
        bars: r.bars,
        bars_per_second: r.bars_per_second,
        bars_per_second_per_thread: Math.round(r.bars_per_second / r.threads),
        cpu_ms: r.cpu_ms,
        peak_rss_mb: r.peak_rss_mb,
        trades: r.trades,
      };
    return {
      heap_limit_mb: HEAP_MB,
      generated_one_thread: detail(find('generated', true)),
      generated_all_threads: detail(find('generated', false)),
      bundled_one_thread: detail(find('bundled', true)),
      bundled_all_threads: detail(find('bundled', false)),
    };
  },
};
