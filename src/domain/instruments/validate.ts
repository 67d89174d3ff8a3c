// Invariants every instrument must satisfy, checked when a registry is built and again after
// venue overrides, so a bad refresh fails at start-up instead of at the first order.
import { STATIC_USD_RATES } from './fx-rates.js';
import { decimalsOf, isMultipleOf } from './precision.js';
import type { Instrument } from './types.js';

const positive = (x: number | undefined) => x !== undefined && Number.isFinite(x) && x > 0;
const nonNegative = (x: number) => Number.isFinite(x) && x >= 0;

/** Problems with one instrument, each a sentence naming the field; empty when valid. */
export function instrumentProblems(i: Instrument): string[] {
  const p: string[] = [];
  const need = (ok: boolean, message: string) => {
    if (!ok) p.push(`${i.id}: ${message}`);
  };
  need(positive(i.tickSize), `tickSize must be > 0 (got ${i.tickSize})`);
  need(
    decimalsOf(i.tickSize) === i.pricePrecision,
    `pricePrecision ${i.pricePrecision} does not match tickSize ${i.tickSize}`,
  );
  need(positive(i.sizeStep), `sizeStep must be > 0 (got ${i.sizeStep})`);
  need(positive(i.minSize), `minSize must be > 0 (got ${i.minSize})`);
  need(
    isMultipleOf(i.minSize, i.sizeStep),
    `minSize ${i.minSize} is not a multiple of sizeStep ${i.sizeStep}`,
  );
  need(i.maxSize === undefined || i.maxSize >= i.minSize, `maxSize ${i.maxSize} is below minSize`);
  need(i.minNotional === undefined || nonNegative(i.minNotional), 'minNotional must be ≥ 0');
  need(
    STATIC_USD_RATES[i.quoteCurrency] !== undefined,
    `quote currency ${i.quoteCurrency} has no static rate`,
  );
  need(
    Number.isFinite(i.maxLeverage) && i.maxLeverage >= 1,
    `maxLeverage must be ≥ 1 (got ${i.maxLeverage})`,
  );
  need(i.correlation.length > 0, 'needs at least one correlation group');
  const c = i.costs;
  for (const name of ['spread', 'feeBps', 'feePerUnit', 'minFee', 'slippageBps'] as const) {
    need(nonNegative(c[name]), `costs.${name} must be ≥ 0 (got ${c[name]})`);
  }
  const f = i.financing;
  need(
    Number.isFinite(f.longAnnualRate) && Number.isFinite(f.shortAnnualRate),
    'financing rates must be finite',
  );
  need(
    f.weekdayMultipliers.length === 7 && f.weekdayMultipliers.every(nonNegative),
    'financing.weekdayMultipliers needs 7 values ≥ 0',
  );
  const r = i.rollover;
  need(Number.isInteger(r.hour) && r.hour >= 0 && r.hour < 24, 'rollover.hour must be 0..23');
  need(
    Number.isInteger(r.spreadHour) && r.spreadHour >= 0 && r.spreadHour < 24,
    'rollover.spreadHour must be 0..23',
  );
  need(r.spreadMultiplier >= 1, 'rollover.spreadMultiplier must be ≥ 1');
  need(
    (i.dataSource === 'yahoo') === (i.yahooTicker !== undefined),
    'yahooTicker is set exactly for Yahoo data',
  );
  p.push(...venueProblems(i));
  return p;
}

/** Id and venue-symbol shapes per broker, so a typo cannot route to the wrong market. */
function venueProblems(i: Instrument): string[] {
  const bad = (message: string) => [`${i.id}: ${message}`];
  switch (i.broker) {
    case 'binance':
      if (!/^[A-Z0-9]+\/[A-Z0-9]+$/.test(i.id) || i.venueSymbol !== i.id)
        return bad('Binance ids are ccxt symbols');
      if (i.dataSource !== 'binance') return bad('Binance data comes from Binance');
      return [];
    case 'oanda':
      if (!/^[A-Z0-9]+_[A-Z]{3}$/.test(i.id) || i.venueSymbol !== i.id)
        return bad('OANDA ids are instrument names');
      if (!i.id.endsWith(`_${i.quoteCurrency}`))
        return bad('OANDA instrument names end in the quote currency');
      if (i.dataSource !== 'oanda' || i.volumeKnown)
        return bad('OANDA data comes from OANDA, without volume');
      return [];
    case 'ig':
      if (!/^[A-Za-z0-9._]{6,30}$/.test(i.venueSymbol)) return bad(`IG epic ${i.venueSymbol} is malformed`);
      if (!/^[A-Z][A-Z0-9.]*$/.test(i.id)) return bad('IG stock ids are tickers');
      return [];
  }
}
