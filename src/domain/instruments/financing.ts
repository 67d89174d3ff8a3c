// Default overnight financing. Real charges come from the venues' financing transactions and
// are reconciled (SPEC §10); these defaults make backtests charge carry of the right sign and
// roughly the right size.
import type { Financing } from './types.js';

/**
 * Approximate central-bank policy rates (late 2025), annual fractions. Update when they move
 * materially; they set the sign and size of simulated carry only.
 */
export const POLICY_RATES: Readonly<Record<string, number>> = Object.freeze({
  USD: 0.0375,
  EUR: 0.02,
  GBP: 0.04,
  JPY: 0.005,
  CAD: 0.0225,
  CHF: 0,
  AUD: 0.036,
  NZD: 0.025,
  // Metals pay no interest (lease rates ignored).
  XAU: 0,
  XAG: 0,
});

/** Broker mark-up on the benchmark, annual: OANDA FX/metals, CFDs (OANDA and IG's 2.5%). */
export const FX_MARKUP = 0.015;
export const CFD_MARKUP = 0.025;

/** Spot FX and metals settle T+2: Wednesday's rollover carries the weekend (triple Wednesday). */
export const TRIPLE_WEDNESDAY: readonly number[] = Object.freeze([0, 1, 1, 3, 1, 1, 0]);
/** CFDs on indices, commodities, bonds and shares charge the weekend on Friday. */
export const TRIPLE_FRIDAY: readonly number[] = Object.freeze([0, 1, 1, 1, 1, 3, 0]);

const rate = (code: string): number => {
  const r = POLICY_RATES[code];
  if (r === undefined) throw new Error(`no policy rate for ${code}: add it to POLICY_RATES`);
  return r;
};

/** Interest differential minus mark-up: long EUR_USD earns EUR and pays USD. */
export function fxFinancing(base: string, quote: string, markup = FX_MARKUP): Financing {
  const differential = rate(base) - rate(quote);
  return Object.freeze({
    longAnnualRate: differential - markup,
    shortAnnualRate: -differential - markup,
    dayCount: quote === 'GBP' || quote === 'AUD' || quote === 'NZD' ? 365 : 360,
    weekdayMultipliers: TRIPLE_WEDNESDAY,
  });
}

/** CFD convention: longs pay benchmark + mark-up, shorts receive benchmark − mark-up. */
export function cfdFinancing(currency: string, markup = CFD_MARKUP): Financing {
  const benchmark = rate(currency);
  return Object.freeze({
    longAnnualRate: -(benchmark + markup),
    shortAnnualRate: benchmark - markup,
    dayCount: 365,
    weekdayMultipliers: TRIPLE_FRIDAY,
  });
}

/** Spot crypto is paid in full: nothing to finance. */
export const NO_FINANCING: Financing = Object.freeze({
  longAnnualRate: 0,
  shortAnnualRate: 0,
  dayCount: 365,
  weekdayMultipliers: Object.freeze([0, 0, 0, 0, 0, 0, 0]),
});
