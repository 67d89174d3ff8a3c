import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import type { VenueOrder } from '../domain/broker.js';
import type { PositionId, SignalId, VenueOrderId } from '../domain/ids.js';
import { clientOrderId } from '../domain/ids.js';
import { FillLedger } from './fill-ledger.js';
import { OrderBook } from './order-book.js';
import { InvalidOrderTransition, newOrder } from './order-fsm.js';
import { accepted, CLIENT_ID, fill, intent, SYMBOL, submitted, VENUE_ID } from './test-support.js';

const B_ID = clientOrderId('dvb-E-B-test');
const SIGNAL = 's1' as SignalId;
const POSITION = 'p1' as PositionId;

function book() {
  const b = new OrderBook();
  b.add(newOrder(intent({ signalId: SIGNAL, positionId: POSITION }), 0));
  b.add(newOrder(intent({ clientId: B_ID, ticket: 'B', signalId: SIGNAL, positionId: POSITION }), 0));
  return b;
}

const venueOrder = (overrides: Partial<VenueOrder> = {}): VenueOrder => ({
  clientId: CLIENT_ID,
  venueOrderId: VENUE_ID,
  symbol: SYMBOL,
  side: 'buy',
  kind: 'market',
  state: 'FILLED',
  qty: new Big(1),
  filledQty: new Big(1),
  avgFillPrice: new Big(100),
  positionRef: undefined,
  updatedAt: 5,
  ...overrides,
});

describe('OrderBook', () => {
  it('applies events through the FSM and returns the transitions to store', () => {
    const b = book();
    expect(b.apply(CLIENT_ID, submitted)).toMatchObject({ from: 'INITIALIZED', to: 'SUBMITTED' });
    expect(b.apply(CLIENT_ID, accepted)).toMatchObject({ from: 'SUBMITTED', to: 'ACCEPTED' });
    expect(b.apply(CLIENT_ID, accepted), 'a duplicate ack stores nothing').toBeUndefined();
    expect(b.get(CLIENT_ID)?.state).toBe('ACCEPTED');
    expect(b.byVenueId('binance', VENUE_ID)?.intent.clientId).toBe(CLIENT_ID);
    expect(b.byVenueId('oanda', VENUE_ID), 'venue ids are per venue').toBeUndefined();
  });

  it('leaves an order as it was when the FSM refuses an event', () => {
    const b = book();
    expect(() => b.apply(CLIENT_ID, { type: 'OrderCanceled', at: 1 })).toThrow(InvalidOrderTransition);
    expect(b.get(CLIENT_ID)?.state).toBe('INITIALIZED');
    expect(() => b.apply(clientOrderId('nope'), submitted)).toThrow(RangeError);
    expect(() => b.add(newOrder(intent(), 0)), 'a client id is created once').toThrow(RangeError);
  });

  it('routes fills by client id or venue id, once per trade id', () => {
    const b = book();
    b.apply(CLIENT_ID, submitted);
    b.apply(CLIENT_ID, accepted);
    const byVenue = fill('t1', '0.4', '100', { clientId: undefined, venueOrderId: VENUE_ID });
    expect(b.applyFill(byVenue, 2)).toMatchObject({
      kind: 'applied',
      transition: { to: 'PARTIALLY_FILLED' },
    });
    expect(b.applyFill(byVenue, 3)).toEqual({ kind: 'duplicate' });
    expect(b.applyFill(fill('t2', '1', '100', { clientId: undefined }), 3)).toEqual({ kind: 'unmatched' });
    expect(b.get(CLIENT_ID)?.filledQty.toString()).toBe('0.4');
  });

  it('keeps a refused fill out of the ledger so it can be applied after reconciliation', () => {
    const ledger = new FillLedger();
    const b = new OrderBook(ledger);
    b.add(newOrder(intent(), 0));
    expect(() => b.applyFill(fill('t1', '1', '100'), 1), 'not submitted yet').toThrow(InvalidOrderTransition);
    expect(ledger.has('binance', fill('t1', '1', '1').tradeId)).toBe(false);
  });

  it('resolves an in-flight order from the venue report', () => {
    const b = book();
    b.apply(CLIENT_ID, submitted);
    const outcome = b.applyReport('binance', venueOrder(), 5);
    expect(outcome).toMatchObject({ kind: 'applied', transition: { from: 'SUBMITTED', to: 'FILLED' } });
    expect(b.applyReport('binance', venueOrder(), 6).kind).toBe('unchanged');
    const stranger = venueOrder({ clientId: undefined, venueOrderId: 'v-9' as VenueOrderId });
    expect(b.applyReport('binance', stranger, 6)).toEqual({ kind: 'unmatched' });
  });

  it('refuses to give two orders the same venue order id', () => {
    const b = book();
    b.apply(CLIENT_ID, submitted);
    b.apply(CLIENT_ID, accepted);
    b.apply(B_ID, submitted);
    expect(() => b.apply(B_ID, accepted)).toThrow(/belongs to dvb-E-A-test/);
    expect(b.get(B_ID)?.state).toBe('SUBMITTED');
  });

  it('lets an exit found by its client id keep no venue id of its entry (IG closes under the deal id)', () => {
    const b = book();
    b.apply(CLIENT_ID, submitted);
    b.apply(CLIENT_ID, accepted);
    const EXIT = clientOrderId('dvb-M-A-test');
    b.add(newOrder(intent({ clientId: EXIT, kind: 'exit_manual', side: 'sell', positionId: POSITION }), 0));
    b.apply(EXIT, submitted);
    const ack = venueOrder({ clientId: EXIT, side: 'sell', state: 'FILLED' });
    expect(b.applyReport('binance', ack, 2)).toMatchObject({ kind: 'applied', transition: { to: 'FILLED' } });
    const closed = fill('t9', '1', '101', { clientId: EXIT, side: 'sell', venueOrderId: VENUE_ID });
    expect(b.applyFill(closed, 3)).toMatchObject({ kind: 'applied' });
    expect(b.get(EXIT)?.venueOrderId).toBeUndefined();
    expect(b.byVenueId('binance', VENUE_ID)?.intent.clientId, 'still the entry’s').toBe(CLIENT_ID);
    expect(
      b.open().map((o) => o.intent.clientId),
      'a filled exit is not open',
    ).toEqual([CLIENT_ID, B_ID]);
  });

  it('lists open orders and the orders of a position, signal or ticket', () => {
    const b = book();
    b.apply(B_ID, { type: 'OrderDenied', at: 1, reason: 'RISK' });
    expect(b.open().map((o) => o.intent.clientId)).toEqual([CLIENT_ID]);
    expect(b.ofPosition(POSITION)).toHaveLength(2);
    expect(b.ofPosition(POSITION, 'B').map((o) => o.intent.clientId)).toEqual([B_ID]);
    expect(b.ofSignal(SIGNAL, 'A').map((o) => o.intent.clientId)).toEqual([CLIENT_ID]);
    expect(b.ofSignal('other' as SignalId)).toEqual([]);
    expect(b.delete(B_ID)).toBe(true);
    expect(b.delete(B_ID)).toBe(false);
    expect(b.ofPosition(POSITION)).toHaveLength(1);
  });
});
