// A long series as one Float64Array per field. A Candle object costs ~170 bytes in V8 (boxed
// doubles); a backtest of 36 instruments × 10 years of hours holds 3.15 M of them, so the
// simulated venue and the backtester keep series as columns (48–56 bytes a bar) and build
// Candle objects only for the bars being read.
import type { Candle } from './candle.js';

export class CandleColumns {
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  /** NaN = unknown (a Candle's null). */
  readonly volume: Float64Array;
  /** Present when any bar has a spread; NaN where a bar has none. */
  readonly spread: Float64Array | undefined;

  constructor(
    readonly length: number,
    columns?: {
      time: Float64Array;
      open: Float64Array;
      high: Float64Array;
      low: Float64Array;
      close: Float64Array;
      volume: Float64Array;
      spread?: Float64Array | undefined;
    },
  ) {
    this.time = columns?.time ?? new Float64Array(length);
    this.open = columns?.open ?? new Float64Array(length);
    this.high = columns?.high ?? new Float64Array(length);
    this.low = columns?.low ?? new Float64Array(length);
    this.close = columns?.close ?? new Float64Array(length);
    this.volume = columns?.volume ?? new Float64Array(length);
    this.spread = columns?.spread;
  }

  static fromCandles(candles: readonly Candle[]): CandleColumns {
    const n = candles.length;
    const spread = candles.some((c) => c.spread !== undefined) ? new Float64Array(n) : undefined;
    const out = new CandleColumns(n, {
      time: new Float64Array(n),
      open: new Float64Array(n),
      high: new Float64Array(n),
      low: new Float64Array(n),
      close: new Float64Array(n),
      volume: new Float64Array(n),
      spread,
    });
    for (let i = 0; i < n; i++) {
      const c = candles[i]!;
      out.time[i] = c.time;
      out.open[i] = c.open;
      out.high[i] = c.high;
      out.low[i] = c.low;
      out.close[i] = c.close;
      out.volume[i] = c.volume ?? Number.NaN;
      if (spread) spread[i] = c.spread ?? Number.NaN;
    }
    return out;
  }

  /** Bar i as a Candle (a new object each call). */
  at(i: number): Candle {
    const v = this.volume[i]!;
    const c: { -readonly [K in keyof Candle]: Candle[K] } = {
      time: this.time[i]!,
      open: this.open[i]!,
      high: this.high[i]!,
      low: this.low[i]!,
      close: this.close[i]!,
      volume: Number.isNaN(v) ? null : v,
    };
    // Added in place, not by a spread copy: this runs once per bar of a backtest.
    const spread = this.spread?.[i];
    if (spread !== undefined && !Number.isNaN(spread)) c.spread = spread;
    return c;
  }

  /** Bars from..to−1 as Candles. */
  slice(from: number, to: number): Candle[] {
    const out: Candle[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.length); i++) out.push(this.at(i));
    return out;
  }

  /** Index of the first bar with `time >= t`. */
  lowerBound(t: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.time[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first `n` bars (views, no copy). */
  head(n: number): CandleColumns {
    const k = Math.max(0, Math.min(n, this.length));
    return new CandleColumns(k, {
      time: this.time.subarray(0, k),
      open: this.open.subarray(0, k),
      high: this.high.subarray(0, k),
      low: this.low.subarray(0, k),
      close: this.close.subarray(0, k),
      volume: this.volume.subarray(0, k),
      spread: this.spread?.subarray(0, k),
    });
  }
}

/** A series as objects (files, tests) or as columns (long generated or loaded runs). */
export type SeriesCandles = readonly Candle[] | CandleColumns;

/** The candles as objects (4h series and other short ones only: this builds every object). */
export function candleArray(c: SeriesCandles): readonly Candle[] {
  return c instanceof CandleColumns ? c.slice(0, c.length) : c;
}
