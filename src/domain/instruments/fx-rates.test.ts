import { describe, expect, it } from 'vitest';
import { convert, STATIC_USD_RATES, withPairPrice } from './fx-rates.js';
import { defaultRegistry } from './registry.js';

describe('currency conversion', () => {
  it('has a static rate for every quote currency and FX leg in the registry', () => {
    for (const i of defaultRegistry.all()) {
      expect(STATIC_USD_RATES[i.quoteCurrency], i.id).toBeGreaterThan(0);
      if (i.assetClass === 'fx') expect(STATIC_USD_RATES[i.baseAsset], i.id).toBeGreaterThan(0);
    }
  });

  it('converts through USD and treats USDT as USD', () => {
    expect(convert(100, 'EUR', 'USD', STATIC_USD_RATES)).toBeCloseTo(116, 9);
    expect(convert(15_500, 'JPY', 'USD', STATIC_USD_RATES)).toBeCloseTo(100, 9);
    expect(convert(50, 'USDT', 'USD', {}), 'no rate needed for USDT → USD').toBe(50);
    expect(convert(116, 'USD', 'EUR', STATIC_USD_RATES)).toBeCloseTo(100, 9);
    expect(convert(1, 'EUR', 'EUR', {})).toBe(1);
  });

  it('returns undefined when a rate is missing (risk denies NO_FX_RATE)', () => {
    expect(convert(1, 'SEK', 'USD', STATIC_USD_RATES)).toBeUndefined();
    expect(convert(1, 'EUR', 'USD', { EUR: 0 })).toBeUndefined();
  });

  it('updates rates from USD pairs only, without mutating the table', () => {
    const rates = withPairPrice(withPairPrice(STATIC_USD_RATES, 'USD', 'JPY', 160), 'EUR', 'USD', 1.2);
    expect(rates.JPY).toBeCloseTo(1 / 160, 12);
    expect(rates.EUR).toBe(1.2);
    expect(withPairPrice(rates, 'EUR', 'JPY', 190), 'crosses are ignored').toBe(rates);
    expect(STATIC_USD_RATES.EUR).toBe(1.16);
  });
});
