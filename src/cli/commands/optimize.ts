// `divbot optimize` (SPEC §15): the walk-forward search over --param ranges, run inline, in worker
// threads (--workers) or on BullMQ workers (--queue). Only the stitched out-of-sample result is a
// performance figure; the rest says how it was chosen.
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { mergeSources } from '../../config/load.js';
import { UsageError } from '../../domain/errors.js';
import { cutHoldout, fingerprint, hourlyBounds } from '../../optimize/data.js';
import { type Executor, InlineExecutor } from '../../optimize/executor.js';
import { OBJECTIVES, type Objective } from '../../optimize/objective.js';
import { checkSettings, parseParams } from '../../optimize/params.js';
import { optimizeJson, optimizeReport, optimizeSummary } from '../../optimize/report.js';
import { optimize } from '../../optimize/runner.js';
import { gridSize, parameterSets, type SearchMode } from '../../optimize/search.js';
import { tradingSettings } from '../../optimize/settings.js';
import { planWindows } from '../../optimize/windows.js';
import { loadDataSet } from '../data-set.js';
import { configSources, type GlobalOptions, loadCliConfig } from '../global-options.js';
import { parseCount } from '../parse-count.js';
import { terminalProgress } from '../progress-bar.js';
import { parseTimeFlag } from '../time-flags.js';

interface OptimizeOptions {
  readonly data: string[];
  readonly symbols?: string;
  readonly param: string[];
  readonly objective: string;
  readonly walkForward: string;
  readonly inSample?: string;
  readonly outOfSample?: string;
  readonly search: SearchMode;
  readonly trials?: string;
  readonly seed?: string;
  readonly minTrades?: string;
  readonly holdoutFrom?: string;
  readonly workers?: string;
  readonly queue?: string;
  readonly queueName?: string;
  readonly json?: boolean;
  readonly out?: string;
}

const positive = (flag: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = parseCount(flag, value, 0);
  if (n < 1) throw new UsageError(`${flag}: expected a whole number ≥ 1, got "${value}"`);
  return n;
};

export async function optimizeCommand(opts: OptimizeOptions, globals: GlobalOptions): Promise<void> {
  loadCliConfig(globals); // the environment, .env and --set must be valid on their own
  const sources = configSources(globals);
  const base = tradingSettings(mergeSources(sources.env, sources).values);
  const objective = opts.objective as Objective;
  if (!OBJECTIVES.includes(objective)) throw new UsageError(`--objective: unknown "${opts.objective}"`);
  const ranges = parseParams(opts.param, base);
  const search = {
    mode: opts.search,
    trials: positive('--trials', opts.trials),
    seed: parseCount('--seed', opts.seed, 1),
  };
  const sets = parameterSets(ranges, search);
  sets.forEach((s) => {
    checkSettings(
      { ...base, ...s },
      `--param ${Object.entries(s)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
  });
  const k = positive('--walk-forward', opts.walkForward)!;
  const minTrades = parseCount('--min-trades', opts.minTrades, 10);
  const workers = positive('--workers', opts.workers) ?? Math.max(1, availableParallelism() - 1);
  const holdoutFrom = parseTimeFlag('--holdout-from', opts.holdoutFrom);

  const series = cutHoldout(await loadDataSet(opts.data, opts.symbols), holdoutFrom);
  const bounds = hourlyBounds(series);
  if (bounds === undefined) throw new UsageError('--holdout-from: no 1h bar before it');
  const plan = planWindows({
    ...bounds,
    windows: k,
    inSampleDays: positive('--in-sample', opts.inSample),
    outOfSampleDays: positive('--out-of-sample', opts.outOfSample),
  });

  const executor = await executorFor(opts, series, workers, holdoutFrom);
  const bar = terminalProgress('optimize', 'backtests');
  // Ctrl-C: take the queued jobs back (and stop the threads) before leaving.
  const interrupted = () => {
    bar?.(-1, 0);
    process.stderr.write('divbot: interrupted: removing the waiting backtests\n');
    executor.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  let run: Awaited<ReturnType<typeof optimize>>;
  try {
    run = await optimize({ base, sets, objective, minTrades, plan, executor, onProgress: bar });
  } finally {
    process.off('SIGINT', interrupted);
    bar?.(-1, 0);
    await executor.close();
  }
  const instruments = [...new Set(series.map((s) => s.symbol))].sort();
  const report = optimizeReport(run, { search, gridSize: gridSize(ranges), holdoutFrom, instruments });
  const json = optimizeJson(report);
  if (opts.out !== undefined) await writeFile(opts.out, json);
  else if (opts.json) process.stdout.write(json);
  else process.stdout.write(`${optimizeSummary(report)}\n`);
}

async function executorFor(
  opts: OptimizeOptions,
  series: Parameters<typeof fingerprint>[0],
  workers: number,
  holdoutFrom: number | undefined,
): Promise<Executor> {
  if (opts.queue !== undefined) {
    const { QueueExecutor } = await import('../../optimize/queue/queue-executor.js');
    const { parseRedisUrl } = await import('../../optimize/queue/connection.js');
    return QueueExecutor.open({
      connection: parseRedisUrl('--queue', opts.queue),
      queueName: opts.queueName ?? 'divbot-optimize',
      data: {
        fingerprint: fingerprint(series),
        symbols: opts.symbols ?? null,
        holdoutFrom: holdoutFrom ?? null,
      },
      log: (line) => process.stderr.write(`divbot: ${line}\n`),
    });
  }
  if (workers <= 1) return new InlineExecutor(series);
  const { ThreadExecutor } = await import('../../optimize/thread-executor.js');
  return new ThreadExecutor(series, { threads: workers });
}
