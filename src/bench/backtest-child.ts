// One backtest throughput measurement in a process of its own, so its peak RSS is its own:
//   node dist/bench/backtest-child.js generated [threads]   36 instruments × 87,600 generated 1h bars
//   node dist/bench/backtest-child.js bundled DIR [threads]  every bundled file
// With threads > 1, that many worker threads each run the same backtest at once (how the
// optimiser uses the machine) and the figure is their combined bars per second, timed (as one
// thread's run) from when every worker has loaded its data.
// Prints one JSON line: bars, wall ms, bars/s, CPU ms, peak RSS MB, trades.
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { buildReport } from '../backtest/report.js';
import { type BacktestSeries, runBacktest } from '../backtest/run-backtest.js';
import { loadDataSet } from '../cli/data-set.js';
import { loadConfig } from '../config/load.js';
import { CandleColumns } from '../domain/candle-columns.js';
import type { SymbolId } from '../domain/ids.js';
import { defaultRegistry } from '../domain/instruments/index.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { randomWalkOhlcv } from './random-walk.js';

export const GENERATED_BARS = 87_600;
const T0 = Date.UTC(2015, 0, 5);

/** Generated as columns: 3.15 M Candle objects alone would take ~500 MB. */
export function generatedSeries(bars = GENERATED_BARS): BacktestSeries[] {
  return defaultRegistry.all().map((inst, k) => {
    const { open, high, low, close, volume } = randomWalkOhlcv(bars, 1_000 + k);
    const time = new Float64Array(bars);
    for (let i = 0; i < bars; i++) time[i] = T0 + i * HOUR_MS;
    if (!inst.volumeKnown) volume.fill(Number.NaN);
    const candles = new CandleColumns(bars, { time, open, high, low, close, volume });
    return { symbol: inst.id as SymbolId, timeframe: '1h' as const, candles };
  });
}

interface One {
  readonly bars: number;
  readonly wall_ms: number;
  readonly cpu_ms: number;
  readonly trades: number;
}

const cpuMs = (u: NodeJS.CpuUsage) => Math.round((u.user + u.system) / 1000);

async function load(mode: string, dir: string | undefined): Promise<BacktestSeries[]> {
  return mode.startsWith('generated')
    ? generatedSeries(Number(mode.split(':')[1] ?? GENERATED_BARS))
    : await loadDataSet([dir!]);
}

async function once(series: BacktestSeries[]): Promise<One> {
  const bars = series.filter((s) => s.timeframe === '1h').reduce((n, s) => n + s.candles.length, 0);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const run = await runBacktest({ config: loadConfig({}), series });
  const { report } = buildReport(run);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    bars,
    wall_ms: Math.round(wall),
    cpu_ms: cpuMs(cpu),
    trades: report.trades.length,
  };
}

async function main(): Promise<void> {
  const [mode = 'generated', a, b] = process.argv.slice(2);
  const dir = mode === 'bundled' ? a : undefined;
  const threads = Number((mode === 'bundled' ? b : a) ?? 1) || cpus().length;
  let results: One[];
  let wall: number;
  /** Threads: the whole process's CPU over the timed span (a worker's own is not measurable). */
  let cpu0: NodeJS.CpuUsage | undefined;
  if (threads <= 1) {
    results = [await once(await load(mode, dir))];
    wall = results[0]!.wall_ms;
  } else {
    // Timed from when every worker has its data (as one thread's run is timed from after the
    // load) to when the last is done: the figure is the backtests', not module loading and CSV
    // parsing in each worker.
    const file = fileURLToPath(import.meta.url);
    const workers = Array.from(
      { length: threads },
      () =>
        new Worker(file, {
          workerData: { mode, dir },
          // The same heap cap as the parent's --max-old-space-size, per thread.
          resourceLimits: { maxOldGenerationSizeMb: Number(process.env.BENCH_HEAP_MB ?? 128) },
        }),
    );
    const message = (w: Worker) =>
      new Promise<unknown>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      });
    await Promise.all(workers.map(message)); // 'ready'
    cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const done = workers.map((w) => message(w) as Promise<One>);
    for (const w of workers) w.postMessage('go');
    results = await Promise.all(done);
    wall = performance.now() - t0;
  }
  const bars = results.reduce((n, r) => n + r.bars, 0);
  const out = {
    mode,
    threads,
    bars,
    wall_ms: Math.round(wall),
    bars_per_second: Math.round(bars / (wall / 1000)),
    cpu_ms: cpu0 === undefined ? results[0]!.cpu_ms : cpuMs(process.cpuUsage(cpu0)),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    trades: results[0]!.trades,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

if (isMainThread) {
  if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
} else {
  const { mode, dir } = workerData as { mode: string; dir: string | undefined };
  const series = await load(mode, dir);
  parentPort!.postMessage('ready');
  parentPort!.once('message', async () => parentPort!.postMessage(await once(series)));
}
