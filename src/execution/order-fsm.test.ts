import { describe, expect, it } from 'vitest';
import type { VenueOrderId } from '../domain/ids.js';
import { apply, InvalidOrderTransition, newOrder, replay } from './order-fsm.js';
import { executedQty } from './order-quantities.js';
import { isTerminal, TerminalStates, TRANSITIONS } from './order-transitions.js';
import {
  accepted,
  CLIENT_ID,
  canceled,
  cancelRequested,
  fill,
  filled,
  intent,
  reported,
  run,
  submitted,
} from './test-support.js';

const fresh = () => newOrder(intent(), 0);
const working = () => run(fresh(), [submitted, accepted]).order;

describe('the transition table', () => {
  const rows = Object.entries(TRANSITIONS).flatMap(([from, row]) =>
    Object.entries(row).flatMap(([event, targets]) => targets.map((to) => ({ from, event, to }))),
  );

  it('lets terminal states lead only to themselves', () => {
    for (const { from, to } of rows)
      if (isTerminal(from as never)) expect(to, `${from} is terminal`).toBe(from);
    expect(TerminalStates).toEqual(['FILLED', 'CANCELED', 'EXPIRED', 'REJECTED', 'DENIED']);
  });

  it('never leads back to INITIALIZED, and to DENIED only from INITIALIZED', () => {
    expect(rows.filter((r) => r.to === 'INITIALIZED')).toEqual([]);
    expect(rows.filter((r) => r.to === 'DENIED' && r.from !== 'DENIED').map((r) => r.from)).toEqual([
      'INITIALIZED',
    ]);
  });

  it('accepts OrderSubmitted only from INITIALIZED', () => {
    expect(rows.filter((r) => r.event === 'OrderSubmitted').map((r) => r.from)).toEqual(['INITIALIZED']);
  });
});

describe('order FSM: the happy path', () => {
  it('goes INITIALIZED → SUBMITTED → ACCEPTED → PARTIALLY_FILLED → FILLED with an exact average', () => {
    const { order, transitions } = run(fresh(), [
      submitted,
      accepted,
      filled(fill('t1', '0.3', '100.1')),
      filled(fill('t2', '0.7', '100.2')),
    ]);
    expect(transitions.map((t) => `${t.from}→${t.to}`)).toEqual([
      'INITIALIZED→SUBMITTED',
      'SUBMITTED→ACCEPTED',
      'ACCEPTED→PARTIALLY_FILLED',
      'PARTIALLY_FILLED→FILLED',
    ]);
    expect(order.filledQty.toString()).toBe('1');
    expect(order.avgFillPrice?.toString(), '0.3×100.1 + 0.7×100.2, no float error').toBe('100.17');
    expect(order.venueOrderId).toBe('v-1');
    expect(order.overfill).toBeUndefined();
  });

  it('keeps snapshots immutable', () => {
    const before = fresh();
    const { order } = apply(before, submitted);
    expect(before.state).toBe('INITIALIZED');
    expect(order.state).toBe('SUBMITTED');
    expect(Object.isFrozen(order)).toBe(true);
  });

  it('records a risk denial only from INITIALIZED, with its code', () => {
    const { order } = apply(fresh(), { type: 'OrderDenied', at: 1, reason: 'MAX_OPEN_POSITIONS' });
    expect(order.state).toBe('DENIED');
    expect(order.reason).toBe('MAX_OPEN_POSITIONS');
    const sub = run(fresh(), [submitted]).order;
    expect(() => apply(sub, { type: 'OrderDenied', at: 1, reason: 'X' })).toThrow(InvalidOrderTransition);
  });
});

describe('order FSM: in flight and never re-submitted', () => {
  it('refuses a second OrderSubmitted: an unknown outcome is resolved by querying', () => {
    const sub = run(fresh(), [submitted]).order;
    expect(() => apply(sub, submitted)).toThrow(InvalidOrderTransition);
  });

  it('jumps SUBMITTED → FILLED when the venue reports a fill whose ack was lost', () => {
    const { order, transition } = apply(run(fresh(), [submitted]).order, reported('FILLED', '1', '101.5'));
    expect(transition?.from).toBe('SUBMITTED');
    expect(transition?.to).toBe('FILLED');
    expect(order.filledQty.toString()).toBe('1');
    expect(order.avgFillPrice?.toString()).toBe('101.5');
    expect(order.venueOrderId).toBe('v-1');
  });

  it('takes a fill before the ack, and the late ack then changes nothing it may not', () => {
    const { order } = run(fresh(), [
      submitted,
      filled(fill('t1', '0.4', '100', { venueOrderId: 'v-1' as VenueOrderId })),
    ]);
    expect(order.state).toBe('PARTIALLY_FILLED');
    expect(() => apply(order, accepted), 'ACCEPTED would forget the fill').toThrow(InvalidOrderTransition);
    expect(
      apply(order, reported('ACCEPTED', '0')).transition,
      'a stale live report is a no-op',
    ).toBeUndefined();
  });

  it('derives the state from the reported quantity for a live report', () => {
    const sub = run(fresh(), [submitted]).order;
    expect(apply(sub, reported('ACCEPTED', '0.5', '100')).order.state).toBe('PARTIALLY_FILLED');
    expect(apply(sub, reported('PARTIALLY_FILLED', '0')).order.state).toBe('ACCEPTED');
  });

  it('refuses reports of states only we can be in', () => {
    const sub = run(fresh(), [submitted]).order;
    for (const state of ['INITIALIZED', 'SUBMITTED', 'DENIED'] as const) {
      expect(() => apply(sub, reported(state, '0'))).toThrow(/not a venue state/);
    }
  });

  it('refuses a report or fill carrying another venue order id', () => {
    expect(() => apply(working(), reported('ACCEPTED', '0', undefined, 'v-2' as VenueOrderId))).toThrow(
      /venue order id v-2/,
    );
    const other = fill('t1', '0.1', '100', { venueOrderId: 'v-2' as VenueOrderId });
    expect(() => apply(working(), filled(other))).toThrow(InvalidOrderTransition);
  });
});

