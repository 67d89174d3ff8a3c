// Random event sequences against the FSM's invariants (SPEC §10). Small pools of trade ids, venue
// ids and quantities make duplicates, conflicts and overfills common.
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VenueOrderId } from '../domain/ids.js';
import { type Fill, OrderStates } from '../domain/order.js';
import type { OrderEvent, OrderSnapshot } from './order-events.js';
import { apply, InvalidOrderTransition, newOrder, type OrderTransition, replay } from './order-fsm.js';
import { isTerminal, TRANSITIONS } from './order-transitions.js';
import { fill, intent, reported } from './test-support.js';

const venueId = fc.constantFrom<VenueOrderId | undefined>(
  'v-1' as VenueOrderId,
  'v-2' as VenueOrderId,
  undefined,
);
const qty = fc.constantFrom('0', '0.1', '0.25', '0.5', '1', '2.5', '3');
const price = fc.constantFrom('99.5', '100', '100.25');
const reason = fc.constantFrom('a', 'b');

// Each event without its time; times are the sequence positions.
const eventWithout = fc.oneof(
  { arbitrary: fc.constant({ type: 'OrderSubmitted' } as const), weight: 3 },
  { arbitrary: reason.map((r) => ({ type: 'OrderDenied', reason: r }) as const), weight: 1 },
  {
    arbitrary: venueId
      .filter((v) => v !== undefined)
      .map((v) => ({ type: 'OrderAccepted', venueOrderId: v }) as const),
    weight: 2,
  },
  { arbitrary: reason.map((r) => ({ type: 'OrderRejected', reason: r }) as const), weight: 1 },
  { arbitrary: fc.constant({ type: 'OrderCancelRequested' } as const), weight: 2 },
  { arbitrary: reason.map((r) => ({ type: 'OrderCancelRejected', reason: r }) as const), weight: 1 },
  { arbitrary: fc.constant({ type: 'OrderCanceled' } as const), weight: 1 },
  { arbitrary: fc.constant({ type: 'OrderExpired' } as const), weight: 1 },
  {
    arbitrary: fc
      .record({ id: fc.constantFrom('t1', 't2', 't3', 't4', 't5', 't6'), qty, price, venueOrderId: venueId })
      .map(({ id, qty, price, venueOrderId }) => ({
        type: 'OrderFilled' as const,
        fill: fill(id, qty === '0' ? '0.5' : qty, price, { venueOrderId }),
      })),
    weight: 6,
  },
  {
    arbitrary: fc
      .record({
        state: fc.constantFrom(...OrderStates),
        qty,
        avg: fc.option(price, { nil: undefined }),
        venueId,
      })
      .map(({ state, qty, avg, venueId }) => {
        const { report } = reported(state, qty, avg, venueId);
        return { type: 'OrderStatusReported' as const, report };
      }),
    weight: 4,
  },
);
// Mostly submitted first, so that the sequences explore the states past INITIALIZED.
const events = fc
  .tuple(
    fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, fc.constant(false)),
    fc.array(eventWithout, { maxLength: 40 }),
  )
  .map(([submitFirst, list]) =>
    (submitFirst ? [{ type: 'OrderSubmitted' } as const, ...list] : list).map(
      (e, i) => ({ ...e, at: i + 1 }) as OrderEvent,
    ),
  );
const orderQty = fc.constantFrom('0.3', '1', '2.5');

const text = (o: OrderSnapshot) => JSON.stringify(o);
const max = (a: Big, b: Big) => (a.gt(b) ? a : b);

function check(initial: OrderSnapshot, list: readonly OrderEvent[]) {
  let order = initial;
  const transitions: OrderTransition[] = [];
  const seen = new Map<string, Fill>(); // the model of de-duplicated fills
  for (const event of list) {
    const before = text(order);
    const listed = TRANSITIONS[order.state][event.type];
    let result: ReturnType<typeof apply>;
    try {
      result = apply(order, event);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidOrderTransition);
      expect(text(order), 'a refused event leaves the snapshot as it was').toBe(before);
      continue;
    }
    expect(listed, `${event.type} in ${order.state} is in the table`).toBeDefined();
    const { order: next, transition } = result;
    expect(OrderStates).toContain(next.state);
    if (transition === undefined) {
      expect(next, 'a no-op returns the same snapshot').toBe(order);
    } else {
      expect(transition.from).toBe(order.state);
      expect(transition.to).toBe(next.state);
      expect(TRANSITIONS[transition.from][event.type]).toContain(transition.to);
      transitions.push(transition);
    }
    if (isTerminal(order.state)) expect(next.state, 'terminal states stay terminal').toBe(order.state);
    if (event.type === 'OrderFilled' && !seen.has(event.fill.tradeId))
      seen.set(event.fill.tradeId, event.fill);
    order = next;
    checkQuantities(order, seen);
    checkDuplicates(order, seen);
  }
  expect(replay(initial, transitions), 'stored transitions replay to the final snapshot').toEqual(order);
}

function checkQuantities(order: OrderSnapshot, seen: Map<string, Fill>) {
  const applied = order.fills.tradeIds.map((id) => seen.get(id)!);
  const sum = applied.reduce((s, f) => s.plus(f.qty), new Big(0));
  expect(order.fills.qty.eq(sum), 'fills counted once each').toBe(true);
  const executed = max(order.fills.qty, order.reported.qty);
  expect(order.filledQty.lte(order.intent.qty), 'filled never exceeds ordered').toBe(true);
  if (executed.gt(order.intent.qty)) {
    expect(order.overfill?.eq(executed.minus(order.intent.qty)), 'an excess is an explicit overfill').toBe(
      true,
    );
  } else {
    expect(order.overfill).toBeUndefined();
  }
}

function checkDuplicates(order: OrderSnapshot, seen: Map<string, Fill>) {
  for (const id of order.fills.tradeIds) {
    const again = apply(order, { type: 'OrderFilled', at: order.updatedAt + 1, fill: seen.get(id)! });
    expect(again.transition, `fill ${id} again is a no-op`).toBeUndefined();
    expect(again.order).toBe(order);
  }
}

describe('order FSM properties', () => {
  it('keeps its invariants over random event sequences', () => {
    fc.assert(
      fc.property(orderQty, events, (q, list) => check(newOrder(intent({ qty: new Big(q) }), 0), list)),
      { numRuns: 1000 },
    );
  });

  it('throws for every event missing from a state row and leaves the order unchanged', () => {
    // Drive a valid prefix to each reachable state, then try every event.
    fc.assert(
      fc.property(events, eventWithout, (list, extra) => {
        let order = newOrder(intent(), 0);
        for (const e of list) {
          try {
            order = apply(order, e).order;
          } catch {}
        }
        const event = { ...extra, at: 99 } as OrderEvent;
        if (TRANSITIONS[order.state][event.type] !== undefined) return;
        const before = text(order);
        expect(() => apply(order, event)).toThrow(InvalidOrderTransition);
        expect(text(order)).toBe(before);
      }),
      { numRuns: 400 },
    );
  });
});
