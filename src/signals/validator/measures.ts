// Quantities that rules and the score share, so both read them identically.
import type { DivergenceType } from '../../domain/divergence.js';
import type { RuleInputs } from './rule-inputs.js';

/** +1 for longs, −1 for shorts: prices measured in the trade's favour. */
export const sideSign = (i: Pick<RuleInputs, 'direction'>): number => (i.direction === 'short' ? -1 : 1);

/**
 * Rule 11's RSI margin (windowed RSI at the pivots): regular bullish and hidden bearish diverge
 * with RSI(c2) > RSI(c1); hidden bullish and regular bearish with RSI(c1) > RSI(c2).
 */
export function rsiMargin(type: DivergenceType, rsi1: number, rsi2: number): number {
  return type === 'regular_bullish' || type === 'hidden_bearish' ? rsi2 - rsi1 : rsi1 - rsi2;
}

/** Rule 4: blended reward over risk, both signed for direction, risk including round-trip costs. */
export function blendedRewardRisk(i: RuleInputs, tp1ClosePct: number): number {
  const s = sideSign(i);
  const reward = tp1ClosePct * (i.tp1 - i.entry) * s + (1 - tp1ClosePct) * (i.tp2 - i.entry) * s;
  const risk = (i.entry - i.stop) * s + i.roundTripCost;
  return risk > 0 ? reward / risk : Number.NaN;
}

export const finite = (x: number | null | undefined): x is number =>
  typeof x === 'number' && Number.isFinite(x);
