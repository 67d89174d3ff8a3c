// TA-Lib's own numeric conventions (ta_utility.h), so our results match its outputs bit for bit
// where the operation order allows. The zero test and the true range are written out inline where
// used: a helper taking doubles would box them whenever V8 declines to inline it.

/** TA_EPSILON: TA-Lib treats |x| < 1e-14 as zero (RSI, DI, ADX) and x < 1e-14 as "not positive" (std dev). */
export const TA_EPSILON = 1e-14;

/** Periods are whole bars; TA-Lib rejects smaller ones too. */
export function checkPeriod(name: string, period: number, min: number): number {
  if (!Number.isInteger(period) || period < min || period > 100_000) {
    throw new RangeError(`${name} must be an integer from ${min} to 100000, got ${period}`);
  }
  return period;
}
