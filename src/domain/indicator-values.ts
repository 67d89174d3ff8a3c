/**
 * The indicator values of one bar. NaN means "not defined yet" (before a series' first value, or
 * MFI/volume SMA where volume is unknown); output layers turn NaN into null.
 */
export interface IndicatorValues {
  rsi: number;
  macd: number;
  macd_signal: number;
  macd_hist: number;
  stoch_k: number;
  stoch_d: number;
  mfi: number;
  cci: number;
  willr: number;
  atr: number;
  ema50: number;
  ema200: number;
  bb_upper: number;
  bb_middle: number;
  bb_lower: number;
  bb_bandwidth: number;
  adx: number;
  plus_di: number;
  minus_di: number;
  volume_sma: number;
}

export const IndicatorFields = [
  'rsi',
  'macd',
  'macd_signal',
  'macd_hist',
  'stoch_k',
  'stoch_d',
  'mfi',
  'cci',
  'willr',
  'atr',
  'ema50',
  'ema200',
  'bb_upper',
  'bb_middle',
  'bb_lower',
  'bb_bandwidth',
  'adx',
  'plus_di',
  'minus_di',
  'volume_sma',
] as const satisfies readonly (keyof IndicatorValues)[];
export type IndicatorField = (typeof IndicatorFields)[number];

/** The oscillators divergences are read on (SPEC §4). */
export const Oscillators = ['rsi', 'macd_hist', 'macd', 'stoch_k', 'mfi', 'cci', 'willr'] as const;
export type Oscillator = (typeof Oscillators)[number];

/** Oscillators of one family move together; rule 9 and the score count families (SPEC §5). */
export const OscillatorFamily = Object.freeze({
  rsi: 'momentum',
  cci: 'momentum',
  stoch_k: 'stochastic',
  willr: 'stochastic',
  macd: 'trend',
  macd_hist: 'trend',
  mfi: 'volume',
} as const satisfies Record<Oscillator, string>);
export type OscillatorFamilyName = (typeof OscillatorFamily)[Oscillator];

export const OscillatorFamilies = ['momentum', 'stochastic', 'trend', 'volume'] as const;

/** Each oscillator's family as one bit, so a candidate's families are counted without a Set. */
export const OscillatorFamilyBit: Readonly<Record<Oscillator, number>> = Object.freeze(
  Object.fromEntries(
    Oscillators.map((o) => [o, 1 << OscillatorFamilies.indexOf(OscillatorFamily[o])]),
  ) as Record<Oscillator, number>,
);
