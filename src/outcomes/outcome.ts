// SPEC §13's outcome tracker, as a pure function: for a signal (traded or not), the close at
// +1h, +4h, +24h and +72h after it became known, and the verdict over those 72 hours under the
// same exit levels: TP2 hit, TP1 hit, SL hit, or expired. Stop first when a bar reaches both
// (as the SimulatedBroker fills), so the tracker never flatters a rejected candidate.
import type { Candle } from '../domain/candle.js';
import type { Direction } from '../domain/divergence.js';
import { HOUR_MS } from '../domain/timeframe.js';

export type OutcomeVerdict = 'tp1' | 'tp2' | 'sl' | 'expired';

export const HORIZONS = [1, 4, 24, 72] as const;

export interface OutcomeInput {
  readonly direction: Direction;
  /** When the signal became known: the confirm bar's close. */
  readonly knownAt: number;
  readonly stop: number;
  readonly tp1: number;
  readonly tp2: number;
}

export interface Outcome {
  /** Close of the last 1h bar ending at or before knownAt + h hours; null until that bar closed. */
  readonly prices: Readonly<Record<(typeof HORIZONS)[number], number | null>>;
  /** null while the 72 hours have not passed and no level was decided yet. */
  readonly verdict: OutcomeVerdict | null;
  readonly resolvedAt: number | null;
}

/** `bars`: 1h candles after knownAt, in time order; `now`: what has closed by now is all we read. */
export function evaluateOutcome(s: OutcomeInput, bars: readonly Candle[], now: number): Outcome {
  const dir = s.direction === 'long' ? 1 : -1;
  const end = s.knownAt + 72 * HOUR_MS;
  const prices = { 1: null, 4: null, 24: null, 72: null } as Record<(typeof HORIZONS)[number], number | null>;
  let best: 'tp1' | 'tp2' | null = null;
  let verdict: OutcomeVerdict | null = null;
  let resolvedAt: number | null = null;
  for (const b of bars) {
    const close = b.time + HOUR_MS;
    if (b.time < s.knownAt || close > now || close > end) continue;
    for (const h of HORIZONS) if (close <= s.knownAt + h * HOUR_MS) prices[h] = b.close;
    if (verdict !== null) continue;
    const adverse = dir > 0 ? b.low : b.high;
    const favourable = dir > 0 ? b.high : b.low;
    if ((adverse - s.stop) * dir <= 0) {
      // A stop after TP1 still leaves TP1 as the furthest level reached.
      verdict = best ?? 'sl';
      resolvedAt = close;
      continue;
    }
    if ((favourable - s.tp2) * dir >= 0) {
      verdict = 'tp2';
      resolvedAt = close;
      continue;
    }
    if ((favourable - s.tp1) * dir >= 0) best = 'tp1';
  }
  // A horizon's price is known only once that time has come (the last close before it).
  for (const h of HORIZONS) if (now < s.knownAt + h * HOUR_MS) prices[h] = null;
  if (verdict === null && now >= end) {
    verdict = best ?? 'expired';
    resolvedAt = end;
  }
  return { prices, verdict, resolvedAt };
}
