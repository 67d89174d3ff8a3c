// The fill rules of SPEC §1, with the numbers worked out by hand.
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../domain/timeframe.js';
import { plain, QUIET_START, scenario, utc } from './test-support/scenario.js';

// EUR_USD: spread 0.00014 (half 0.00007), slippage 0.5 bps, tick 0.00001, no fee.
// BTC/USDT: spread 0.02 (half 0.01), slippage 2 bps, tick 0.01, fee 10 bps.

describe('SimulatedBroker fills', () => {
  it("fills a market entry at the next bar's open, on the ask plus slippage, rounded up to the tick", async () => {
    const s = scenario();
    await s.clock.advanceBy(HOUR_MS / 2); // decided in the middle of the 10:00 bar
    await s.broker.placeOrder(s.intent('BTC/USDT', { qty: '0.1' }));
    await s.clock.advanceTo(QUIET_START + HOUR_MS);
    s.broker.onBar('BTC/USDT', { time: QUIET_START, volume: null, ...s.flat(49_000) });
    expect(await s.broker.fetchFills(0), 'not in the bar the order was placed in').toEqual([]);
    await s.hour({ 'BTC/USDT': { open: 50_000, high: 50_100, low: 49_900, close: 50_050 } });
    const [fill] = await s.broker.fetchFills(0);
    // 50000 + 0.01 = 50000.01; × (1 + 0.0002) = 50010.010002 → 50010.02
    expect(fill?.price.toString()).toBe('50010.02');
    expect(fill?.fee.toNumber()).toBeCloseTo(0.1 * 50010.02 * 0.001, 9);
    expect(fill?.time).toBe(QUIET_START + HOUR_MS);
    expect(fill?.reason).toBe('entry');
  });

  it('fills a market short on the bid minus slippage, rounded down', async () => {
    const s = scenario();
    await s.broker.placeOrder(s.intent('EUR_USD', { side: 'sell', qty: 1000 }));
    await s.hour({ EUR_USD: s.flat(1.1) });
    // 1.1 − 0.00007 = 1.09993; × (1 − 0.00005) = 1.099875… → 1.09987
    expect((await s.broker.fetchFills(0))[0]?.price.toString()).toBe('1.09987');
  });

  it('fills the stop first when one bar touches both stop and target', async () => {
    const s = scenario();
    const intent = s.intent('EUR_USD', { qty: 1000, stop: '1.09', target: '1.11' });
    await s.broker.placeOrder(intent);
    await s.hour({ EUR_USD: s.flat(1.1) });
    await s.hour({ EUR_USD: { open: 1.1, high: 1.115, low: 1.085, close: 1.1 } });
    const exit = (await s.broker.fetchFills(0))[1];
    // 1.09 × (1 − 0.00005) = 1.0899455 → 1.08994, stamped at the bar's close
    expect(plain(exit!)).toMatchObject({ side: 'sell', price: '1.08994', reason: 'stop' });
    expect(exit?.time).toBe(QUIET_START + 2 * HOUR_MS);
    expect(s.broker.closedPositions()[0]?.exits.map((e) => e.reason)).toEqual(['stop']);
  });

  it('fills a stop that the bar gaps through at the open, not at the stop', async () => {
    const s = scenario();
    await s.broker.placeOrder(s.intent('EUR_USD', { qty: 1000, stop: '1.09', target: '1.11' }));
    await s.hour({ EUR_USD: s.flat(1.1) });
    const gapBar = await s.hour({ EUR_USD: { open: 1.08, high: 1.12, low: 1.07, close: 1.1 } });
    const exit = (await s.broker.fetchFills(0))[1];
    // bid 1.07993 × (1 − 0.00005) = 1.079876… → 1.07987
    expect(plain(exit!)).toMatchObject({ price: '1.07987', reason: 'stop' });
    expect(exit?.time).toBe(gapBar);
  });

  it('fills a target gapped through at the open at the better open price', async () => {
    const s = scenario();
    await s.broker.placeOrder(s.intent('EUR_USD', { qty: 1000, stop: '1.09', target: '1.11' }));
    await s.hour({ EUR_USD: s.flat(1.1) });
    await s.hour({ EUR_USD: { open: 1.12, high: 1.12, low: 1.05, close: 1.06 } });
    expect(plain((await s.broker.fetchFills(0))[1]!)).toMatchObject({ price: '1.11993', reason: 'target' });
  });

  it('resolves the stop and target on the entry bar itself, stop first', async () => {
    const s = scenario();
    await s.broker.placeOrder(s.intent('EUR_USD', { qty: 1000, stop: '1.09', target: '1.11' }));
    await s.hour({ EUR_USD: { open: 1.1, high: 1.12, low: 1.08, close: 1.1 } });
    expect((await s.broker.fetchFills(0)).map((f) => f.reason)).toEqual(['entry', 'stop']);
    expect(await s.broker.fetchPositions()).toEqual([]);
  });

  it('exits shorts on the ask and longs on the bid', async () => {
    const s = scenario();
    await s.broker.placeOrder(s.intent('EUR_USD', { side: 'sell', qty: 1000, stop: '1.11', target: '1.09' }));
    await s.broker.placeOrder(s.intent('EUR_USD', { qty: 1000, stop: '1.09', target: '1.11' }));
    await s.hour({ EUR_USD: s.flat(1.1) });
    // mid high 1.10995: the ask (1.11002) reaches the short's stop, the bid (1.10988) not the long's target
    await s.hour({ EUR_USD: { open: 1.1, high: 1.10995, low: 1.1, close: 1.1 } });
    const exits = (await s.broker.fetchFills(0)).filter((f) => f.reason !== 'entry');
    // 1.11 × (1 + 0.00005) = 1.1100555 → 1.11006
    expect(exits.map(plain)).toMatchObject([{ side: 'buy', reason: 'stop', price: '1.11006' }]);
    const open = await s.broker.fetchPositions();
    expect(
      open.map((p) => p.direction),
      'the long is still open',
    ).toEqual(['long']);
  });

  it("uses the bar's spread column, widened in the rollover hour", async () => {
    // 22:00 UTC is 17:00 in New York in January: EUR_USD's spread is tripled in that bar.
    const s = scenario(utc('2026-01-06T21:00:00Z'));
    await s.broker.placeOrder(s.intent('EUR_USD', { qty: 1000 }));
    await s.hour({ EUR_USD: s.flat(1.1, 0.0004) });
    await s.broker.placeOrder(s.intent('EUR_USD', { qty: 1000 }));
    await s.hour({ EUR_USD: s.flat(1.1, 0.0004) });
    await s.broker.placeOrder(s.intent('EUR_USD', { qty: 1000 }));
    await s.hour({ EUR_USD: s.flat(1.1) });
    const prices = (await s.broker.fetchFills(0)).map((f) => f.price.toString());
    // 1.1002 → 1.10025501 → 1.10026; 1.1006 → 1.10065503 → 1.10066; 1.10007 → 1.10013
    expect(prices).toEqual(['1.10026', '1.10066', '1.10013']);
    const ticker = await s.broker.fetchTicker(s.registry.get('EUR_USD').id);
    expect([ticker.bid, ticker.ask]).toEqual([1.09993, 1.10007]);
  });

  it('applies an amendment from the next bar that opens after it, not the bar it was made in', async () => {
    const s = scenario();
    const intent = s.intent('EUR_USD', { qty: 1000, stop: '1.09', target: '1.11' });
    await s.broker.placeOrder(intent);
    await s.hour({ EUR_USD: s.flat(1.1) });
    const [position] = await s.broker.fetchPositions();
    await s.clock.advanceBy(HOUR_MS / 2); // mid-bar: the running bar already started
    await s.broker.amendProtection(position!, { stop: new Big('1.098') });
    expect((await s.broker.fetchPositions())[0]?.stop?.toString(), 'accepted at once').toBe('1.098');
    const dip = { open: 1.1, high: 1.1, low: 1.0975, close: 1.1 };
    await s.clock.advanceTo(QUIET_START + 2 * HOUR_MS);
    s.broker.onBar('EUR_USD', { time: QUIET_START + HOUR_MS, volume: null, ...dip });
    expect(
      await s.broker.fetchPositions(),
      'the old stop still governs the bar of the decision',
    ).toHaveLength(1);
    await s.hour({ EUR_USD: dip });
    expect(await s.broker.fetchPositions()).toEqual([]);
    expect(s.broker.closedPositions()[0]?.exits[0]?.price.toString()).toBe('1.09794');
  });

  it('refuses a bar that has not closed yet, or that comes out of order', async () => {
    const s = scenario();
    const bar = { time: QUIET_START, volume: null, ...s.flat(1.1) };
    expect(() => s.broker.onBar('EUR_USD', bar), 'the clock is at its open').toThrow(/not closed yet/);
    await s.clock.advanceTo(QUIET_START + 2 * HOUR_MS);
    s.broker.onBar('EUR_USD', { ...bar, time: QUIET_START + HOUR_MS });
    expect(() => s.broker.onBar('EUR_USD', bar)).toThrow(/not after the last one/);
  });

  it('is deterministic: the same bars and orders give identical fills and ids', async () => {
    const run = async () => {
      const s = scenario();
      await s.broker.placeOrder(s.intent('EUR_USD', { qty: 1000, stop: '1.09', target: '1.11' }));
      await s.broker.placeOrder(s.intent('BTC/USDT', { qty: '0.01', stop: '48000', target: '52000' }));
      for (let i = 0; i < 30; i++) {
        const eur = 1.1 + 0.002 * Math.sin(i);
        const btc = 50_000 + 800 * Math.sin(i / 3);
        await s.hour({
          EUR_USD: { open: eur, high: eur + 0.001, low: eur - 0.001, close: eur },
          'BTC/USDT': { open: btc, high: btc + 500, low: btc - 500, close: btc },
        });
      }
      const fills = await s.broker.fetchFills(0);
      return {
        fills: fills.map((f) => ({ ...plain(f), id: f.tradeId })),
        balance: await s.broker.fetchBalance(),
      };
    };
    expect(await run()).toEqual(await run());
  });
});
