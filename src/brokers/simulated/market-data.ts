// The simulated venue's market data: loaded series (what fetchCandles serves, closed bars only)
// and the bars fed through onBar (what prices the venue's quotes and fills). Loaded series are
// kept as columns (a backtest loads millions of bars; see CandleColumns); a series that bars are
// inserted into by onBar (a driven market in tests) becomes a plain array.
import type { Candle } from '../../domain/candle.js';
import { CandleColumns } from '../../domain/candle-columns.js';
import type { SymbolId } from '../../domain/ids.js';
import { HOUR_MS, type Timeframe, timeframeMs } from '../../domain/timeframe.js';

const key = (symbol: string, timeframe: Timeframe) => `${symbol}|${timeframe}`;

type Stored = CandleColumns | Candle[];

/** Index of the first candle with `time >= t` (candles sorted by time). */
function lowerBound(s: Stored, t: number): number {
  if (s instanceof CandleColumns) return s.lowerBound(t);
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid]!.time < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const timeAt = (s: Stored, i: number) => (s instanceof CandleColumns ? s.time[i]! : s[i]!.time);
const barAt = (s: Stored, i: number) => (s instanceof CandleColumns ? s.at(i) : s[i]!);
const sliceOf = (s: Stored, from: number, to: number) =>
  s instanceof CandleColumns ? s.slice(from, to) : s.slice(from, to);

export class MarketData {
  readonly #series = new Map<string, Stored>();
  readonly #lastBar = new Map<string, Candle>();
  /** The 1h series by symbol, in load order (what `unfed` walks every simulated hour). */
  readonly #hourly = new Map<SymbolId, Stored>();

  /** Replaces a series; candles are sorted by open time and duplicates rejected. */
  load(symbol: SymbolId, timeframe: Timeframe, candles: readonly Candle[] | CandleColumns): void {
    let stored: CandleColumns;
    if (candles instanceof CandleColumns) {
      for (let i = 1; i < candles.length; i++) {
        if (!(candles.time[i]! > candles.time[i - 1]!)) {
          throw new RangeError(
            `${symbol} ${timeframe}: candles not in time order or duplicated at ${new Date(candles.time[i]!).toISOString()}`,
          );
        }
      }
      stored = candles;
    } else {
      const sorted = [...candles].sort((a, b) => a.time - b.time);
      for (let i = 1; i < sorted.length; i++) {
        if (sorted[i]!.time === sorted[i - 1]!.time) {
          throw new RangeError(
            `${symbol} ${timeframe}: two candles at ${new Date(sorted[i]!.time).toISOString()}`,
          );
        }
      }
      stored = CandleColumns.fromCandles(sorted);
    }
    this.#series.set(key(symbol, timeframe), stored);
    if (timeframe === '1h') this.#hourly.set(symbol, stored);
  }

  /** Closed candles only (open time + timeframe ≤ now), from `since` inclusive. */
  closed(symbol: SymbolId, timeframe: Timeframe, now: number, since?: number): Candle[] {
    const all = this.#series.get(key(symbol, timeframe));
    if (all === undefined) return [];
    const from = since === undefined ? 0 : lowerBound(all, since);
    const to = lowerBound(all, now - timeframeMs[timeframe] + 1);
    return from < to ? sliceOf(all, from, to) : [];
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
    const stored = this.#series.get(k);
    const at = stored === undefined ? 0 : lowerBound(stored, bar.time);
    if (stored !== undefined && at < stored.length && timeAt(stored, at) === bar.time) return;
    // Rare (driven markets): the series becomes an array that takes the new bar.
    const series =
      stored === undefined ? [] : stored instanceof CandleColumns ? stored.slice(0, stored.length) : stored;
    series.splice(at, 0, bar);
    this.#series.set(k, series);
    this.#hourly.set(symbol, series);
  }

  /** The bar that prices quotes: the last one fed, else the latest loaded 1h bar closed by now. */
  lastBar(symbol: SymbolId, now: number): Candle | undefined {
    const fed = this.#lastBar.get(symbol);
    if (fed !== undefined) return fed;
    const all = this.#hourly.get(symbol);
    if (all === undefined) return undefined;
    const to = lowerBound(all, now - HOUR_MS + 1);
    return to > 0 ? barAt(all, to - 1) : undefined;
  }

  /**
   * Loaded 1h bars closed by `now` and not fed yet, across symbols, in time order. A symbol for
   * which `idle` says nothing is working at the venue moves straight to its last such bar (it
   * prices later quotes; nothing else happens on its bars), without listing them; `skipped`
   * counts those bars.
   */
  unfed(
    now: number,
    idle?: (symbol: SymbolId) => boolean,
  ): { due: { symbol: SymbolId; bar: Candle }[]; skipped: number } {
    const out: { symbol: SymbolId; bar: Candle }[] = [];
    let skipped = 0;
    for (const [symbol, series] of this.#hourly) {
      const after = this.#lastBar.get(symbol)?.time ?? Number.NEGATIVE_INFINITY;
      // No slice of the rest of the series: a backtest calls this every simulated hour.
      const from = lowerBound(series, after + 1);
      if (idle?.(symbol)) {
        const to = lowerBound(series, now - HOUR_MS + 1);
        if (to > from) {
          this.#lastBar.set(symbol, barAt(series, to - 1));
          skipped += to - from;
        }
        continue;
      }
      for (let i = from; i < series.length; i++) {
        if (timeAt(series, i) + HOUR_MS > now) break;
        out.push({ symbol, bar: barAt(series, i) });
      }
    }
    // Stable sort keeps the symbols' load order within one hour: replays are deterministic.
    return { due: out.sort((a, b) => a.bar.time - b.bar.time), skipped };
  }
}
