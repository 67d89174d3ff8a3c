// The simulated venue's market data: loaded series (what fetchCandles serves, closed bars only)
// and the bars fed through onBar (what prices the venue's quotes and fills).
import type { Candle } from '../../domain/candle.js';
import type { SymbolId } from '../../domain/ids.js';
import { HOUR_MS, type Timeframe, timeframeMs } from '../../domain/timeframe.js';

const key = (symbol: string, timeframe: Timeframe) => `${symbol}|${timeframe}`;

/** Index of the first candle with `time >= t` (candles sorted by time). */
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

export class MarketData {
  readonly #series = new Map<string, Candle[]>();
  readonly #lastBar = new Map<string, Candle>();
  /** The 1h series by symbol, in load order (what `unfed` walks every simulated hour). */
  readonly #hourly = new Map<SymbolId, Candle[]>();

  /** Replaces a series; candles are sorted by open time and duplicates rejected. */
  load(symbol: SymbolId, timeframe: Timeframe, candles: readonly Candle[]): void {
    const sorted = [...candles].sort((a, b) => a.time - b.time);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.time === sorted[i - 1]!.time) {
        throw new RangeError(
          `${symbol} ${timeframe}: two candles at ${new Date(sorted[i]!.time).toISOString()}`,
        );
      }
    }
    this.#series.set(key(symbol, timeframe), sorted);
    if (timeframe === '1h') this.#hourly.set(symbol, sorted);
  }

  /** Closed candles only (open time + timeframe ≤ now), from `since` inclusive. */
  closed(symbol: SymbolId, timeframe: Timeframe, now: number, since?: number): Candle[] {
    const all = this.#series.get(key(symbol, timeframe)) ?? [];
    const from = since === undefined ? 0 : lowerBound(all, since);
    const to = lowerBound(all, now - timeframeMs[timeframe] + 1);
    return from < to ? all.slice(from, to) : [];
  }

  /**
   * Records a bar fed to the simulation. Bars must come in time order per symbol; a bar the
   * 1h series lacks is added to it, so a driven market is also what fetchCandles returns.
   */
  feed(symbol: SymbolId, bar: Candle): void {
    const last = this.#lastBar.get(symbol);
    if (last !== undefined && bar.time <= last.time) {
      throw new RangeError(
        `${symbol}: bar at ${new Date(bar.time).toISOString()} is not after the last one at ${new Date(last.time).toISOString()}`,
      );
    }
    this.#lastBar.set(symbol, bar);
    const k = key(symbol, '1h');
    const series = this.#series.get(k) ?? [];
    const at = lowerBound(series, bar.time);
    if (series[at]?.time !== bar.time) series.splice(at, 0, bar);
    this.#series.set(k, series);
    this.#hourly.set(symbol, series);
  }

  /** The bar that prices quotes: the last one fed, else the latest loaded 1h bar closed by now. */
  lastBar(symbol: SymbolId, now: number): Candle | undefined {
    return this.#lastBar.get(symbol) ?? this.closed(symbol, '1h', now).at(-1);
  }

  /** Loaded 1h bars closed by `now` and not fed yet, across symbols, in time order. */
  unfed(now: number): { symbol: SymbolId; bar: Candle }[] {
    const out: { symbol: SymbolId; bar: Candle }[] = [];
    for (const [symbol, series] of this.#hourly) {
      const after = this.#lastBar.get(symbol)?.time ?? Number.NEGATIVE_INFINITY;
      // No slice of the rest of the series: a backtest calls this every simulated hour.
      for (let i = lowerBound(series, after + 1); i < series.length; i++) {
        const bar = series[i]!;
        if (bar.time + HOUR_MS > now) break;
        out.push({ symbol, bar });
      }
    }
    // Stable sort keeps the symbols' load order within one hour: replays are deterministic.
    return out.sort((a, b) => a.bar.time - b.bar.time);
  }
}
