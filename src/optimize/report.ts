// The optimiser's JSON: the stitched out-of-sample result first (the only performance figure that
// counts), then how it was chosen. Arrays in fixed order, floats rounded: identical inputs give
// identical bytes whatever ran the backtests.
import { type Metrics, MIN_TRADES_FOR_SHARPE } from '../backtest/metrics.js';
import { round, type TradeRecord } from '../backtest/trades.js';
import { loadConfig } from '../config/load.js';
import { maskedConfig } from '../config/mask.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { formatUtcTime } from '../market-data/csv-time.js';
import { deflatedSharpe } from './deflated-sharpe.js';
import type { Settings } from './params.js';
import type { OptimizeRun } from './runner.js';
import type { SearchOptions } from './search.js';
import { stitch } from './stitch.js';
import { type Span, WARMUP_DAYS } from './windows.js';

export interface ReportContext {
  readonly search: SearchOptions;
  readonly gridSize: number;
  readonly holdoutFrom: number | undefined;
  readonly instruments: readonly string[];
}

const SQRT_365 = Math.sqrt(365);
const span = (s: Span) => ({ from: formatUtcTime(s.from), to: formatUtcTime(s.to - HOUR_MS) });
const numeric = (set: Settings) => Object.fromEntries(Object.entries(set).map(([k, v]) => [k, Number(v)]));
type TradeOut = Omit<TradeRecord, 'entryMs' | 'exitMs'> & { window: number };

export function optimizeReport(run: OptimizeRun, ctx: ReportContext) {
  const { input } = run;
  const windows = input.plan.windows;
  const config = loadConfig({}, { overrides: input.base });
  const oos = stitch(windows, run.outOfSample, config.STARTING_EQUITY);
  const frequent = run.frequent;
  return {
    objective: input.objective,
    min_trades: input.minTrades,
    trials: input.sets.length,
    backtests: run.backtests,
    search: {
      mode: ctx.search.mode,
      grid_size: ctx.gridSize,
      ...(ctx.search.mode === 'random' ? { seed: ctx.search.seed ?? 1 } : {}),
    },
    holdout_from: ctx.holdoutFrom === undefined ? null : formatUtcTime(ctx.holdoutFrom),
    instruments: [...ctx.instruments],
    walk_forward: {
      windows: windows.length,
      in_sample_days: input.plan.inSampleDays,
      out_of_sample_days: input.plan.outOfSampleDays,
      warm_up_days: WARMUP_DAYS,
    },
    out_of_sample: {
      ...span({ from: windows[0]!.outOfSample.from, to: windows.at(-1)!.outOfSample.to }),
      metrics: oos.metrics,
      equity: dailyEquity(oos.equity, windows[0]!.outOfSample.from),
      trades: oos.trades.map(({ entryMs: _e, exitMs: _x, ...t }): TradeOut => t),
    },
    deflated_sharpe: deflated(run, oos.daily, oos.metrics),
    chosen: windows.map((w, i) => {
      const set = run.chosen[i];
      return {
        window: i,
        in_sample: span(w.inSample),
        out_of_sample: span(w.outOfSample),
        set: set ?? null,
        params: set === undefined ? null : numeric(input.sets[set]!),
        in_sample_objective: set === undefined ? null : run.scores[set]![i]!.value,
        out_of_sample_metrics: run.outOfSample[i]?.metrics ?? null,
      };
    }),
    most_frequent:
      frequent === undefined
        ? null
        : {
            set: frequent.set,
            params: numeric(input.sets[frequent.set]!),
            times_chosen: frequent.count,
            // This one set over every out-of-sample span. Choosing it used every in-sample span,
            // so unlike the stitched result above it is not a clean out-of-sample figure.
            out_of_sample_metrics: stitch(windows, frequent.runs, config.STARTING_EQUITY).metrics,
          },
    results: input.sets.map((set, s) => ({
      set: s,
      params: numeric(set),
      in_sample: run.scores[s]!.map((x, w) => ({
        window: w,
        objective: x.value,
        trades: x.trades,
        qualified: x.qualified,
      })),
    })),
    config: maskedConfig(config),
  };
}

export type OptimizeReport = ReturnType<typeof optimizeReport>;

function dailyEquity(equity: Float64Array, from: number) {
  const out: Array<{ time: string; equity: number }> = [];
  for (let h = 0; h < equity.length; h++) {
    if (h % 24 !== 0 && h !== equity.length - 1) continue;
    out.push({ time: formatUtcTime(from + h * HOUR_MS), equity: round(equity[h]!) });
  }
  return out;
}

function deflated(run: OptimizeRun, daily: readonly number[], metrics: Metrics) {
  if (metrics.trades < MIN_TRADES_FOR_SHARPE) {
    return {
      value: null,
      reason: `${metrics.trades} out-of-sample trades: no Sharpe below ${MIN_TRADES_FOR_SHARPE}`,
    };
  }
  const trials = run.trialSharpes.filter((x) => x !== undefined);
  const d = deflatedSharpe(daily, trials, run.input.sets.length);
  if (d === undefined) return { value: null, reason: 'the out-of-sample returns have no spread' };
  return {
    value: round(d.probability, 4),
    reason: null,
    trials: run.input.sets.length,
    observations: d.observations,
    sharpe_annualised: round(d.sharpe * SQRT_365, 4),
    expected_max_sharpe_annualised: round(d.expectedMaxSharpe * SQRT_365, 4),
    trial_sharpe_variance_daily: Number(d.trialVariance.toPrecision(6)),
    skew: round(d.skew, 4),
    kurtosis: round(d.kurtosis, 4),
  };
}

export function optimizeJson(report: OptimizeReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function optimizeSummary(r: OptimizeReport): string {
  const m = r.out_of_sample.metrics;
  const fmt = (x: number | null, unit = '') => (x === null ? 'n/a' : `${x}${unit}`);
  const params = (p: Record<string, number> | null) =>
    p === null
      ? 'none qualified (flat)'
      : Object.entries(p)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ');
  return [
    `walk-forward ${r.walk_forward.windows} windows (in-sample ${r.walk_forward.in_sample_days} d, out-of-sample ${r.walk_forward.out_of_sample_days} d), ${r.trials} parameter sets, objective ${r.objective}, ${r.backtests} backtests`,
    `out of sample ${r.out_of_sample.from} → ${r.out_of_sample.to}: trades ${m.trades}, win rate ${fmt(m.win_rate)}, profit factor ${fmt(m.profit_factor)}, expectancy ${fmt(m.expectancy_r, ' R')}, return ${m.total_return_pct}%, max drawdown ${m.max_drawdown_pct}%, Sharpe ${fmt(m.sharpe)}`,
    `deflated Sharpe ${r.deflated_sharpe.value === null ? `n/a (${r.deflated_sharpe.reason})` : r.deflated_sharpe.value}`,
    ...r.chosen.map(
      (c) =>
        `window ${c.window} (out of sample ${c.out_of_sample.from} → ${c.out_of_sample.to}): ${params(c.params)}`,
    ),
    r.most_frequent === null
      ? 'no parameter set qualified in any window'
      : `most chosen: ${params(r.most_frequent.params)} (${r.most_frequent.times_chosen}×)`,
    r.holdout_from === null ? '' : `hold-out from ${r.holdout_from}: never read`,
    '(--json or --out FILE for everything)',
  ]
    .filter((l) => l !== '')
    .join('\n');
}
