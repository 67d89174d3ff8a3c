import type { Oscillator } from '../../domain/indicator-values.js';

/** SPEC §4's oscillator list, in the order candidates list them (RSI first: index 0). */
export const DIVERGENCE_OSCILLATORS: readonly Oscillator[] = [
  'rsi',
  'macd_hist',
  'macd',
  'stoch_k',
  'mfi',
  'cci',
  'willr',
];

export const DIVERGENCE_OSCILLATOR_COUNT = 7;
/** Index of macd_hist, for DIV_MACD_SAME_SIDE. */
export const MACD_HIST = 1;
