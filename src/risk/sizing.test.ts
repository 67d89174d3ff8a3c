import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Instrument, STATIC_USD_RATES } from '../domain/instruments/index.js';
import { type SizedTrade, type SizingInput, sizePosition } from './sizing.js';
import { baseSettings, instrument, settingsWith } from './test-support/fixtures.js';

const NO_COSTS = { spread: 0, feeBps: 0, feePerUnit: 0, minFee: 0, slippageBps: 0 };
const withCosts = (
  id: string,
  costs: Partial<Instrument['costs']>,
  over: Partial<Instrument> = {},
): Instrument => ({
  ...instrument(id),
  costs: { ...NO_COSTS, ...costs },
  ...over,
});

const eurUsd = (over: Partial<SizingInput> = {}): SizingInput => ({
  instrument: instrument('EUR_USD'),
  direction: 'long',
  entry: 1.1,
  stop: 1.095,
  equity: 100_000,
  riskPct: 1,
  riskScale: 1,
  rates: STATIC_USD_RATES,
  ...over,
});

function sized(input: SizingInput, settings = baseSettings): SizedTrade {
  const r = sizePosition(input, settings);
  if (!r.ok) throw new Error(`denied ${r.code}: ${r.detail}`);
  return r.value;
}

describe('sizePosition', () => {
  it('risks RISK_PER_TRADE_PCT of equity to the stop, costs included, in two tickets', () => {
    const t = sized(eurUsd());
    // 0.005 to the stop + 0.00014 spread + 2 × 1.1 × 0.5 bp slippage = 0.00525 per unit.
    expect(t.riskPerUnit.toNumber()).toBeCloseTo(0.00525, 12);
    expect(t.units.toNumber()).toBe(190_476);
    expect([t.ticketA.toNumber(), t.ticketB.toNumber()]).toEqual([95_238, 95_238]);
    expect(t.risk.lte(t.riskAmount), 'never more than the risk amount').toBe(true);
    expect(t.limitedBy).toBe('risk');
  });

  it('scales by the run-time multiplier and the live ramp', () => {
    expect(sized(eurUsd({ riskScale: 0.25 })).units.toNumber()).toBe(47_619);
  });

  it('caps the notional at MAX_NOTIONAL_PCT of equity and the venue maximum', () => {
    const tight = sized(eurUsd({ stop: 1.099 }));
    expect(tight.limitedBy).toBe('notional');
    expect(tight.units.toNumber()).toBe(454_545);
    const capped = sized(eurUsd({ instrument: { ...instrument('EUR_USD'), maxSize: 1000 } }));
    expect([capped.units.toNumber(), capped.limitedBy]).toEqual([1000, 'max_size']);
  });

  it('converts JPY risk to USD', () => {
    const t = sized(
      eurUsd({
        instrument: withCosts('USD_JPY', {}),
        entry: 155,
        stop: 154,
        rates: { USD: 1, JPY: 1 / 155 },
      }),
    );
    expect(t.units.toNumber(), '1000 USD / (1 JPY / 155)').toBe(155_000);
  });

  it.each([
    [
      'no JPY rate',
      eurUsd({ instrument: instrument('USD_JPY'), entry: 155, stop: 154, rates: { USD: 1 } }),
      'NO_FX_RATE',
    ],
    ['equity NaN', eurUsd({ equity: Number.NaN }), 'EQUITY_UNKNOWN'],
    ['equity 0', eurUsd({ equity: 0 }), 'EQUITY_UNKNOWN'],
    ['stop at entry', eurUsd({ stop: 1.1 }), 'SIZE_BELOW_MIN'],
    ['risk amount below one unit', eurUsd({ equity: 0.0001 }), 'SIZE_BELOW_MIN'],
  ] as const)('denies: %s → %s', (_why, input, code) => {
    const r = sizePosition(input, baseSettings);
    expect(r.ok ? 'ok' : r.code).toBe(code);
  });

  it('denies a position that cannot be split into two tickets of the minimum size', () => {
    // 1.5 units of risk → 1 unit → tickets 0 + 1: one ticket below the minimum of 1.
    const stock = withCosts('SPX500_USD', {});
    const r = sizePosition(
      eurUsd({ instrument: stock, entry: 5000, stop: 4000, equity: 150_000 }),
      baseSettings,
    );
    expect(r.ok ? 'ok' : r.code).toBe('SIZE_BELOW_MIN');
    const two = sized(eurUsd({ instrument: stock, entry: 5000, stop: 4000, equity: 200_000 }));
    expect([two.ticketA.toNumber(), two.ticketB.toNumber()]).toEqual([1, 1]);
  });

  it('denies a ticket below the venue minimum order value (Binance NOTIONAL)', () => {
    const btc = (equity: number) =>
      sizePosition(
        eurUsd({ instrument: instrument('BTC/USDT'), entry: 60_000, stop: 54_000, equity }),
        baseSettings,
      );
    const small = btc(100);
    expect(small.ok ? 'ok' : small.code, 'tickets of 0.00008 BTC = 4.8 USDT < 5').toBe('SIZE_BELOW_MIN');
    expect(btc(1_000).ok).toBe(true);
  });

  it('denies COSTS_TOO_HIGH above MAX_COST_R of the risk, not at it', () => {
    const at = (spread: number) =>
      sizePosition(
        eurUsd({ instrument: withCosts('SPX500_USD', { spread }), entry: 5000, stop: 4996 }),
        baseSettings,
      );
    expect(at(1).ok, 'costs 1 of risk 5 = 0.2 R exactly').toBe(true);
    const r = at(1.001);
    expect(r.ok ? 'ok' : r.code).toBe('COSTS_TOO_HIGH');
  });

  it('counts per-order minimum commissions and shrinks until the whole risk fits', () => {
    // NVDA: 0.02/share with a 15 minimum per fill; at 200 shares the minimum binds.
    const t = sized(eurUsd({ instrument: instrument('NVDA'), entry: 180, stop: 175 }));
    expect(t.risk.lte(t.riskAmount)).toBe(true);
    expect(t.costs.toNumber(), 'four fills at the 15 minimum plus spread and slippage').toBeGreaterThan(60);
    expect(t.units.toNumber()).toBeLessThan(1000 / 5.0844);
    const r = sizePosition(
      eurUsd({ instrument: withCosts('NVDA', { minFee: 100 }), entry: 180, stop: 175 }),
      settingsWith({ MAX_COST_R: 0.2 }),
    );
    expect(r.ok ? 'ok' : r.code, '400 of minimum fees on ~1000 of risk').toBe('COSTS_TOO_HIGH');
  });
});

