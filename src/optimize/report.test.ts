// The report's wiring on a synthetic walk-forward: the stitched equity compounds the windows, the
// trades keep their window, and the deflated Sharpe uses the stitched daily returns and every
// trial (shown only from 30 out-of-sample trades on).
import { describe, expect, it } from 'vitest';
import type { TradeRecord } from '../backtest/trades.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { expectedMaxSharpe, variance } from './deflated-sharpe.js';
import type { Executor } from './executor.js';
import { periodSharpe } from './objective.js';
import { optimizeReport } from './report.js';
import type { OptimizeRun } from './runner.js';
import { mulberry32 } from './search.js';
import { dailyReturns, type TaskResult } from './task.js';
import { DAY_MS, planWindows } from './windows.js';

const firstBar = Date.UTC(2022, 0, 3);
const plan = planWindows({
  firstBar,
  lastBar: firstBar + (60 + 80) * DAY_MS - HOUR_MS,
  windows: 2,
  inSampleDays: 20,
  outOfSampleDays: 30,
});
const START = 100_000;

/** 30 days of hourly equity drifting by `drift` per hour with noise, and `n` closed trades. */
function result(seed: number, drift: number, n: number): TaskResult {
  const random = mulberry32(seed);
  const equity: number[] = [];
  let e = START;
  for (let h = 0; h < 30 * 24; h++) {
    e *= 1 + drift + (random() - 0.5) * 0.004;
    equity.push(e);
  }
  const trades = Array.from({ length: n }, (_, i) => {
    const pnl = i % 3 === 0 ? -100 : 150;
    return {
      id: `t${seed}-${i}`,
      entry_time: '2022-01-01T00:00:00Z',
      pnl,
      r_multiple: pnl / 100,
      open_at_end: false,
      entryMs: 0,
      exitMs: 0,
    } as unknown as TradeRecord;
  });
  return {
    metrics: { trades: n } as TaskResult['metrics'],
    daily: dailyReturns(equity, START),
    exposedHours: 100,
    trades,
    equity,
  };
}

const noExecutor = {} as Executor;
const sets = [{ TP2_R: '2' }, { TP2_R: '3' }, { TP2_R: '4' }];
const trialSharpes = [0.05, 0.12, -0.02];
const r0 = result(1, 0.00003, 20);
const r1 = result(2, 0.00001, 20);
const run: OptimizeRun = {
  input: { base: {}, sets, objective: 'sharpe', minTrades: 1, plan, executor: noExecutor },
  scores: sets.map(() => plan.windows.map(() => ({ value: 1, trades: 20, qualified: true }))),
  chosen: [0, 1],
  outOfSample: [r0, r1],
  trialSharpes,
  frequent: { set: 0, count: 1, runs: [r0, result(3, 0, 10)] },
  backtests: 10,
};
const ctx = {
  search: { mode: 'grid' as const },
  gridSize: 3,
  holdoutFrom: undefined,
  instruments: ['BTC/USDT'],
};

describe('optimiser report', () => {
  const report = optimizeReport(run, ctx);

  it('stitches the windows: equity compounds, trades keep their window, figures cover both', () => {
    const last = report.out_of_sample.equity.at(-1)!.equity;
    const expected = START * (r0.equity!.at(-1)! / START) * (r1.equity!.at(-1)! / START);
    expect(last).toBeCloseTo(expected, 1);
    expect(report.out_of_sample.trades.map((t) => t.window)).toEqual([
      ...Array(20).fill(0),
      ...Array(20).fill(1),
    ]);
    expect(report.out_of_sample.metrics.trades).toBe(40);
    expect(report.out_of_sample.metrics.total_return_pct).toBeCloseTo((expected / START - 1) * 100, 1);
    expect(report.out_of_sample.from).toBe('2022-03-24T00:00:00Z');
    expect(report.most_frequent?.out_of_sample_metrics.trades, 'the fixed set over both spans').toBe(30);
  });

  it('deflates the stitched Sharpe by the expected maximum of all trials', () => {
    const d = report.deflated_sharpe;
    expect(d.reason).toBeNull();
    expect(d.value).toBeGreaterThan(0);
    expect(d.value).toBeLessThan(1);
    expect(d.trials).toBe(3);
    expect(d.observations).toBe(60);
    const daily = [...r0.daily, ...r1.daily];
    expect(d.sharpe_annualised).toBeCloseTo(periodSharpe(daily)! * Math.sqrt(365), 1);
    expect(d.expected_max_sharpe_annualised).toBeCloseTo(
      expectedMaxSharpe(variance(trialSharpes), 3) * Math.sqrt(365),
      3,
    );
  });

  it('shows no deflated Sharpe below 30 out-of-sample trades', () => {
    const few = optimizeReport({ ...run, outOfSample: [result(1, 0.0002, 10), result(2, 0.0001, 10)] }, ctx);
    expect(few.deflated_sharpe.value).toBeNull();
    expect(few.deflated_sharpe.reason).toMatch(/20 out-of-sample trades/);
  });
});
