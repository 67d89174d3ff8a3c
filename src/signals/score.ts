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

export function scoreCandidate(i: ScoreInputs): ScoreResult {
  const margin = rsiMargin(i.type, i.rsiAtPivot1, i.rsiAtPivot2);
  const regular = i.type.startsWith('regular');
  const bullish = i.type.endsWith('bullish');
  // Regular divergences are reversals (against the trend), hidden ones continuations (with it).
  const trendPoint =
    finite(i.ema200Slope) &&
    i.ema200Slope !== 0 &&
    (bullish ? i.ema200Slope > 0 : i.ema200Slope < 0) !== regular;
  const components: ScoreComponent[] = [
    {
      name: 'families',
      points: Math.min(FAMILY_MAX, Math.max(0, i.confirmingFamilies - 1) * FAMILY_POINTS),
      max: FAMILY_MAX,
    },
    {
      name: 'rsi_margin',
      points:
        i.rsiConfirms && finite(margin)
          ? Math.min(RSI_MARGIN_MAX, Math.max(0, margin / RSI_MARGIN_DIVISOR))
          : 0,
      max: RSI_MARGIN_MAX,
    },
    { name: 'swing_length', points: i.swingBars >= SWING_BARS_FOR_POINT ? 1 : 0, max: 1 },
    {
      name: 'rsi_zone',
      points: finite(i.rsiAtPivot1) && (i.rsiAtPivot1 < 30 || i.rsiAtPivot1 > 70) ? 1 : 0,
      max: 1,
    },
    {
      name: 'volume_exhaustion',
      points:
        i.volumeKnown &&
        i.volumeAtPivot2 !== null &&
        finite(i.volumeSmaAtPivot2) &&
        i.volumeAtPivot2 < i.volumeSmaAtPivot2
          ? 1
          : 0,
      max: i.volumeKnown ? 1 : 0,
    },
    { name: 'trend_context', points: trendPoint ? 1 : 0, max: 1 },
  ];
  let points = 0;
  let max = 0;
  for (const c of components) {
    points += c.points;
    max += c.max;
  }
  return { score: Math.round((points / max) * 10 * 1e4) / 1e4, components };
}
