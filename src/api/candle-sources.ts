// Where a chart's candles come from: the demo's bundled series (in memory), or the candle cache.
// Only bars closed by the instance's clock are given, so the demo never charts its own future.

import type { Candle } from '../domain/candle.js';
import { CandleColumns, type SeriesCandles } from '../domain/candle-columns.js';
import { type Timeframe, timeframeMs } from '../domain/timeframe.js';
import { loadCandles, type Session } from '../store/index.js';
import type { CandleSource } from './queries/chart.js';

interface Series {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly candles: SeriesCandles;
}

export function seriesCandleSource(series: readonly Series[], now: () => number): CandleSource {
  return async (symbol, timeframe, from, to) => {
    const s = series.find((x) => x.symbol === symbol && x.timeframe === timeframe);
    if (s === undefined) return [];
    const last = Math.min(to, now() - timeframeMs[timeframe]);
    return window(s.candles, from, last);
  };
}

export function storeCandleSource(store: Session, now: () => number): CandleSource {
  return (symbol, timeframe, from, to) =>
    loadCandles(store, symbol, timeframe, { from, to: Math.min(to, now() - timeframeMs[timeframe]) });
}

function window(c: SeriesCandles, from: number, to: number): Candle[] {
  const n = c instanceof CandleColumns ? c.length : c.length;
  const timeAt = (i: number) => (c instanceof CandleColumns ? c.time[i]! : c[i]!.time);
  const lowerBound = (t: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (timeAt(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const start = lowerBound(from);
  const end = lowerBound(to + 1);
  if (end <= start) return [];
  if (!(c instanceof CandleColumns)) return c.slice(start, end);
  const out: Candle[] = [];
  for (let i = start; i < end; i++)
    out.push({
      time: c.time[i]!,
      open: c.open[i]!,
      high: c.high[i]!,
      low: c.low[i]!,
      close: c.close[i]!,
      volume: Number.isNaN(c.volume[i]!) ? null : c.volume[i]!,
    });
  return out;
}
