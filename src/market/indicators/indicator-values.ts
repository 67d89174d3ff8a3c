import type { IndicatorValues } from '../../domain/indicator-values.js';

/**
 * The values object IndicatorSet reuses, a class rather than an object literal on purpose: V8
 * shares one hidden class among literals with the same keys in the same order (IndicatorHistory's
 * columns, a `{ ...values }` copy with nulls for output), and a non-double stored through any of
 * them would turn these fields into boxed ones, making every update allocate. A class keeps its own.
 */
class IndicatorValuesRecord implements IndicatorValues {
  rsi = Number.NaN;
  macd = Number.NaN;
  macd_signal = Number.NaN;
  macd_hist = Number.NaN;
  stoch_k = Number.NaN;
  stoch_d = Number.NaN;
  mfi = Number.NaN;
  cci = Number.NaN;
  willr = Number.NaN;
  atr = Number.NaN;
  ema50 = Number.NaN;
  ema200 = Number.NaN;
  bb_upper = Number.NaN;
  bb_middle = Number.NaN;
  bb_lower = Number.NaN;
  bb_bandwidth = Number.NaN;
  adx = Number.NaN;
  plus_di = Number.NaN;
  minus_di = Number.NaN;
  volume_sma = Number.NaN;
}

/** A values object with every field NaN (not defined). */
export function emptyIndicatorValues(): IndicatorValues {
  return new IndicatorValuesRecord();
}
