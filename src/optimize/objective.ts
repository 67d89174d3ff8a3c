// What a window's in-sample runs are ranked by. Sharpe here is computed from the daily returns
// whatever the trade count (the minimum trade count is the optimiser's own gate, --min-trades);
// a value that does not exist disqualifies the run rather than ranking it arbitrarily.
import { round } from '../backtest/trades.js';
import type { TaskResult } from './task.js';

export const OBJECTIVES = ['sharpe', 'profit_factor', 'expectancy_r'] as const;
export type Objective = (typeof OBJECTIVES)[number];

export interface Score {
  /** null: the objective is undefined for this run. */
  readonly value: number | null;
  readonly trades: number;
  readonly qualified: boolean;
}

/** Mean over sample standard deviation of per-period returns (not annualised); null if undefined. */
export function periodSharpe(returns: readonly number[]): number | null {
  if (returns.length < 2) return null;
  const mean = returns.reduce((s, r) => s + r, 0) / returns.length;
  let sq = 0;
  for (const r of returns) sq += (r - mean) * (r - mean);
  const dev = Math.sqrt(sq / (returns.length - 1));
  return dev > 0 ? mean / dev : null;
}

export function objectiveValue(objective: Objective, r: TaskResult): number | null {
  switch (objective) {
    case 'sharpe': {
      const s = periodSharpe(r.daily);
      return s === null ? null : round(s * Math.sqrt(365), 4);
    }
    // null when nothing was lost: a ratio with no denominator ranks nothing.
    case 'profit_factor':
      return r.metrics.profit_factor;
    case 'expectancy_r':
      return r.metrics.expectancy_r;
  }
}

export function score(objective: Objective, r: TaskResult, minTrades: number): Score {
  const value = objectiveValue(objective, r);
  const trades = r.metrics.trades;
  return { value, trades, qualified: value !== null && trades >= minTrades };
}

/** Index of the best qualified score; ties go to the earlier set. undefined when none qualifies. */
export function best(scores: readonly Score[]): number | undefined {
  let at: number | undefined;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (!s.qualified) continue;
    if (at === undefined || s.value! > scores[at]!.value!) at = i;
  }
  return at;
}