describe('order FSM: cancels', () => {
  it('moves a fill during PENDING_CANCEL to PARTIALLY_FILLED or FILLED', () => {
    const pending = run(working(), [cancelRequested]).order;
    expect(apply(pending, filled(fill('t1', '0.2', '100'))).order.state).toBe('PARTIALLY_FILLED');
    expect(apply(pending, filled(fill('t1', '1', '100'))).order.state).toBe('FILLED');
  });

  it('returns from PENDING_CANCEL on a rejected cancel, by filled quantity', () => {
    const reject = { type: 'OrderCancelRejected', at: 2, reason: 'too late' } as const;
    expect(apply(run(working(), [cancelRequested]).order, reject).order.state).toBe('ACCEPTED');
    const partial = run(working(), [filled(fill('t1', '0.2', '100')), cancelRequested]).order;
    expect(apply(partial, reject).order.state).toBe('PARTIALLY_FILLED');
  });

  it('treats repeated cancel requests and a live report during PENDING_CANCEL as no-ops', () => {
    const pending = run(working(), [cancelRequested]).order;
    expect(apply(pending, cancelRequested).transition).toBeUndefined();
    expect(apply(pending, reported('ACCEPTED', '0')).transition).toBeUndefined();
  });

  it('refuses a late fill on CANCELED until the venue reports that quantity, then attributes it', () => {
    const closed = run(working(), [cancelRequested, canceled]).order;
    const late = filled(fill('t9', '0.25', '99'));
    expect(() => apply(closed, late)).toThrow(/exceeds the venue-reported 0/);
    const { order, transition } = apply(closed, reported('CANCELED', '0.25', '99'));
    expect(transition, 'the venue report is new information').toMatchObject({
      from: 'CANCELED',
      to: 'CANCELED',
    });
    expect(order.filledQty.toString()).toBe('0.25');
    const attributed = apply(order, late);
    expect(attributed.order.state).toBe('CANCELED');
    expect(attributed.order.fills.tradeIds).toEqual(['t9']);
    expect(attributed.order.filledQty.toString(), 'fills and reports never add up').toBe('0.25');
  });
});

describe('order FSM: fills', () => {
  it('ignores a fill it has already seen (same trade id): no transition', () => {
    const once = run(working(), [filled(fill('t1', '0.5', '100'))]).order;
    const twice = apply(once, filled(fill('t1', '0.5', '100')));
    expect(twice.order).toBe(once);
    expect(twice.transition).toBeUndefined();
  });

  it('records an overfill explicitly instead of clamping it away', () => {
    const { order, transitions } = run(working(), [
      filled(fill('t1', '0.8', '100')),
      filled(fill('t2', '0.5', '102')),
    ]);
    expect(order.state).toBe('FILLED');
    expect(order.filledQty.toString()).toBe('1');
    expect(order.overfill?.toString()).toBe('0.3');
    expect(executedQty(order).toString()).toBe('1.3');
    expect(transitions.at(-1)?.overfill?.toString()).toBe('0.3');
    const more = apply(order, filled(fill('t3', '0.1', '102')));
    expect(more.transition?.overfill?.toString(), 'FILLED takes a further overfill').toBe('0.4');
  });

  it('refuses fills of another order, broker, side or symbol, and non-positive quantities', () => {
    const w = working();
    expect(() => apply(w, filled(fill('t1', '1', '100', { broker: 'oanda' })))).toThrow(/not this order's/);
    expect(() => apply(w, filled(fill('t1', '1', '100', { side: 'sell' })))).toThrow(/not this order's/);
    expect(() => apply(w, filled(fill('t1', '0', '100')))).toThrow(/has qty 0/);
  });

  it('never takes a fill in REJECTED or DENIED', () => {
    const rejected = run(fresh(), [submitted, { type: 'OrderRejected', at: 1, reason: 'margin' }]).order;
    expect(() => apply(rejected, filled(fill('t1', '1', '100')))).toThrow(/not in the transition table/);
  });
});

describe('InvalidOrderTransition', () => {
  it('names the client id, the state and the event', () => {
    const error = (() => {
      try {
        apply(fresh(), canceled);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidOrderTransition);
    expect(error).toMatchObject({ clientId: CLIENT_ID, state: 'INITIALIZED', event: canceled });
    expect(String(error)).toContain('dvb-E-A-test: OrderCanceled is invalid in INITIALIZED');
  });
});

describe('replay', () => {
  it('rebuilds the final snapshot from the stored transitions and refuses a forged history', () => {
    const initial = fresh();
    const { order, transitions } = run(initial, [submitted, accepted, filled(fill('t1', '1', '100'))]);
    expect(replay(initial, transitions)).toEqual(order);
    const forged = [transitions[0]!, { ...transitions[1]!, to: 'FILLED' as const }];
    expect(() => replay(initial, forged)).toThrow(/recorded SUBMITTED → FILLED/);
  });
});
