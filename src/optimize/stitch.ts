// The walk-forward's one honest result: the out-of-sample spans laid end to end. Each span's run
// starts from STARTING_EQUITY with no position; the stitched equity compounds their returns, and
// a window with no qualifying parameter set stays flat (it did not trade).
import { type Metrics, metricsOf } from '../backtest/metrics.js';
import type { TradeRecord } from '../backtest/trades.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { dailyReturns, type TaskResult } from './task.js';
import type { WalkWindow } from './windows.js';

export interface Stitched {
  readonly trades: Array<TradeRecord & { readonly window: number }>;
  /** Equity after each out-of-sample hour, compounded across windows. */
  readonly equity: Float64Array;
  readonly daily: number[];
  readonly metrics: Metrics;
}

export function stitch(
  windows: readonly WalkWindow[],
  runs: ReadonlyArray<TaskResult | undefined>,
  startingEquity: number,
): Stitched {
  const hours = windows.reduce((n, w) => n + (w.outOfSample.to - w.outOfSample.from) / HOUR_MS, 0);
  const equity = new Float64Array(hours);
  const trades: Array<TradeRecord & { window: number }> = [];
  let level = startingEquity;
  let at = 0;
  let exposed = 0;
  windows.forEach((w, i) => {
    const span = (w.outOfSample.to - w.outOfSample.from) / HOUR_MS;
    const run = runs[i];
    const base = level;
    for (let h = 0; h < span; h++) {
      const e = run?.equity?.[h];
      equity[at++] = e === undefined ? base : (base * e) / startingEquity;
    }
    level = equity[at - 1] ?? level;
    exposed += run?.exposedHours ?? 0;
    for (const t of run?.trades ?? []) trades.push({ ...t, window: i });
  });
  const spanMs = hours * HOUR_MS;
  return {
    trades,
    equity,
    daily: dailyReturns(equity, startingEquity),
    metrics: metricsOf(trades, equity, startingEquity, exposed, spanMs),
  };
}
