// The deflated Sharpe ratio (Bailey & López de Prado, "The Deflated Sharpe Ratio", 2014): the best
// of N trials has a high Sharpe by luck alone. The expected maximum of N trial Sharpes follows from
// their variance; the DSR is the probability that the observed Sharpe beats it, allowing for the
// skewness and fat tails of the returns. All Sharpe ratios here are per period (daily), unannualised.

const EULER_GAMMA = 0.5772156649015329;

/** erfc with fractional error below 1.2e-7 (Numerical Recipes' Chebyshev fit). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/** Standard normal distribution function Φ. */
export function normCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Φ⁻¹ (Acklam's rational approximation, relative error below 1.2e-9). */
export function normInv(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** E[max of N trial Sharpes] under the null (true Sharpe 0), given their variance. */
export function expectedMaxSharpe(variance: number, trials: number): number {
  if (trials < 2 || variance <= 0) return 0;
  return (
    Math.sqrt(variance) *
    ((1 - EULER_GAMMA) * normInv(1 - 1 / trials) + EULER_GAMMA * normInv(1 - 1 / (trials * Math.E)))
  );
}

/** Probability that the true Sharpe exceeds `benchmark` (the PSR; the DSR when it is E[max]). */
export function probabilisticSharpe(
  sharpe: number,
  benchmark: number,
  observations: number,
  skew: number,
  kurtosis: number,
): number {
  const spread = 1 - skew * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  if (observations < 2 || spread <= 0) return Number.NaN;
  return normCdf(((sharpe - benchmark) * Math.sqrt(observations - 1)) / Math.sqrt(spread));
}

export interface Moments {
  readonly mean: number;
  readonly sd: number;
  /** Skewness and (non-excess) kurtosis from the population moments, as in the paper. */
  readonly skew: number;
  readonly kurtosis: number;
}

export function moments(xs: readonly number[]): Moments | undefined {
  const n = xs.length;
  if (n < 2) return undefined;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d = x - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (m2 <= 0) return undefined;
  return { mean, sd: Math.sqrt((m2 * n) / (n - 1)), skew: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}

/** Sample variance; 0 for fewer than two values. */
export function variance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
}

export interface DeflatedSharpe {
  readonly sharpe: number;
  readonly expectedMaxSharpe: number;
  readonly trialVariance: number;
  readonly skew: number;
  readonly kurtosis: number;
  readonly observations: number;
  readonly probability: number;
}

/**
 * `returns`: the observed (stitched out-of-sample) per-period returns. `trialSharpes`: one
 * per-period Sharpe per trial that has one. `trials`: N, every parameter set tried.
 */
export function deflatedSharpe(
  returns: readonly number[],
  trialSharpes: readonly number[],
  trials: number,
): DeflatedSharpe | undefined {
  const m = moments(returns);
  if (m === undefined || m.sd <= 0) return undefined;
  const sharpe = m.mean / m.sd;
  const trialVariance = variance(trialSharpes);
  const benchmark = expectedMaxSharpe(trialVariance, trials);
  const probability = probabilisticSharpe(sharpe, benchmark, returns.length, m.skew, m.kurtosis);
  if (Number.isNaN(probability)) return undefined;
  return {
    sharpe,
    expectedMaxSharpe: benchmark,
    trialVariance,
    skew: m.skew,
    kurtosis: m.kurtosis,
    observations: returns.length,
    probability,
  };
}
