// The walk-forward over a small slice of real data, in this thread and in worker threads (the
// compiled worker from dist/, as `divbot optimize --workers N` runs it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../backtest/report.js';
import { runBacktest } from '../backtest/run-backtest.js';
import { loadDataSet } from '../cli/data-set.js';
import { parseTimeFlag } from '../cli/time-flags.js';
import { loadConfig } from '../config/load.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { hourlyBounds, sliceForSpan } from './data.js';
import { InlineExecutor } from './executor.js';
import { parseParams } from './params.js';
import { optimizeJson, optimizeReport } from './report.js';
import { type OptimizeInput, optimize } from './runner.js';
import { parameterSets } from './search.js';
import { tradingSettings } from './settings.js';
import { sliceDir } from './test-support/data-slice.js';
import { ThreadExecutor } from './thread-executor.js';
import { planWindows } from './windows.js';

const DIST_WORKER = fileURLToPath(new URL('../../dist/optimize/thread-worker.js', import.meta.url));
const base = tradingSettings({ USE_MULTI_TF_CONFIRMATION: 'false' });
const ranges = parseParams(['TP2_R=2..3', 'STOP_ATR_BUFFER=0.5..1:0.5'], base);
const sets = parameterSets(ranges, { mode: 'grid' });
const ctx = {
  search: { mode: 'grid' as const },
  gridSize: 4,
  holdoutFrom: undefined,
  instruments: ['BTC/USDT', 'ETH/USDT'],
};

let series: Awaited<ReturnType<typeof loadDataSet>>;
let input: Omit<OptimizeInput, 'executor'>;
let inline: Awaited<ReturnType<typeof optimize>>;

beforeAll(async () => {
  series = await loadDataSet([sliceDir(3000)]);
  const plan = planWindows({ ...hourlyBounds(series)!, windows: 2 });
  input = { base, sets, objective: 'expectancy_r', minTrades: 1, plan };
  inline = await optimize({ ...input, executor: new InlineExecutor(series) });
}, 60_000);

describe('walk-forward optimiser', () => {
  it('chooses, per window, the qualified set with the best in-sample objective (ties: the earlier set)', () => {
    expect(inline.backtests).toBeGreaterThanOrEqual(4 * 2 + 2);
    input.plan.windows.forEach((_, w) => {
      const qualified = inline.scores.map((row, s) => ({ s, ...row[w]! })).filter((x) => x.qualified);
      const top = Math.max(...qualified.map((x) => x.value!));
      expect(inline.chosen[w]).toBe(qualified.find((x) => x.value === top)?.s);
    });
    expect(
      inline.chosen.every((c) => c !== undefined),
      'the slice trades in every window',
    ).toBe(true);
  });

  it('an in-sample score is the backtest of that span with its warm-up', async () => {
    const w = input.plan.windows[1]!;
    const config = loadConfig({}, { overrides: { ...base, ...sets[2] } });
    const run = await runBacktest({
      config,
      series: sliceForSpan(series, w.inSample),
      from: w.inSample.from,
      to: w.inSample.to - HOUR_MS,
    });
    const { metrics } = buildReport(run).report;
    expect(inline.scores[2]![1]!.value).toBe(metrics.expectancy_r);
    expect(inline.scores[2]![1]!.trades).toBe(metrics.trades);
  });

  it('reports only out-of-sample trades, each inside the span its window traded', () => {
    const report = optimizeReport(inline, ctx);
    const trades = report.out_of_sample.trades;
    const chosenRuns = inline.outOfSample.reduce((n, r) => n + (r?.trades?.length ?? 0), 0);
    expect(trades.length).toBe(chosenRuns);
    expect(trades.length).toBeGreaterThan(0);
    for (const t of trades) {
      const w = input.plan.windows[t.window]!;
      const entry = parseTimeFlag('entry', t.entry_time)!;
      expect(entry).toBeGreaterThanOrEqual(w.outOfSample.from);
      expect(entry).toBeLessThan(w.outOfSample.to);
    }
    expect(report.trials).toBe(4);
    expect(report.results).toHaveLength(4);
    expect(report.chosen.map((c) => c.set)).toEqual(inline.chosen);
    expect(report.most_frequent?.times_chosen).toBeGreaterThanOrEqual(1);
  });

  it('gives identical JSON in two worker threads (the compiled worker) as in this thread', async () => {
    expect(existsSync(DIST_WORKER), 'build first: npx tsc -p tsconfig.build.json').toBe(true);
    const executor = new ThreadExecutor(series, { threads: 2, filename: DIST_WORKER });
    try {
      const threaded = await optimize({ ...input, executor });
      expect(optimizeJson(optimizeReport(threaded, ctx))).toBe(optimizeJson(optimizeReport(inline, ctx)));
    } finally {
      await executor.close();
    }
  }, 60_000);

  it('with no set reaching the minimum trade count, a window stays flat', async () => {
    const one = [sets[0]!];
    const run = await optimize({
      ...input,
      sets: one,
      minTrades: 1_000,
      executor: new InlineExecutor(series),
    });
    expect(run.chosen).toEqual([undefined, undefined]);
    const report = optimizeReport(run, { ...ctx, gridSize: 1 });
    expect(report.out_of_sample.metrics.trades).toBe(0);
    expect(report.out_of_sample.metrics.total_return_pct).toBe(0);
    expect(report.most_frequent).toBeNull();
    expect(run.backtests, 'no out-of-sample run without a chosen set').toBe(2);
  }, 30_000);
});
