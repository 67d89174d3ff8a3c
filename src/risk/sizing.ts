// Position size (SPEC §9): risk a fixed fraction of equity to the stop, costs included, in
// BASE_CURRENCY; round down to the venue's step with big.js; cap by the venue maximum and
// MAX_NOTIONAL_PCT; split into the two tickets of SPEC §10.
import Big from 'big.js';
import type { Direction } from '../domain/divergence.js';
import {
  convert,
  type Instrument,
  roundTripCostPerUnit,
  type UsdRates,
} from '../domain/instruments/index.js';
import { accept, deny, fmt, type Outcome } from './denial.js';
import type { RiskSettings } from './settings.js';

export type SizedInstrument = Pick<
  Instrument,
  'id' | 'quoteCurrency' | 'sizeStep' | 'minSize' | 'maxSize' | 'minNotional' | 'costs'
>;

export interface SizingInput {
  readonly instrument: SizedInstrument;
  readonly direction: Direction;
  readonly entry: number;
  readonly stop: number;
  /** Portfolio equity, BASE_CURRENCY. */
  readonly equity: number;
  /** RISK_PER_TRADE_PCT of the instrument's broker. */
  readonly riskPct: number;
  /** Run-time risk multiplier × live-ramp scale. */
  readonly riskScale: number;
  readonly rates: UsdRates;
  /** A data file's spread column at the entry bar, when known. */
  readonly barSpread?: number;
}

export type SizingSettings = Pick<
  RiskSettings,
  'BASE_CURRENCY' | 'MAX_NOTIONAL_PCT' | 'MAX_COST_R' | 'TP1_CLOSE_PCT'
>;

export interface SizedTrade {
  readonly units: Big;
  /** Ticket A (closed at TP1) and ticket B (runs to TP2); A + B = units. */
  readonly ticketA: Big;
  readonly ticketB: Big;
  /** BASE_CURRENCY: equity × pct × scale. */
  readonly riskAmount: Big;
  /** BASE_CURRENCY per unit: |entry − stop| + round-trip costs, converted. */
  readonly riskPerUnit: Big;
  /** BASE_CURRENCY: units to the stop plus every cost, minimum commissions included; ≤ riskAmount. */
  readonly risk: Big;
  /** BASE_CURRENCY: round-trip costs of both tickets. */
  readonly costs: Big;
  /** BASE_CURRENCY at the entry price. */
  readonly notional: Big;
  /** Value of one unit of the quote currency in BASE_CURRENCY. */
  readonly quoteToBase: number;
  readonly costPerUnit: number;
  readonly limitedBy: 'risk' | 'max_size' | 'notional';
}

const floorTo = (x: Big, step: Big): Big => x.div(step).round(0, Big.roundDown).times(step);

/**
 * Commission a per-order minimum adds beyond the per-unit fees already in the risk per unit, in
 * the quote currency, for one ticket's entry and exit. Exactly 0 when the minimum does not bind,
 * so the risk then equals units × risk per unit with no float noise.
 */
function minimumFeeExcess(instrument: SizedInstrument, qty: number, price: number): number {
  const { feeBps, feePerUnit, minFee } = instrument.costs;
  if (qty === 0 || minFee === 0) return 0;
  return 2 * Math.max(0, minFee - ((qty * price * feeBps) / 10_000 + qty * feePerUnit));
}

