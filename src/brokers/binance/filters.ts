// Rounding at the broker boundary (SPEC §10) with the venue's own exchangeInfo filters, read
// from ccxt's loaded market: quantities are truncated to the LOT_SIZE step (never more than was
// asked, or than the bot holds), prices rounded to the PRICE_FILTER tick, and the NOTIONAL
// minimum checked before a request the venue would refuse.
import Big from 'big.js';
import type { z } from 'zod';
import type { rawSymbolFilters } from './schemas.js';

export interface SymbolFilters {
  readonly venueSymbol: string;
  readonly trading: boolean;
  readonly tickSize: Big;
  readonly stepSize: Big;
  readonly minQty: Big;
  readonly minNotional: Big;
}

export function symbolFilters(info: z.output<typeof rawSymbolFilters>): SymbolFilters {
  const find = (type: string) => info.filters.find((f) => f.filterType === type);
  const price = find('PRICE_FILTER');
  const lot = find('LOT_SIZE');
  const notional = find('NOTIONAL') ?? find('MIN_NOTIONAL');
  return {
    venueSymbol: info.symbol,
    trading: info.status === 'TRADING',
    tickSize: new Big(price?.tickSize ?? '0.00000001'),
    stepSize: new Big(lot?.stepSize ?? '0.00000001'),
    minQty: new Big(lot?.minQty ?? '0'),
    minNotional: new Big(notional?.minNotional ?? '0'),
  };
}

const decimalsOf = (step: Big) => Math.max(0, -step.e);

/** Truncated to the step, as a plain decimal string with the step's decimals. */
export function formatQty(f: SymbolFilters, qty: Big): string {
  return qty.div(f.stepSize).round(0, Big.roundDown).times(f.stepSize).toFixed(decimalsOf(f.stepSize));
}

/** Rounded half-up to the tick, as a plain decimal string with the tick's decimals. */
export function formatPrice(f: SymbolFilters, price: Big): string {
  return price.div(f.tickSize).round(0, Big.roundHalfUp).times(f.tickSize).toFixed(decimalsOf(f.tickSize));
}

/** Why the venue would refuse this size, if it would. */
export function sizeProblem(f: SymbolFilters, qty: string, price: Big): string | undefined {
  const q = new Big(qty);
  if (q.lte(0) || q.lt(f.minQty))
    return `quantity ${qty} is below the LOT_SIZE minimum ${f.minQty.toString()}`;
  const notional = q.times(price);
  if (notional.lt(f.minNotional)) {
    return `notional ${notional.toFixed(2)} is below the NOTIONAL minimum ${f.minNotional.toString()}`;
  }
  return undefined;
}
