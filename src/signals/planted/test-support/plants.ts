// The four plant shapes as legs (log moves in units of the bar half-range h), drawn in bullish
// orientation; a bearish plant is the same legs with every move negated (the mirror image).
// What makes RSI diverge is the *speed* of the leg into each pivot relative to the leg before it.
import type { DivergenceType } from '../../../domain/divergence.js';
import { integer, type Rng, uniform } from '../../../domain/prng.js';
import type { Leg } from './bars.js';

export interface PlantShape {
  readonly legs: readonly Leg[];
  /** Indices into `legs` of the legs whose last bar is c1, respectively c2. */
  readonly c1Leg: number;
  readonly c2Leg: number;
}

/**
 * Bars from the plant's start to c1: more than DIV_MAX_BARS (60), so no swing of the quiet segment
 * before the plant can pair with c1 or c2 (the run-in leg into c1 has no swing of c1's kind).
 */
export const RUN_IN_BARS = 62;

const leg = (bars: number, stepInH: number, h: number): Leg => ({ bars, move: bars * stepInH * h });

/**
 * Regular bullish: a downtrend ends in a steep drop to c1 (RSI deeply oversold), a rebound, then a
 * slow grind to a lower low c2 whose gentle losses leave RSI well above its c1 value.
 */
function regular(rng: Rng, h: number): PlantShape {
  const drop = integer(rng, 6, 9);
  const runIn = leg(RUN_IN_BARS - drop + integer(rng, 0, 8), -uniform(rng, 0.25, 0.4), h);
  const steep = leg(drop, -uniform(rng, 1.3, 2.0), h);
  const rebound = leg(integer(rng, 7, 11), uniform(rng, 0.7, 1.0), h);
  const grindBars = integer(rng, 22, 34);
  // Below c1 by 1.5..4 h: a clear lower low, yet a slow one.
  const grind: Leg = { bars: grindBars, move: -(rebound.move + uniform(rng, 1.5, 4) * h) };
  const exit = leg(integer(rng, 10, 16), uniform(rng, 0.8, 1.2), h);
  return { legs: [runIn, steep, rebound, grind, exit], c1Leg: 1, c2Leg: 3 };
}

/**
 * Hidden bullish: an uptrend's gentle pullback to c1 (RSI stays mid-range), a long rally, then a
 * sharp drop to c2 that stays above c1 but, being fast, pushes RSI below its c1 value.
 */
function hidden(rng: Rng, h: number): PlantShape {
  const pullbackBars = integer(rng, 6, 9);
  const runIn = leg(RUN_IN_BARS - pullbackBars + integer(rng, 0, 8), uniform(rng, 0.3, 0.45), h);
  const pullback = leg(pullbackBars, -uniform(rng, 0.2, 0.35), h);
  const rally = leg(integer(rng, 14, 20), uniform(rng, 0.8, 1.1), h);
  // Gives back all of the rally but 1.5..4 h: a higher low than c1, reached fast.
  const sharp: Leg = { bars: integer(rng, 8, 11), move: -(rally.move - uniform(rng, 1.5, 4) * h) };
  const exit = leg(integer(rng, 10, 16), uniform(rng, 0.8, 1.2), h);
  return { legs: [runIn, pullback, rally, sharp, exit], c1Leg: 1, c2Leg: 3 };
}

export function plantShape(type: DivergenceType, rng: Rng, h: number): PlantShape {
  const shape = type.startsWith('regular') ? regular(rng, h) : hidden(rng, h);
  if (type.endsWith('bullish')) return shape;
  return { ...shape, legs: shape.legs.map((l) => ({ bars: l.bars, move: -l.move })) };
}
