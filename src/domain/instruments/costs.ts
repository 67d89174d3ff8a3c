// Cost arithmetic on the registry's numbers, shared by the SimulatedBroker and the risk
// manager so that simulated and budgeted costs cannot drift apart.
import type { ExposureDirection } from './correlation.js';
import type { Instrument } from './types.js';
import { localTime, weekdayOf, zonedToUtc } from './zoned-time.js';

/** Commission for one fill, in the quote currency. */
export function feeFor(instrument: Pick<Instrument, 'costs'>, quantity: number, price: number): number {
  const { feeBps, feePerUnit, minFee } = instrument.costs;
  const q = Math.abs(quantity);
  if (q === 0) return 0;
  return Math.max(minFee, (q * price * feeBps) / 10_000 + q * feePerUnit);
}

/**
 * Round-trip costs of one unit at `price`, in price units: the spread once (buy at the ask, sell
 * at the bid) plus fees and slippage on both fills. `barSpread` (a data file's spread column)
 * wins over the registry's typical spread. Minimum fees are per order, not per unit: left out.
 */
export function roundTripCostPerUnit(
  instrument: Pick<Instrument, 'costs'>,
  price: number,
  barSpread: number = Number.NaN,
): number {
  const { spread, feeBps, feePerUnit, slippageBps } = instrument.costs;
  const quoted = Number.isFinite(barSpread) && barSpread >= 0 ? barSpread : spread;
  return quoted + (2 * price * (feeBps + slippageBps)) / 10_000 + 2 * feePerUnit;
}

/** Spread multiplier for a bar opening at `t`: widened in the instrument's rollover spread hour. */
export function spreadMultiplierAt(instrument: Pick<Instrument, 'rollover'>, t: number): number {
  const r = instrument.rollover;
  if (r.spreadMultiplier === 1) return 1;
  return Math.floor(localTime(t, r.timeZone).minute / 60) === r.spreadHour ? r.spreadMultiplier : 1;
}

/**
 * Nights of financing for a position held over (from, to]: each rollover instant in between
 * counts its weekday multiplier (FX: 3 on Wednesday; CFDs: 3 on Friday).
 */
export function financingNights(
  instrument: Pick<Instrument, 'rollover' | 'financing'>,
  from: number,
  to: number,
): number {
  const multipliers = instrument.financing.weekdayMultipliers;
  if (!(to > from) || multipliers.every((m) => m === 0)) return 0;
  const { timeZone, hour } = instrument.rollover;
  let nights = 0;
  for (let day = localTime(from, timeZone).day; day <= localTime(to, timeZone).day; day++) {
    const rollover = zonedToUtc(day, hour * 60, timeZone);
    if (rollover > from && rollover <= to) nights += multipliers[weekdayOf(day)] ?? 0;
  }
  return nights;
}

/**
 * Financing over `nights` on a position of `notional` (quote currency, positive); signed:
 * negative is a charge, positive a credit.
 */
export function financingAmount(
  instrument: Pick<Instrument, 'financing'>,
  direction: ExposureDirection,
  notional: number,
  nights: number,
): number {
  const f = instrument.financing;
  const annual = direction === 'long' ? f.longAnnualRate : f.shortAnnualRate;
  return (Math.abs(notional) * annual * nights) / f.dayCount;
}
