import type { SymbolId } from './ids.js';
import type { Oscillator } from './indicator-values.js';
import type { Timeframe } from './timeframe.js';
import type { Verdict } from './verdict.js';

export const DivergenceTypes = [
  'regular_bullish',
  'hidden_bullish',
  'regular_bearish',
  'hidden_bearish',
] as const;
export type DivergenceType = (typeof DivergenceTypes)[number];

export const Directions = ['long', 'short'] as const;
export type Direction = (typeof Directions)[number];

export function directionOf(type: DivergenceType): Direction {
  return type.endsWith('bullish') ? 'long' : 'short';
}

export interface PivotRef {
  readonly index: number;
  readonly time: number;
  readonly price: number;
}

export interface OscillatorReading {
  readonly name: Oscillator;
  /** The windowed value O(c1) and O(c2) of SPEC §4. */
  readonly value1: number;
  readonly value2: number;
}

/** A divergence candidate, known at the confirm bar of its second pivot (SPEC §4). */
export interface Candidate {
  readonly symbol: SymbolId | undefined;
  readonly timeframe: Timeframe | undefined;
  readonly type: DivergenceType;
  readonly direction: Direction;
  readonly oscillators: readonly OscillatorReading[];
  readonly pivot1: PivotRef;
  readonly pivot2: PivotRef;
  /** The confirm bar of pivot2: the first bar at which the candidate may be used. */
  readonly knownAt: { readonly index: number; readonly time: number };
  readonly entry: number;
  readonly stop: number;
  readonly tp1: number;
  readonly tp2: number;
  readonly atr: number;
}

/** Why a candidate was not accepted (SPEC §7): the score gate, a rule number, or the LLM. */
export type RejectedBy = 'score' | number | 'llm_veto' | 'llm_error' | null;

/** A candidate after scoring, validation and (optionally) LLM review. */
export interface EvaluatedCandidate extends Candidate {
  readonly score: number;
  /** Claude's confidence in LLM modes; null with LLM_MODE=off. */
  readonly confidence: number | null;
  readonly verdicts: readonly Verdict[];
  readonly rejectedBy: RejectedBy;
  readonly accepted: boolean;
}
