// giveUp must name an event the transition table accepts in every state a close can be left in:
// one it refuses throws out of sync(), at every sync, and the close blocks its ticket for good.
import { describe, expect, it } from 'vitest';
import { OrderStates } from '../domain/order.js';
import { giveUp } from './close-orders.js';
import type { OrderSnapshot } from './order-events.js';
import { isTerminal, TRANSITIONS } from './order-transitions.js';

describe('giveUp', () => {
  const open = OrderStates.filter((s) => !isTerminal(s));

  it.each(open)('from %s leads to a terminal state the table allows', (state) => {
    const event = giveUp({ state } as OrderSnapshot, 1_000, 'ticket closed (test)');
    const targets = TRANSITIONS[state][event.type];
    expect(targets, `${event.type} in ${state}`).toBeDefined();
    expect(targets!.every(isTerminal)).toBe(true);
  });

  it('denies a close never sent, refuses one in flight, cancels one that filled in part', () => {
    const kind = (state: OrderSnapshot['state']) => giveUp({ state } as OrderSnapshot, 1, 'r').type;
    expect(kind('INITIALIZED')).toBe('OrderDenied');
    expect([kind('SUBMITTED'), kind('ACCEPTED')]).toEqual(['OrderRejected', 'OrderRejected']);
    expect([kind('PARTIALLY_FILLED'), kind('PENDING_CANCEL')]).toEqual(['OrderCanceled', 'OrderCanceled']);
  });
});
