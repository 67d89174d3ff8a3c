// What every venue's candles must satisfy before they reach the candle cache: finite prices
// above zero, a high and a low that bound the open and the close, a volume that is unknown or
// ≥ 0. A venue answering otherwise (a NaN, a swapped high and low) answers junk; each adapter
// turns the problem into its own typed error naming venue and endpoint.
import type { Candle } from '../domain/candle.js';

/** The first problem of `c`, as a short sentence naming the bar and the field; undefined when sound. */
export function candleProblem(c: Candle): string | undefined {
  const at = Number.isFinite(c.time) ? new Date(c.time).toISOString().replace('.000Z', 'Z') : String(c.time);
  for (const field of ['open', 'high', 'low', 'close'] as const) {
    const v = c[field];
    if (!Number.isFinite(v) || v <= 0) return `candle ${at}: ${field} is not a price > 0 (${v})`;
  }
  if (c.high < Math.max(c.open, c.close, c.low))
    return `candle ${at}: high ${c.high} is below its open/close/low`;
  if (c.low > Math.min(c.open, c.close)) return `candle ${at}: low ${c.low} is above its open/close`;
  if (c.volume !== null && !(Number.isFinite(c.volume) && c.volume >= 0))
    return `candle ${at}: volume is not a number ≥ 0 (${c.volume})`;
  return undefined;
}

/** The first problem among `candles`, or undefined. */
export function pageProblem(candles: readonly Candle[]): string | undefined {
  for (const c of candles) {
    const problem = candleProblem(c);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
