// Orders at the simulated venue: what it refuses, resting entries, closes, and fault switches.
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { AmbiguousOrderError, RejectedError, RetryableError } from '../../domain/errors.js';
import { clientOrderId } from '../../domain/ids.js';
import { HOUR_MS } from '../../domain/timeframe.js';
import { plain, QUIET_START, scenario } from './test-support/scenario.js';

describe('SimulatedBroker orders', () => {
  it('refuses what a venue refuses, and keeps the refusal under the client id', async () => {
    const s = scenario();
    const refused = async (symbol: string, over: Parameters<typeof s.intent>[1], why: RegExp) => {
      const intent = s.intent(symbol, over);
      await expect(s.broker.placeOrder(intent)).rejects.toThrow(why);
      return intent;
    };
    await refused('EUR_USD', { qty: '0.5' }, /below the minimum/);
    await refused('BTC/USDT', { qty: '0.000015' }, /size step/);
    await refused('EUR_USD', { qty: 1000, stop: '1.090001' }, /tick/);
    await refused('EUR_USD', { qty: 1000, stop: '1.11', target: '1.09' }, /must lie below/);
    await refused('EUR_USD', { qty: 1000, orderKind: 'limit' }, /needs a price/);
    await refused('EUR_USD', { qty: 1000, kind: 'exit_manual' }, /closePosition/);
    const short = await refused('BTC/USDT', { qty: '0.01', side: 'sell' }, /BTC\/USDT cannot be shorted/);
    expect((await s.broker.fetchOrder({ clientId: short.clientId }))?.state).toBe('REJECTED');
    await expect(s.broker.placeOrder(short), 'the same id is refused again').rejects.toBeInstanceOf(
      RejectedError,
    );
    expect(await s.broker.fetchOpenOrders()).toEqual([]);
  });

  it('cancels a market entry whose stop the fill would already cross (no instant stop-out)', async () => {
    const s = scenario();
    const intent = s.intent('EUR_USD', { qty: 1000, stop: '1.09', target: '1.12' });
    await s.broker.placeOrder(intent);
    await s.hour({ EUR_USD: s.flat(1.085) });
    const order = await s.broker.fetchOrder({ clientId: intent.clientId });
    expect(order?.state).toBe('CANCELED');
    expect(await s.broker.fetchFills(0)).toEqual([]);
  });

  it('fills a limit entry inside the bar at its price, and its target only from the next bar', async () => {
    const s = scenario();
    const intent = s.intent('EUR_USD', {
      qty: 1000,
      orderKind: 'limit',
      price: '1.095',
      stop: '1.09',
      target: '1.1',
    });
    await s.broker.placeOrder(intent);
    await s.hour({ EUR_USD: { open: 1.1, high: 1.1001, low: 1.0949, close: 1.098 } }); // ask low 1.09497
    expect((await s.broker.fetchFills(0)).map(plain)).toMatchObject([{ price: '1.095', reason: 'entry' }]);
    expect(await s.broker.fetchPositions(), 'the high may have come before the fill').toHaveLength(1);
    await s.hour({ EUR_USD: { open: 1.098, high: 1.1001, low: 1.098, close: 1.1 } });
    expect((await s.broker.fetchFills(0)).map((f) => f.reason)).toEqual(['entry', 'target']);
  });

  it('fills a limit entry at a better open, and a stop entry when the ask reaches it', async () => {
    const s = scenario();
    await s.broker.placeOrder(s.intent('EUR_USD', { qty: 1000, orderKind: 'limit', price: '1.1' }));
    await s.broker.placeOrder(s.intent('EUR_USD', { qty: 1000, orderKind: 'stop', price: '1.095' }));
    await s.hour({ EUR_USD: { open: 1.09, high: 1.096, low: 1.09, close: 1.095 } });
    // limit: ask open 1.09007; stop: 1.095 × 1.00005 = 1.09505475 → 1.09506
    expect((await s.broker.fetchFills(0)).map((f) => f.price.toString())).toEqual(['1.09007', '1.09506']);
  });

  it('expires a limit entry after its bars (LIMIT_ENTRY_BARS, or per order)', async () => {
    const s = scenario(undefined, { limitEntryBars: 2 });
    const standard = s.intent('EUR_USD', { qty: 1000, orderKind: 'limit', price: '1.09' });
    const short = s.intent('EUR_USD', { qty: 1000, orderKind: 'limit', price: '1.08' });
    expect((await s.broker.placeOrder(standard)).expiresAfterBars).toBe(2);
    await s.broker.placeOrder(short, { expiresAfterBars: 1 });
    await s.hour({ EUR_USD: s.flat(1.1) });
    expect((await s.broker.fetchOrder({ clientId: short.clientId }))?.state).toBe('EXPIRED');
    expect((await s.broker.fetchOrder({ clientId: standard.clientId }))?.state).toBe('ACCEPTED');
    await s.hour({ EUR_USD: s.flat(1.1) });
    expect((await s.broker.fetchOrder({ clientId: standard.clientId }))?.state).toBe('EXPIRED');
    await s.hour({ EUR_USD: s.flat(1.0) });
    expect(await s.broker.fetchFills(0)).toEqual([]);
  });

  it("closes at the next bar's open; a close overtaken by the stop is canceled", async () => {
    const s = scenario();
    await s.broker.placeOrder(s.intent('EUR_USD', { qty: 1000, stop: '1.09' }));
    await s.hour({ EUR_USD: s.flat(1.1) });
    const [position] = await s.broker.fetchPositions();
    await expect(
      s.broker.closePosition(position!, { clientId: clientOrderId('c-big'), qty: new Big(2000) }),
    ).rejects.toThrow(/only 1000 is open/);
    await expect(
      s.broker.closePosition(position!, { clientId: clientOrderId('c-odd'), qty: new Big('0.5') }),
    ).rejects.toThrow(/below the minimum/);
    await s.clock.advanceBy(HOUR_MS / 2);
    const ack = await s.broker.closePosition(position!, { clientId: clientOrderId('c-late') });
    expect(ack).toMatchObject({
      state: 'ACCEPTED',
      side: 'sell',
      kind: 'market',
      positionRef: position!.ref,
    });
    await s.clock.advanceTo(QUIET_START + 2 * HOUR_MS);
    s.broker.onBar('EUR_USD', {
      time: QUIET_START + HOUR_MS,
      volume: null,
      open: 1.1,
      high: 1.1,
      low: 1.08,
      close: 1.085,
    });
    await s.clock.advanceTo(QUIET_START + 3 * HOUR_MS);
    s.broker.onBar('EUR_USD', { time: QUIET_START + 2 * HOUR_MS, volume: null, ...s.flat(1.085) });
    const close = await s.broker.fetchOrder({ clientId: clientOrderId('c-late') });
    expect(close).toMatchObject({ state: 'CANCELED', reason: 'the position was already closed' });
    expect((await s.broker.fetchFills(0)).map((f) => f.reason)).toEqual(['entry', 'stop']);
  });

  it('refuses to cancel a filled order; a repeated cancel is fine', async () => {
    const s = scenario();
    const filled = s.intent('EUR_USD', { qty: 1000 });
    const resting = s.intent('EUR_USD', { qty: 1000, orderKind: 'limit', price: '1.05' });
    await s.broker.placeOrder(filled);
    await s.broker.placeOrder(resting);
    await s.hour({ EUR_USD: s.flat(1.1) });
    await expect(s.broker.cancelOrder({ clientId: filled.clientId })).rejects.toThrow(/FILLED/);
    await s.broker.cancelOrder({ clientId: resting.clientId });
    await s.broker.cancelOrder({ clientId: resting.clientId });
    await expect(s.broker.cancelOrder({ clientId: clientOrderId('nope') })).rejects.toBeInstanceOf(
      RejectedError,
    );
  });

  it('serves closed candles only, and replays loaded bars in time order', async () => {
    const s = scenario(QUIET_START - 4 * HOUR_MS);
    const t0 = QUIET_START - 4 * HOUR_MS;
    const hourly = [0, 1, 2, 3, 4, 5].map((i) => ({
      time: t0 + i * HOUR_MS,
      volume: 1,
      ...s.flat(1.1 + i / 1000),
    }));
    s.broker.loadSeries('EUR_USD', '1h', hourly);
    s.broker.loadSeries('EUR_USD', '4h', [{ time: t0, volume: 4, ...s.flat(1.1) }]);
    await s.broker.placeOrder(s.intent('EUR_USD', { qty: 1000 }));
    const symbol = s.registry.get('EUR_USD').id;
    expect(await s.broker.fetchCandles(symbol, '1h')).toEqual([]);
    await s.clock.advanceTo(t0 + 3 * HOUR_MS + 1);
    expect((await s.broker.fetchCandles(symbol, '1h')).map((c) => c.time)).toEqual([
      t0,
      t0 + HOUR_MS,
      t0 + 2 * HOUR_MS,
    ]);
    expect(await s.broker.fetchCandles(symbol, '1h', t0 + HOUR_MS)).toHaveLength(2);
    expect(await s.broker.fetchCandles(symbol, '4h'), 'the 4h bar is still open').toEqual([]);
    expect(s.broker.replayTo()).toBe(3);
    await s.clock.advanceTo(t0 + 4 * HOUR_MS);
    expect(await s.broker.fetchCandles(symbol, '4h')).toHaveLength(1);
    expect(s.broker.replayTo()).toBe(1);
    expect(
      (await s.broker.fetchFills(0)).map((f) => f.time),
      'filled at the first bar',
    ).toEqual([t0]);
  });

  it('injects faults deterministically: failures do nothing, lost responses apply', async () => {
    const s = scenario();
    const intent = s.intent('EUR_USD', { qty: 1000 });
    s.broker.faults.failNext('placeOrder');
    await expect(s.broker.placeOrder(intent)).rejects.toBeInstanceOf(RetryableError);
    expect(
      await s.broker.fetchOrder({ clientId: intent.clientId }),
      'a failed call does nothing',
    ).toBeUndefined();
    await s.broker.placeOrder(intent);
    await s.hour({ EUR_USD: s.flat(1.1) });
    const [position] = await s.broker.fetchPositions();
    s.broker.faults.loseNextResponse('closePosition');
    const close = { clientId: clientOrderId('c-lost') };
    await expect(s.broker.closePosition(position!, close)).rejects.toBeInstanceOf(AmbiguousOrderError);
    expect((await s.broker.fetchOrder(close))?.state).toBe('ACCEPTED');
    s.broker.faults.rejectNext('fetchFills', 'maintenance');
    await expect(s.broker.fetchFills(0)).rejects.toThrow('maintenance');
    s.broker.faults.disconnect();
    expect((await s.broker.checkConnectivity()).ok).toBe(false);
    await expect(s.broker.fetchBalance()).rejects.toBeInstanceOf(RetryableError);
    s.broker.faults.reconnect();
    await s.hour({ EUR_USD: s.flat(1.1) });
    expect(await s.broker.fetchPositions()).toEqual([]);
  });
});
