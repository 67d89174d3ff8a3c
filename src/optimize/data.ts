// The candles every optimiser backtest reads: cut at the hold-out before anything runs, sliced to
// one span plus its warm-up per task, and fingerprinted so a remote worker can prove it holds the
// very same candles as the run that sent the job.
import { createHash } from 'node:crypto';
import type { FileSeries } from '../backtest/run-backtest.js';
import type { Candle } from '../domain/candle.js';
import { DAY_MS, type Span, WARMUP_DAYS } from './windows.js';

/** First index with `time >= t` in a sorted series. */
function lowerBound(candles: readonly Candle[], t: number): number {
  let lo = 0;
  let hi = candles.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (candles[mid]!.time < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `--holdout-from T`: every bar opening at or after T is dropped right after loading. No window,
 * no warm-up and no fingerprint ever sees it.
 */
export function cutHoldout(series: readonly FileSeries[], holdoutFrom: number | undefined): FileSeries[] {
  if (holdoutFrom === undefined) return [...series];
  return series.map((s) => ({ ...s, candles: s.candles.slice(0, lowerBound(s.candles, holdoutFrom)) }));
}

/** The bars one backtest of `span` reads: its warm-up and the span itself (nothing after it). */
export function sliceForSpan(series: readonly FileSeries[], span: Span): FileSeries[] {
  const from = span.from - WARMUP_DAYS * DAY_MS;
  return series
    .map((s) => ({
      ...s,
      candles: s.candles.slice(lowerBound(s.candles, from), lowerBound(s.candles, span.to)),
    }))
    .filter((s) => s.candles.length > 0);
}

/** Open time of the first and last 1h bar over every instrument. */
export function hourlyBounds(
  series: readonly FileSeries[],
): { firstBar: number; lastBar: number } | undefined {
  const hourly = series.filter((s) => s.timeframe === '1h' && s.candles.length > 0);
  if (hourly.length === 0) return undefined;
  return {
    firstBar: Math.min(...hourly.map((s) => s.candles[0]!.time)),
    lastBar: Math.max(...hourly.map((s) => s.candles.at(-1)!.time)),
  };
}

/** SHA-256 over every series (in a fixed order) and every value of every bar. */
export function fingerprint(series: readonly FileSeries[]): string {
  const hash = createHash('sha256');
  const sorted = [...series].sort((a, b) =>
    a.symbol === b.symbol ? (a.timeframe < b.timeframe ? -1 : 1) : a.symbol < b.symbol ? -1 : 1,
  );
  const row = new Float64Array(7);
  for (const s of sorted) {
    hash.update(`${s.symbol}|${s.timeframe}|${s.candles.length}\n`);
    for (const c of s.candles) {
      row[0] = c.time;
      row[1] = c.open;
      row[2] = c.high;
      row[3] = c.low;
      row[4] = c.close;
      row[5] = c.volume ?? Number.NaN;
      row[6] = c.spread ?? Number.NaN;
      hash.update(new Uint8Array(row.buffer));
    }
  }
  return hash.digest('hex');
}
