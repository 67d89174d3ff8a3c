// SPEC §5: a documented, table-driven score, scaled to 0–10 by the points the instrument can earn
// (without volume, the volume-exhaustion point is not available, so the scale is 8, not 9).
import type { DivergenceType } from '../domain/divergence.js';
import { finite, rsiMargin } from './validator/measures.js';

export interface ScoreInputs {
  readonly type: DivergenceType;
  readonly confirmingFamilies: number;
  /** Whether RSI is among the confirming oscillators. */
  readonly rsiConfirms: boolean;
  readonly rsiAtPivot1: number;
  readonly rsiAtPivot2: number;
  readonly swingBars: number;
  readonly volumeKnown: boolean;
  readonly volumeAtPivot2: number | null;
  readonly volumeSmaAtPivot2: number;
  /** EMA200 at the confirm bar minus EMA200 20 bars earlier; NaN before it is defined. */
  readonly ema200Slope: number;
}

export interface ScoreComponent {
  readonly name: string;
  readonly points: number;
  readonly max: number;
}

export interface ScoreResult {
  /** 0–10, rounded to 4 decimals so equal inputs always give equal journal values. */
  readonly score: number;
  readonly components: readonly ScoreComponent[];
}

const FAMILY_POINTS = 1.5;
const FAMILY_MAX = 3;
const RSI_MARGIN_DIVISOR = 5;
const RSI_MARGIN_MAX = 2;
const SWING_BARS_FOR_POINT = 10;

const COMPONENTS = [
  'families',
  'rsi_margin',
  'swing_length',
  'rsi_zone',
  'volume_exhaustion',
  'trend_context',
];
const points = new Float64Array(COMPONENTS.length);
const maxima = new Float64Array(COMPONENTS.length);

// Fills `points` and `maxima` (shared scratch: the analyzer scores every candidate, so no
// allocation here) and returns the 0–10 score.
function compute(i: ScoreInputs): number {
  const margin = rsiMargin(i.type, i.rsiAtPivot1, i.rsiAtPivot2);
  const regular = i.type.startsWith('regular');
  const bullish = i.type.endsWith('bullish');
  // Regular divergences are reversals (against the trend), hidden ones continuations (with it).
  const trendPoint =
    finite(i.ema200Slope) &&
    i.ema200Slope !== 0 &&
    (bullish ? i.ema200Slope > 0 : i.ema200Slope < 0) !== regular;
  points[0] = Math.min(FAMILY_MAX, Math.max(0, i.confirmingFamilies - 1) * FAMILY_POINTS);
  maxima[0] = FAMILY_MAX;
  points[1] =
    i.rsiConfirms && finite(margin) ? Math.min(RSI_MARGIN_MAX, Math.max(0, margin / RSI_MARGIN_DIVISOR)) : 0;
  maxima[1] = RSI_MARGIN_MAX;
  points[2] = i.swingBars >= SWING_BARS_FOR_POINT ? 1 : 0;
  maxima[2] = 1;
  points[3] = finite(i.rsiAtPivot1) && (i.rsiAtPivot1 < 30 || i.rsiAtPivot1 > 70) ? 1 : 0;
  maxima[3] = 1;
  points[4] =
    i.volumeKnown &&
    i.volumeAtPivot2 !== null &&
    finite(i.volumeSmaAtPivot2) &&
    i.volumeAtPivot2 < i.volumeSmaAtPivot2
      ? 1
      : 0;
  maxima[4] = i.volumeKnown ? 1 : 0;
  points[5] = trendPoint ? 1 : 0;
  maxima[5] = 1;
  let total = 0;
  let max = 0;
  for (let k = 0; k < COMPONENTS.length; k++) {
    total += points[k]!;
    max += maxima[k]!;
  }
  return Math.round((total / max) * 10 * 1e4) / 1e4;
}

/** The score alone (the analyzer's hot path). */
export function scoreValue(i: ScoreInputs): number {
  return compute(i);
}

/** The score with its components, for the journal and the tests. */
export function scoreCandidate(i: ScoreInputs): ScoreResult {
  const score = compute(i);
  return { score, components: COMPONENTS.map((name, k) => ({ name, points: points[k]!, max: maxima[k]! })) };
}
