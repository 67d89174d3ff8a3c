import type { RuleInputs } from './rule-inputs.js';

/**
 * A long that passes every rule at the default thresholds: entry 100, stop 98 (risk 2), TP1 104,
 * TP2 106 (blended R 2.5), RSI 25 → 32 at the pivots. The base of the rule tests and the
 * validator benchmark.
 */
export const SAMPLE_RULE_INPUTS: RuleInputs = Object.freeze({
  type: 'regular_bullish',
  direction: 'long',
  timeframe: '1h',
  isCrypto: true,
  entry: 100,
  stop: 98,
  tp1: 104,
  tp2: 106,
  atr: 1,
  swingBars: 12,
  roundTripCost: 0,
  rsiAtConfirm: 45,
  rsiAtPivot1: 25,
  rsiAtPivot2: 32,
  adxAtConfirm: 25,
  bandwidthAtConfirm: 0.05,
  bandwidthThreshold: 0.03,
  confirmingFamilies: 2,
  volumeAtConfirm: 100,
  volumeSmaAtConfirm: 120,
  volumeAtPivot2: 80,
  volumeSmaAtPivot2: 120,
  candlePattern: false,
});
