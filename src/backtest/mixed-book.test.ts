// A book mixing bars at :00 (FX) with stock bars at :30 (Yahoo's NYSE hours): the hourly equity
// and exposure series must hold the :30 closes too, and stay whole when the last bar is a stock's.
import { describe, expect, it } from 'vitest';
import { randomWalkOhlcv } from '../bench/random-walk.js';
import { loadConfig } from '../config/load.js';
import type { SymbolId } from '../domain/ids.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { buildReport } from './report.js';
import { type FileSeries, runBacktest } from './run-backtest.js';

const MONDAY = Date.UTC(2024, 0, 8);

function series(symbol: string, times: number[], seed: number): FileSeries {
  const { open, high, low, close, volume } = randomWalkOhlcv(times.length, seed);
  const candles = times.map((time, i) => ({
    time,
    open: open[i]!,
    high: high[i]!,
    low: low[i]!,
    close: close[i]!,
    volume: volume[i]!,
  }));
  return { symbol: symbol as SymbolId, timeframe: '1h', candles };
}

/** Weekday bars: FX 00:00–19:00 for `fxDays`, AAPL 14:30–20:30 UTC (NYSE in winter) for `days`. */
function book(days: number, fxDays: number): FileSeries[] {
  const fx: number[] = [];
  const stock: number[] = [];
  for (let d = 0; d < days; d++) {
    const day = MONDAY + d * 24 * HOUR_MS;
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    if (d < fxDays) for (let h = 0; h < 20; h++) fx.push(day + h * HOUR_MS);
    for (let h = 14; h <= 20; h++) stock.push(day + h * HOUR_MS + HOUR_MS / 2);
  }
  return [series('EUR_USD', fx, 11), series('AAPL', stock, 12)];
}

describe('backtest of a book with bars at :00 and at :30', () => {
  it('keeps every equity and exposure hour when the last bar is a stock bar at :30', async () => {
    const run = await runBacktest({ config: loadConfig({}), series: book(120, 120) });
    const { report } = buildReport(run);
    expect(run.equity.every((e) => Number.isFinite(e))).toBe(true);
    expect(Number.isFinite(report.metrics.exposure_pct)).toBe(true);
    // The last slot is the whole hour after the last close (Friday 21:00 UTC).
    expect(run.start + (run.equity.length - 1) * HOUR_MS).toBeGreaterThanOrEqual(run.end);
    expect(run.start + (run.equity.length - 2) * HOUR_MS).toBeLessThan(run.end);
  }, 60_000);

  it('samples the equity at the :30 closes: after the :00 bars end, the stock trades still move it', async () => {
    const run = await runBacktest({ config: loadConfig({}), series: book(400, 3) });
    const { report } = buildReport(run);
    const closed = report.trades.filter((t) => !t.open_at_end);
    expect(closed.length).toBeGreaterThan(0);
    // Every trade here exits after the FX bars ended, so only :30 samples can show its result.
    const fxEnd = MONDAY + 3 * 24 * HOUR_MS;
    expect(report.trades.every((t) => Date.parse(t.entry_time) > fxEnd)).toBe(true);
    const final = run.equity[run.equity.length - 1]!;
    expect(final).not.toBe(run.startingEquity);
    expect(report.metrics.exposure_pct).toBeGreaterThan(0);
  }, 60_000);
});
