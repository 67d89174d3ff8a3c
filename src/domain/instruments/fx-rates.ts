// Currency conversion for the risk book (SPEC §9). Live and paper runs take rates from venue
// pricing, runs with FX series take them from the data; this static table is the last resort
// (demo and backtests without FX data), so it only has to be roughly right.

/** Every currency an instrument here is quoted in, plus the FX legs (NZD) and USDT. */
export const Currencies = ['USD', 'USDT', 'EUR', 'GBP', 'JPY', 'CAD', 'CHF', 'AUD', 'NZD'] as const;
export type Currency = (typeof Currencies)[number];

/** USD value of one unit of each currency. */
export type UsdRates = Readonly<Partial<Record<string, number>>>;

/**
 * Approximate mid rates of late 2025 (EUR_USD ≈ 1.16, GBP_USD ≈ 1.33, USD_JPY ≈ 155,
 * USD_CAD ≈ 1.39, USD_CHF ≈ 0.80, AUD_USD ≈ 0.655, NZD_USD ≈ 0.57). USDT counts as USD (SPEC §9).
 */
export const STATIC_USD_RATES: UsdRates = Object.freeze({
  USD: 1,
  USDT: 1,
  EUR: 1.16,
  GBP: 1.33,
  JPY: 1 / 155,
  CAD: 1 / 1.39,
  CHF: 1 / 0.8,
  AUD: 0.655,
  NZD: 0.57,
});

export function isCurrency(code: string): code is Currency {
  return (Currencies as readonly string[]).includes(code);
}

/** USDT is USD for the risk book; every other code maps to itself. */
export function bookCurrency(code: string): string {
  return code === 'USDT' ? 'USD' : code;
}

/** `amount` of `from` expressed in `to`; undefined when a rate is missing (risk denies `NO_FX_RATE`). */
export function convert(amount: number, from: string, to: string, rates: UsdRates): number | undefined {
  if (bookCurrency(from) === bookCurrency(to)) return amount;
  const fromUsd = rates[from] ?? rates[bookCurrency(from)];
  const toUsd = rates[to] ?? rates[bookCurrency(to)];
  if (fromUsd === undefined || toUsd === undefined || !(fromUsd > 0) || !(toUsd > 0)) return undefined;
  return (amount * fromUsd) / toUsd;
}

/**
 * A copy of `rates` updated from one USD pair's price `base/quote = price` (USD_JPY 155.2 sets
 * JPY, EUR_USD 1.17 sets EUR). Crosses (EUR_JPY) are ignored: they would make the table
 * depend on the order of updates.
 */
export function withPairPrice(rates: UsdRates, base: string, quote: string, price: number): UsdRates {
  if (!(price > 0) || !Number.isFinite(price)) return rates;
  if (bookCurrency(quote) === 'USD' && bookCurrency(base) !== 'USD') return { ...rates, [base]: price };
  if (bookCurrency(base) === 'USD' && bookCurrency(quote) !== 'USD') return { ...rates, [quote]: 1 / price };
  return rates;
}