describe('sizing properties', () => {
  const steps = fc.constantFrom(1, 0.1, 0.01, 0.00001);
  const scenario = fc.record({
    entry: fc.double({ min: 0.5, max: 50_000, noNaN: true }),
    distance: fc.double({ min: 0.002, max: 0.2, noNaN: true }),
    equity: fc.double({ min: 1_000, max: 10_000_000, noNaN: true }),
    riskPct: fc.double({ min: 0.1, max: 5, noNaN: true }),
    step: steps,
    p: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
    notionalPct: fc.double({ min: 10, max: 1000, noNaN: true }),
    long: fc.boolean(),
  });
  type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;
  const run = (s: Scenario) => {
    const inst = withCosts(
      'SPX500_USD',
      { spread: s.entry * 0.0001, slippageBps: 1 },
      { sizeStep: s.step, minSize: s.step },
    );
    const stop = s.long ? s.entry * (1 - s.distance) : s.entry * (1 + s.distance);
    const input = eurUsd({
      instrument: inst,
      entry: s.entry,
      stop,
      equity: s.equity,
      riskPct: s.riskPct,
      direction: s.long ? 'long' : 'short',
    });
    const settings = settingsWith({ TP1_CLOSE_PCT: s.p, MAX_NOTIONAL_PCT: s.notionalPct });
    return { input, settings, result: sizePosition(input, settings) };
  };

  it('never risks more than the risk amount, never rounds up, keeps the notional cap', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { input, settings, result } = run(s);
        if (!result.ok) return;
        const t = result.value;
        const step = new Big(s.step);
        expect(t.units.times(t.riskPerUnit).lte(t.riskAmount)).toBe(true);
        expect(t.units.mod(step).eq(0), 'a whole number of steps').toBe(true);
        const cap = new Big(input.equity).times(settings.MAX_NOTIONAL_PCT).div(100);
        expect(t.notional.lte(cap)).toBe(true);
        // Maximal: one more step would break the risk amount or the notional cap.
        const more = t.units.plus(step);
        expect(more.times(t.riskPerUnit).gt(t.riskAmount) || more.times(input.entry).gt(cap)).toBe(true);
        expect(t.ticketA.plus(t.ticketB).lte(t.units)).toBe(true);
        expect(t.ticketA.lte(t.units.times(s.p)), 'ticket A rounds down').toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("a USD_JPY trade's USD risk is (entry − stop) × units / USDJPY", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 80, max: 250, noNaN: true }),
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        fc.double({ min: 80, max: 250, noNaN: true }),
        (entry, distance, usdJpy) => {
          const t = sized(
            eurUsd({
              instrument: withCosts('USD_JPY', {}),
              entry,
              stop: entry - distance,
              rates: { USD: 1, JPY: 1 / usdJpy },
            }),
          );
          const expected = (distance * t.units.toNumber()) / usdJpy;
          expect(t.risk.toNumber()).toBeCloseTo(expected, 6);
          expect(t.risk.lte(t.riskAmount)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
