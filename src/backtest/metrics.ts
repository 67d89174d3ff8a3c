// SPEC §15's headline figures. Trade figures leave `open_at_end` trades out; return, drawdown and
// the ratios come from the account's equity (marked to market every hour). Sharpe and Sortino use
// daily returns annualised with √365 (the book mixes 24/7 crypto with weekday markets), and are
// not shown below 30 trades: with fewer they say nothing.
import { round, type TradeRecord } from './trades.js';

export const MIN_TRADES_FOR_SHARPE = 30;
const HOURS_PER_DAY = 24;
const YEAR_MS = 365.25 * 86_400_000;

export interface Metrics {
  readonly trades: number;
  readonly win_rate: number | null;
  readonly profit_factor: number | null;
  readonly expectancy_r: number | null;
  readonly total_return_pct: number;
  readonly cagr_pct: number | null;
  readonly max_drawdown_pct: number;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly exposure_pct: number;
  readonly open_at_end: number;
}

/** Figures of a set of closed trades (per instrument, year, asset class). */
export interface TradeFigures {
  readonly trades: number;
  readonly win_rate: number | null;
  readonly profit_factor: number | null;
  readonly expectancy_r: number | null;
  readonly pnl: number;
}

export function tradeFigures(trades: readonly TradeRecord[]): TradeFigures {
  const closed = trades.filter((t) => !t.open_at_end);
  let wins = 0;
  let won = 0;
  let lost = 0;
  let pnl = 0;
  let rSum = 0;
  let rCount = 0;
  for (const t of closed) {
    pnl += t.pnl;
    if (t.pnl > 0) {
      wins++;
      won += t.pnl;
    } else lost -= t.pnl;
    if (t.r_multiple !== null) {
      rSum += t.r_multiple;
      rCount++;
    }
  }
  const n = closed.length;
  return {
    trades: n,
    win_rate: n > 0 ? round(wins / n, 4) : null,
    profit_factor: lost > 0 ? round(won / lost, 4) : null,
    expectancy_r: rCount > 0 ? round(rSum / rCount, 4) : null,
    pnl: round(pnl),
  };
}

export function metricsOf(
  trades: readonly TradeRecord[],
  equity: Float64Array,
  startingEquity: number,
  exposedHours: number,
  spanMs: number,
): Metrics {
  const f = tradeFigures(trades);
  const last = equity.length > 0 ? equity[equity.length - 1]! : startingEquity;
  const totalReturn = last / startingEquity - 1;
  const years = spanMs / YEAR_MS;
  const daily = dailyReturns(equity, startingEquity);
  const enough = f.trades >= MIN_TRADES_FOR_SHARPE;
  return {
    trades: f.trades,
    win_rate: f.win_rate,
    profit_factor: f.profit_factor,
    expectancy_r: f.expectancy_r,
    total_return_pct: round(totalReturn * 100),
    cagr_pct: years > 0 && last > 0 ? round(((last / startingEquity) ** (1 / years) - 1) * 100) : null,
    max_drawdown_pct: round(maxDrawdown(equity, startingEquity) * 100),
    sharpe: enough ? ratio(daily, false) : null,
    sortino: enough ? ratio(daily, true) : null,
    exposure_pct: equity.length > 0 ? round((exposedHours / equity.length) * 100) : 0,
    open_at_end: trades.length - f.trades,
  };
}

/** Largest peak-to-trough fall of the equity, as a fraction of the peak. */
export function maxDrawdown(equity: ArrayLike<number>, startingEquity: number): number {
  let peak = startingEquity;
  let worst = 0;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    if (e > peak) peak = e;
    else if (peak > 0 && (peak - e) / peak > worst) worst = (peak - e) / peak;
  }
  return worst;
}

function dailyReturns(equity: Float64Array, startingEquity: number): number[] {
  const out: number[] = [];
  let prev = startingEquity;
  for (let i = HOURS_PER_DAY - 1; i < equity.length; i += HOURS_PER_DAY) {
    out.push(prev > 0 ? equity[i]! / prev - 1 : 0);
    prev = equity[i]!;
  }
  return out;
}

/** Annualised mean over deviation; Sortino counts only the downside. */
function ratio(returns: readonly number[], downsideOnly: boolean): number | null {
  if (returns.length < 2) return null;
  const mean = returns.reduce((s, r) => s + r, 0) / returns.length;
  let sq = 0;
  for (const r of returns) {
    const d = downsideOnly ? Math.min(0, r) : r - mean;
    sq += d * d;
  }
  const dev = Math.sqrt(sq / (returns.length - 1));
  return dev > 0 ? round((mean / dev) * Math.sqrt(365), 4) : null;
}
