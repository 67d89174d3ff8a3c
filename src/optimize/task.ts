// One unit of optimiser work: one backtest of one parameter set over one span (plus its warm-up),
// reduced to what the optimiser needs. The same function runs inline, in a worker thread and in a
// BullMQ worker; its result is plain JSON, so every transport hands back the very same numbers.
import { type Metrics, metricsOf } from '../backtest/metrics.js';
import { type FileSeries, runBacktest } from '../backtest/run-backtest.js';
import { type TradeRecord, tradeRecords } from '../backtest/trades.js';
import { loadConfig } from '../config/load.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { sliceForSpan } from './data.js';
import type { Settings } from './params.js';
import type { Span } from './windows.js';

export interface BacktestTask {
  /** Every configuration value of the run (base settings and the parameter set). */
  readonly settings: Settings;
  /** The span that may trade; the warm-up before it is read, nothing after it. */
  readonly span: Span;
  /** Out-of-sample runs keep their trades and hourly equity (for stitching). */
  readonly detail: boolean;
}

export interface TaskResult {
  readonly metrics: Metrics;
  /** Daily returns of the account over the span (every 24 h from its start). */
  readonly daily: number[];
  readonly exposedHours: number;
  readonly trades?: TradeRecord[];
  /** Equity after each hour of the span (exactly span-hours long). */
  readonly equity?: number[];
}

export async function executeTask(task: BacktestTask, series: readonly FileSeries[]): Promise<TaskResult> {
  const config = loadConfig({}, { overrides: task.settings });
  const hours = (task.span.to - task.span.from) / HOUR_MS;
  const sliced = sliceForSpan(series, task.span);
  const inSpan = sliced.some((s) => s.timeframe === '1h' && s.candles.some((c) => c.time >= task.span.from));
  if (!inSpan) return flat(config.STARTING_EQUITY, hours, task.detail);
  const run = await runBacktest({ config, series: sliced, from: task.span.from, to: task.span.to - HOUR_MS });
  const trades = tradeRecords(run.positions, run.tapes, config.BASE_CURRENCY, run.end);
  const metrics = metricsOf(trades, run.equity, run.startingEquity, run.exposedHours, hours * HOUR_MS);
  // The run starts and ends at the first and last bar inside the span; hours before and after
  // (a weekend at either end of a weekday-only book) are flat.
  const equity = new Array<number>(hours);
  const offset = (run.start - HOUR_MS - task.span.from) / HOUR_MS;
  let level = run.startingEquity;
  for (let h = 0; h < hours; h++) {
    const i = h - offset;
    if (i >= 0 && i < run.equity.length) level = run.equity[i]!;
    equity[h] = level;
  }
  const result: TaskResult = {
    metrics,
    daily: dailyReturns(equity, run.startingEquity),
    exposedHours: run.exposedHours,
    ...(task.detail ? { trades, equity } : {}),
  };
  // Through JSON even here: inline, threaded and queued runs then return identical values.
  return JSON.parse(JSON.stringify(result)) as TaskResult;
}

function flat(startingEquity: number, hours: number, detail: boolean): TaskResult {
  const equity = new Array<number>(hours).fill(startingEquity);
  return {
    metrics: metricsOf([], new Float64Array(equity), startingEquity, 0, hours * HOUR_MS),
    daily: dailyReturns(equity, startingEquity),
    exposedHours: 0,
    ...(detail ? { trades: [], equity } : {}),
  };
}

/** As the backtest's metrics compute them: one return per 24 hours from the start. */
export function dailyReturns(equity: ArrayLike<number>, startingEquity: number): number[] {
  const out: number[] = [];
  let prev = startingEquity;
  for (let i = 23; i < equity.length; i += 24) {
    out.push(prev > 0 ? equity[i]! / prev - 1 : 0);
    prev = equity[i]!;
  }
  return out;
}