export function sizePosition(input: SizingInput, settings: SizingSettings): Outcome<SizedTrade> {
  const { instrument, entry, stop, equity } = input;
  if (
    ![entry, stop, input.riskPct, input.riskScale].every(Number.isFinite) ||
    !(entry > 0) ||
    entry === stop
  ) {
    return deny('SIZE_BELOW_MIN', `no size for entry ${entry}, stop ${stop}`);
  }
  if (!Number.isFinite(equity) || !(equity > 0)) return deny('EQUITY_UNKNOWN', `equity is ${equity}`);
  const base = settings.BASE_CURRENCY;
  const quoteToBase = convert(1, instrument.quoteCurrency, base, input.rates);
  if (quoteToBase === undefined) return deny('NO_FX_RATE', `no ${instrument.quoteCurrency}→${base} rate`);
  const spread = input.barSpread ?? Number.NaN;
  const distance = Math.abs(entry - stop);
  const costPerUnit = roundTripCostPerUnit(instrument, entry, spread);
  // Per-unit check first: it does not depend on the size, so a tiny size cannot hide it.
  if (costPerUnit > settings.MAX_COST_R * (distance + costPerUnit)) {
    return deny(
      'COSTS_TOO_HIGH',
      `costs ${fmt(costPerUnit / (distance + costPerUnit))} R > ${settings.MAX_COST_R} R`,
    );
  }
  const rate = new Big(quoteToBase);
  const step = new Big(instrument.sizeStep);
  const riskAmount = new Big(equity).times(input.riskPct).div(100).times(input.riskScale);
  const riskPerUnit = new Big(distance + costPerUnit).times(rate);
  const notionalCap = new Big(equity).times(settings.MAX_NOTIONAL_PCT).div(100);
  const unitPrice = new Big(entry).times(rate);
  const byRisk = riskAmount.div(riskPerUnit);
  const byNotional = notionalCap.div(unitPrice);
  let units = byRisk;
  let limitedBy: SizedTrade['limitedBy'] = 'risk';
  if (instrument.maxSize !== undefined && units.gt(instrument.maxSize)) {
    units = new Big(instrument.maxSize);
    limitedBy = 'max_size';
  }
  if (units.gt(byNotional)) {
    units = byNotional;
    limitedBy = 'notional';
  }
  units = floorTo(units, step);
  // Division rounds at Big.DP places; one step back if that ever pushed a product over its cap.
  while (units.gt(0) && (units.times(unitPrice).gt(notionalCap) || units.times(riskPerUnit).gt(riskAmount))) {
    units = units.minus(step);
  }
  const totals = (u: Big) => {
    const ticketA = floorTo(u.times(settings.TP1_CLOSE_PCT), step);
    const ticketB = u.minus(ticketA);
    const excess = new Big(
      minimumFeeExcess(instrument, ticketA.toNumber(), entry) +
        minimumFeeExcess(instrument, ticketB.toNumber(), entry),
    ).times(rate);
    const costs = u.times(costPerUnit).times(rate).plus(excess);
    return { ticketA, ticketB, costs, risk: u.times(riskPerUnit).plus(excess) };
  };
  // Minimum commissions are per order: when they bind, shrink until the whole risk fits.
  let t = totals(units);
  for (let i = 0; i < 64 && units.gt(0) && t.risk.gt(riskAmount); i++) {
    const over = floorTo(t.risk.minus(riskAmount).div(riskPerUnit), step).plus(step);
    units = units.minus(over).lt(0) ? new Big(0) : units.minus(over);
    t = totals(units);
  }
  if (t.risk.gt(riskAmount)) {
    return deny(
      'SIZE_BELOW_MIN',
      `minimum commissions alone exceed the risk amount ${riskAmount.toFixed(2)}`,
    );
  }
  const below = sizeProblem(instrument, units, t.ticketA, t.ticketB, entry);
  if (below !== undefined) return deny('SIZE_BELOW_MIN', below);
  const totalRisk = t.risk.toNumber();
  if (t.costs.toNumber() > settings.MAX_COST_R * totalRisk) {
    return deny(
      'COSTS_TOO_HIGH',
      `costs with minimum fees ${fmt(t.costs.toNumber() / totalRisk)} R > ${settings.MAX_COST_R} R`,
    );
  }
  return accept({
    units,
    ticketA: t.ticketA,
    ticketB: t.ticketB,
    riskAmount,
    riskPerUnit,
    risk: t.risk,
    costs: t.costs,
    notional: units.times(unitPrice),
    quoteToBase,
    costPerUnit,
    limitedBy,
  });
}

/**
 * Both tickets must be valid orders: ≥ the venue minimum size and notional. A position that
 * cannot be split is denied rather than sent as one ticket: its reward/risk was validated for
 * the TP1/TP2 split (rule 4), and one ticket would be a different trade.
 */
function sizeProblem(
  instrument: SizedInstrument,
  units: Big,
  a: Big,
  b: Big,
  entry: number,
): string | undefined {
  const min = instrument.minSize;
  if (units.lt(min) || units.lte(0)) return `${units} units < minimum ${min} of ${instrument.id}`;
  if (a.lt(min) || b.lt(min) || a.lte(0) || b.lte(0)) {
    return `${units} units split into tickets ${a} + ${b}, one below the minimum ${min}`;
  }
  const minNotional = instrument.minNotional ?? 0;
  const smaller = a.lt(b) ? a : b;
  if (smaller.times(entry).lt(minNotional)) {
    return `ticket of ${smaller} × ${entry} below the minimum order value ${minNotional} ${instrument.quoteCurrency}`;
  }
  return undefined;
}
