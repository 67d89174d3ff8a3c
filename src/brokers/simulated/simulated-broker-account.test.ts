// Costs and money: fees per fill, financing per rollover, and the balance in the account
// currency when positions are quoted in another.
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { clientOrderId } from '../../domain/ids.js';
import { financingAmount } from '../../domain/instruments/index.js';
import { scenario, utc } from './test-support/scenario.js';

describe('SimulatedBroker account', () => {
  it('charges the fee of each fill to cash (BTC/USDT, 10 bps a side)', async () => {
    const s = scenario();
    await s.broker.placeOrder(s.intent('BTC/USDT', { qty: '0.1' }));
    await s.hour({ 'BTC/USDT': s.flat(50_000) });
    const [position] = await s.broker.fetchPositions();
    await s.broker.closePosition(position!, { clientId: clientOrderId('close-1') });
    await s.hour({ 'BTC/USDT': s.flat(51_000) });
    const [entry, exit] = await s.broker.fetchFills(0);
    expect([entry?.price.toString(), exit?.price.toString()]).toEqual(['50010.02', '50989.79']);
    const fees = entry!.fee.plus(exit!.fee).toNumber();
    expect(fees).toBeCloseTo(0.1 * 0.001 * (50010.02 + 50989.79), 9);
    const pnl = (50989.79 - 50010.02) * 0.1;
    const balance = await s.broker.fetchBalance();
    expect(balance.equity).toBeCloseTo(100_000 + pnl - fees, 6);
    expect(s.broker.closedPositions()[0]).toMatchObject({ fees: expect.closeTo(fees, 9), financing: 0 });
  });

  it('charges three nights of financing to a long held over the Wednesday FX rollover', async () => {
    // Wednesday 2026-01-07: the rollover is 17:00 New York = 22:00 UTC.
    const s = scenario(utc('2026-01-07T20:00:00Z'));
    const eur = s.registry.get('EUR_USD');
    await s.broker.placeOrder(s.intent('EUR_USD', { qty: 10_000 }));
    await s.hour({ EUR_USD: s.flat(1.1) }); // 20:00, filled at the open
    const [position] = await s.broker.fetchPositions();
    await s.hour({ EUR_USD: s.flat(1.1) }); // 21:00–22:00 crosses the rollover
    const expected = financingAmount(eur, 'long', 10_000 * 1.1, 3);
    expect(expected, 'long EUR_USD pays carry').toBeLessThan(0);
    expect(s.broker.costsOf(position!.ref)?.financing).toBeCloseTo(expected, 9);
    await s.hour({ EUR_USD: s.flat(1.1) }); // 22:00 (wide spread), no rollover inside
    await s.broker.closePosition(position!, { clientId: clientOrderId('close-wed') });
    await s.hour({ EUR_USD: s.flat(1.1) }); // 23:00: closed at the open
    const [closed] = s.broker.closedPositions();
    expect(closed?.financing).toBeCloseTo(expected, 9);
    const pnl = (1.09987 - 1.10013) * 10_000;
    expect((await s.broker.fetchBalance()).equity).toBeCloseTo(100_000 + pnl + expected, 6);
  });

  it('marks a USD_JPY position in USD: equity, margin and available', async () => {
    const s = scenario();
    await s.broker.placeOrder(s.intent('USD_JPY', { qty: 10_000 }));
    await s.hour({ USD_JPY: s.flat(155) }); // 155.007 × 1.00005 → 155.015
    await s.hour({ USD_JPY: { open: 155, high: 156, low: 155, close: 156 } });
    const [position] = await s.broker.fetchPositions();
    expect(position?.entryPrice.toString()).toBe('155.015');
    const balance = await s.broker.fetchBalance();
    const unrealizedUsd = ((155.993 - 155.015) * 10_000) / 155; // marked on the bid
    const marginUsd = (10_000 * 156) / 30 / 155; // FX major, 30×
    expect(balance.currency).toBe('USD');
    expect(balance.equity).toBeCloseTo(100_000 + unrealizedUsd, 6);
    expect(balance.available, 'unrealized gains free no margin').toBeCloseTo(100_000 - marginUsd, 6);
  });

  it("converts a EUR_GBP trade's realized P&L from GBP at the given rates", async () => {
    const run = async (rates?: Record<string, number>) => {
      const s = scenario(undefined, rates === undefined ? {} : { rates });
      await s.broker.placeOrder(s.intent('EUR_GBP', { qty: 10_000 }));
      await s.hour({ EUR_GBP: s.flat(0.87) }); // 0.87008 × 1.00005 → 0.87013
      const [position] = await s.broker.fetchPositions();
      await s.broker.closePosition(position!, { clientId: clientOrderId('close-eg') });
      await s.hour({ EUR_GBP: s.flat(0.88) }); // 0.87992 × 0.99995 → 0.87987
      return { balance: await s.broker.fetchBalance(), closed: s.broker.closedPositions()[0] };
    };
    const gbp = (0.87987 - 0.87013) * 10_000;
    const byDefault = await run();
    expect(byDefault.closed?.grossPnl).toBeCloseTo(gbp, 9);
    expect(byDefault.closed?.quoteCurrency).toBe('GBP');
    expect(byDefault.balance.equity, 'static table: GBP = 1.33 USD').toBeCloseTo(100_000 + gbp * 1.33, 6);
    const custom = await run({ USD: 1, GBP: 1.25, EUR: 1.1 });
    expect(custom.balance.equity).toBeCloseTo(100_000 + gbp * 1.25, 6);
  });

  it('ties up the whole notional of a spot holding (1× leverage)', async () => {
    const s = scenario();
    await s.broker.placeOrder(s.intent('BTC/USDT', { qty: '1' }));
    await s.hour({ 'BTC/USDT': s.flat(50_000) });
    const balance = await s.broker.fetchBalance();
    const fee = 50010.02 * 0.001;
    const cash = 100_000 - fee;
    const equity = cash + (49999.99 - 50010.02); // marked on the bid of the close
    expect(balance.equity).toBeCloseTo(equity, 6);
    expect(balance.available).toBeCloseTo(equity - 50_000, 6);
    expect(new Big(balance.available).lt(cash - 49_000)).toBe(true);
  });
});
