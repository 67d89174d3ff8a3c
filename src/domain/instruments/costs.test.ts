import { describe, expect, it } from 'vitest';
import {
  feeFor,
  financingAmount,
  financingNights,
  roundTripCostPerUnit,
  spreadMultiplierAt,
} from './costs.js';
import { defaultRegistry as registry } from './registry.js';

const utc = (iso: string) => Date.parse(iso);

describe('simulation costs', () => {
  it('charges Binance 10 bps and IG 2 cents a share with a USD 15 minimum', () => {
    expect(feeFor(registry.get('BTC/USDT'), 0.5, 100_000)).toBeCloseTo(50, 9);
    expect(feeFor(registry.get('NVDA'), 10, 180), 'minimum').toBe(15);
    expect(feeFor(registry.get('NVDA'), -1000, 180)).toBeCloseTo(20, 9);
    expect(feeFor(registry.get('EUR_USD'), 10_000, 1.1), 'OANDA is spread-only').toBe(0);
  });

  it('counts FX rollovers with triple Wednesday and CFDs with triple Friday', () => {
    const eur = registry.get('EUR_USD');
    // Tuesday noon to Thursday noon New York crosses Tuesday (1) and Wednesday (3) at 17:00.
    expect(financingNights(eur, utc('2026-12-01T17:00:00Z'), utc('2026-12-03T17:00:00Z'))).toBe(4);
    const spx = registry.get('SPX500_USD');
    expect(financingNights(spx, utc('2026-12-04T17:00:00Z'), utc('2026-12-07T17:00:00Z')), 'Friday').toBe(3);
    expect(financingNights(registry.get('BTC/USDT'), 0, utc('2026-12-07T17:00:00Z'))).toBe(0);
  });

  it('charges longs and credits or charges shorts by the carry sign', () => {
    const usdJpy = registry.get('USD_JPY');
    expect(financingAmount(usdJpy, 'long', 100_000, 1), 'USD yields more than JPY').toBeGreaterThan(0);
    expect(financingAmount(usdJpy, 'short', 100_000, 1)).toBeLessThan(0);
    expect(financingAmount(registry.get('NVDA'), 'long', 10_000, 1)).toBeLessThan(0);
  });

  it('widens spreads in the rollover hour only', () => {
    expect(spreadMultiplierAt(registry.get('EUR_USD'), utc('2026-12-01T22:00:00Z')), '17:00 NY').toBe(3);
    expect(spreadMultiplierAt(registry.get('EUR_USD'), utc('2026-12-01T15:00:00Z'))).toBe(1);
    expect(
      spreadMultiplierAt(registry.get('XAU_USD'), utc('2026-12-01T23:00:00Z')),
      'gold reopens 18:00',
    ).toBe(2);
    expect(spreadMultiplierAt(registry.get('BTC/USDT'), utc('2026-12-01T00:00:00Z'))).toBe(1);
  });
});

describe('roundTripCostPerUnit', () => {
  const inst = { costs: { spread: 0.5, feeBps: 10, feePerUnit: 0.02, minFee: 15, slippageBps: 5 } };
  it('counts the spread once and fees and slippage on both fills', () => {
    expect(roundTripCostPerUnit(inst, 100)).toBeCloseTo(0.5 + (2 * 100 * 15) / 10_000 + 0.04, 12);
  });
  it("prefers the bar's own spread when the data has one", () => {
    expect(roundTripCostPerUnit(inst, 100, 0.1)).toBeCloseTo(0.1 + 0.3 + 0.04, 12);
    expect(roundTripCostPerUnit(inst, 100, Number.NaN)).toBeCloseTo(0.5 + 0.3 + 0.04, 12);
  });
});
