// The backtest's JSON (issue #7, SPEC §15): one plain object built once at the end from the run,
// with every array in a fixed order and every float rounded, so identical inputs give
// byte-identical output.
import { maskedConfig } from '../config/mask.js';
import { formatUtcTime } from '../market-data/csv-time.js';
import {
  type Breakdown,
  breakdownOf,
  buyAndHoldPct,
  type RandomBaseline,
  randomEntryBaseline,
} from './baselines.js';
import { type Metrics, metricsOf } from './metrics.js';
import type { Rejections } from './rejections.js';
import { type BacktestRun, counterfactualSettings } from './run-backtest.js';
import { round, type TradeRecord, tradeRecords } from './trades.js';

const DAY_HOURS = 24;

export interface EquityPoint {
  readonly time: string;
  readonly equity: number;
  readonly drawdown_pct: number;
}

export interface BacktestReport {
  readonly metrics: Metrics;
  readonly trades: Array<Omit<TradeRecord, 'entryMs' | 'exitMs'>>;
  readonly rejections: Rejections;
  /** Daily (every 24 simulated hours from the start) and the last hour. */
  readonly equity: EquityPoint[];
  readonly breakdown: Breakdown;
  readonly baselines: { readonly buy_and_hold_pct: number | null; readonly random_entry: RandomBaseline };
  readonly range: { readonly from: string; readonly to: string; readonly instruments: string[] };
  /** Every change of the trading state (breakers, and resumes played by --resume-paused). */
  readonly trading_states: Array<{
    readonly time: string;
    readonly state: string;
    readonly reason: string | null;
  }>;
  readonly config: Record<string, unknown>;
}

/** The report and the full trade records (the HTML report needs their times). */
export function buildReport(run: BacktestRun): { report: BacktestReport; trades: TradeRecord[] } {
  const c = run.config;
  const trades = tradeRecords(run.positions, run.tapes, c.BASE_CURRENCY, run.end);
  const settings = counterfactualSettings(c);
  const breakdown = breakdownOf(trades, run.tapes, run.start);
  const holds = [...run.tapes.values()].map((t) => buyAndHoldPct(t, run.start)).filter((x) => x !== null);
  const report: BacktestReport = {
    metrics: metricsOf(
      trades,
      run.equity,
      run.startingEquity,
      run.exposedHours,
      run.end - run.start + 3_600_000,
    ),
    trades: trades.map(({ entryMs: _e, exitMs: _x, ...t }) => t),
    rejections: run.rejections,
    equity: equityPoints(run),
    breakdown,
    baselines: {
      buy_and_hold_pct: holds.length > 0 ? round(holds.reduce((s, x) => s + x, 0) / holds.length) : null,
      random_entry: randomEntryBaseline(trades, run.tapes, run.start, settings),
    },
    range: {
      from: formatUtcTime(run.start - 3_600_000),
      to: formatUtcTime(run.end - 3_600_000),
      instruments: [...run.tapes.keys()].sort(),
    },
    trading_states: run.states.map((x) => ({
      time: formatUtcTime(x.time),
      state: x.state,
      reason: x.reason,
    })),
    config: maskedConfig(c),
  };
  return { report, trades };
}

function equityPoints(run: BacktestRun): EquityPoint[] {
  const out: EquityPoint[] = [];
  let peak = run.startingEquity;
  const n = run.equity.length;
  for (let h = 0; h < n; h++) {
    const e = run.equity[h]!;
    if (e > peak) peak = e;
    if (h % DAY_HOURS !== 0 && h !== n - 1) continue;
    out.push({
      time: formatUtcTime(run.start - 3_600_000 + h * 3_600_000), // the bar's open time (SPEC §16)
      equity: round(e),
      drawdown_pct: round(peak > 0 ? ((peak - e) / peak) * 100 : 0),
    });
  }
  return out;
}

/** Stable JSON text of the report (two-space indent, trailing newline). */
export function reportJson(report: BacktestReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
