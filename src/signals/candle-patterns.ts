// Rule 14's reversal patterns at c2 or the bar after: engulfing and pin bars (hammer / shooting
// star), defined on OHLC alone so they work on every venue.
import type { Direction } from '../domain/divergence.js';

export interface Ohlc {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/** Bullish (long) or bearish (short) engulfing: `bar` is the later candle, `prev` the one before. */
export function isEngulfing(prev: Ohlc, bar: Ohlc, direction: Direction): boolean {
  const prevBody = Math.abs(prev.close - prev.open);
  const body = Math.abs(bar.close - bar.open);
  if (body === 0 || body <= prevBody) return false;
  return direction === 'long'
    ? prev.close < prev.open && bar.close > bar.open && bar.open <= prev.close && bar.close >= prev.open
    : prev.close > prev.open && bar.close < bar.open && bar.open >= prev.close && bar.close <= prev.open;
}

/** A hammer (long) or shooting star (short): a wick at least twice the body on the rejection side. */
export function isPinBar(bar: Ohlc, direction: Direction): boolean {
  const range = bar.high - bar.low;
  if (range <= 0) return false;
  const body = Math.abs(bar.close - bar.open);
  const upper = bar.high - Math.max(bar.open, bar.close);
  const lower = Math.min(bar.open, bar.close) - bar.low;
  return direction === 'long'
    ? lower >= 2 * body && lower >= 0.6 * range && upper <= 0.25 * range
    : upper >= 2 * body && upper >= 0.6 * range && lower <= 0.25 * range;
}

export function isReversalBar(prev: Ohlc | undefined, bar: Ohlc, direction: Direction): boolean {
  return isPinBar(bar, direction) || (prev !== undefined && isEngulfing(prev, bar, direction));
}

/**
 * Rule 14 on raw OHLC rings (bar i at ring[i & mask]): a reversal bar at `c` (against c−1) or at
 * c+1 (against c). Reads the rings directly: it runs for every candidate.
 */
export function reversalNear(
  rings: { open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array },
  mask: number,
  c: number,
  last: number,
  direction: Direction,
): boolean {
  const at = (i: number): Ohlc => ({
    open: rings.open[i & mask]!,
    high: rings.high[i & mask]!,
    low: rings.low[i & mask]!,
    close: rings.close[i & mask]!,
  });
  const bar = at(c);
  if (isReversalBar(c > 0 ? at(c - 1) : undefined, bar, direction)) return true;
  return c + 1 <= last && isReversalBar(bar, at(c + 1), direction);
}
