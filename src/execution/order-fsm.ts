// The order state machine (SPEC §10): pure, immutable. `apply` checks every event against the
// explicit table in order-transitions.ts and returns the transition to store; `replay` rebuilds an
// order from its stored transitions.
import Big from 'big.js';
import type { VenueOrderId } from '../domain/ids.js';
import type { OrderIntent, OrderState } from '../domain/order.js';
import {
  type Applied,
  type FillTotals,
  InvalidOrderTransition,
  type OrderEvent,
  type OrderFilled,
  type OrderSnapshot,
  type OrderStatusReported,
  type OrderTransition,
  type ReportedTotals,
} from './order-events.js';
import { executedQty, quantities, sameContent } from './order-quantities.js';
import { isTerminal, TRANSITIONS, VenueStates } from './order-transitions.js';

// The FSM's whole API from one module.
export { type Applied, InvalidOrderTransition, type OrderTransition } from './order-events.js';

const ZERO = new Big(0);

export function newOrder(intent: OrderIntent, at: number): OrderSnapshot {
  if (!intent.qty.gt(0)) throw new RangeError(`order ${intent.clientId} has qty ${intent.qty}`);
  return Object.freeze({
    intent,
    state: 'INITIALIZED',
    venueOrderId: undefined,
    filledQty: ZERO,
    overfill: undefined,
    avgFillPrice: undefined,
    fills: Object.freeze({ qty: ZERO, notional: ZERO, tradeIds: Object.freeze([]) }),
    reported: Object.freeze({ qty: ZERO, avgPrice: undefined }),
    reason: undefined,
    createdAt: at,
    updatedAt: at,
  });
}

export function apply(order: OrderSnapshot, event: OrderEvent): Applied {
  const allowed = TRANSITIONS[order.state][event.type];
  if (allowed === undefined) throw new InvalidOrderTransition(order, event, 'not in the transition table');
  if (event.type === 'OrderFilled') {
    checkFill(order, event);
    // Identity is (broker, trade id), the broker being the order's: a fill seen twice is a no-op.
    if (order.fills.tradeIds.includes(event.fill.tradeId)) return { order, transition: undefined };
  }
  const next = step(order, event);
  if (!allowed.includes(next.state)) {
    throw new InvalidOrderTransition(order, event, `${next.state} is not a listed target`);
  }
  if (sameContent(order, next)) return { order, transition: undefined };
  const grew =
    next.overfill !== undefined && (order.overfill === undefined || next.overfill.gt(order.overfill));
  const transition = {
    clientId: order.intent.clientId,
    from: order.state,
    to: next.state,
    event,
    overfill: grew ? next.overfill : undefined,
  };
  return { order: Object.freeze(next), transition: Object.freeze(transition) };
}

/** Rebuilds an order from its stored transitions; a history the table disagrees with throws. */
export function replay(initial: OrderSnapshot, transitions: readonly OrderTransition[]): OrderSnapshot {
  let order = initial;
  for (const recorded of transitions) {
    const { order: next, transition } = apply(order, recorded.event);
    if (transition === undefined || transition.from !== recorded.from || transition.to !== recorded.to) {
      const got = transition === undefined ? 'a no-op' : `${transition.from} → ${transition.to}`;
      throw new InvalidOrderTransition(
        order,
        recorded.event,
        `recorded ${recorded.from} → ${recorded.to}, replayed ${got}`,
      );
    }
    order = next;
  }
  return order;
}

type Draft = { -readonly [K in keyof OrderSnapshot]: OrderSnapshot[K] };

function step(order: OrderSnapshot, event: OrderEvent): Draft {
  const next: Draft = { ...order, updatedAt: event.at };
  const enter = (state: OrderState, reason?: string): Draft => {
    if (state !== order.state && reason !== undefined) next.reason = reason;
    next.state = state;
    return next;
  };
  switch (event.type) {
    case 'OrderSubmitted':
      return enter('SUBMITTED');
    case 'OrderDenied':
      return enter('DENIED', event.reason);
    case 'OrderAccepted':
      next.venueOrderId = venueId(order, event, event.venueOrderId);
      return enter('ACCEPTED');
    case 'OrderRejected':
      return enter('REJECTED', event.reason);
    case 'OrderCancelRequested':
      return enter('PENDING_CANCEL');
    case 'OrderCancelRejected':
      return enter(
        order.state !== 'PENDING_CANCEL'
          ? order.state
          : order.filledQty.gt(0)
            ? 'PARTIALLY_FILLED'
            : 'ACCEPTED',
      );
    case 'OrderCanceled':
      return enter('CANCELED');
    case 'OrderExpired':
      return enter('EXPIRED');
    case 'OrderFilled':
      return onFilled(order, event, next);
    case 'OrderStatusReported':
      return onReported(order, event, next);
  }
}

function checkFill(order: OrderSnapshot, event: OrderFilled): void {
  const { fill } = event;
  const { intent } = order;
  const foreign =
    fill.broker !== intent.broker ||
    fill.symbol !== intent.symbol ||
    fill.side !== intent.side ||
    (fill.clientId !== undefined && fill.clientId !== intent.clientId);
  if (foreign) throw new InvalidOrderTransition(order, event, `fill ${fill.tradeId} is not this order's`);
  if (!fill.qty.gt(0) || !fill.price.gt(0)) {
    throw new InvalidOrderTransition(
      order,
      event,
      `fill ${fill.tradeId} has qty ${fill.qty}, price ${fill.price}`,
    );
  }
}

function onFilled(order: OrderSnapshot, event: OrderFilled, next: Draft): Draft {
  const { fill } = event;
  next.venueOrderId = venueId(order, event, fill.venueOrderId);
  const fills: FillTotals = Object.freeze({
    qty: order.fills.qty.plus(fill.qty),
    notional: order.fills.notional.plus(fill.qty.times(fill.price)),
    tradeIds: Object.freeze([...order.fills.tradeIds, fill.tradeId]),
  });
  Object.assign(next, quantities(order.intent.qty, fills, order.reported));
  if (isTerminal(order.state)) {
    // FILLED takes any new fill (late attribution or overfill); a closed order only a late fill
    // within the quantity the venue reported for it.
    if (order.state !== 'FILLED' && fills.qty.gt(order.reported.qty)) {
      throw new InvalidOrderTransition(
        order,
        event,
        `fill ${fill.tradeId} exceeds the venue-reported ${order.reported.qty}`,
      );
    }
    return next;
  }
  next.state = executedQty(next).gte(order.intent.qty) ? 'FILLED' : 'PARTIALLY_FILLED';
  return next;
}

function onReported(order: OrderSnapshot, event: OrderStatusReported, next: Draft): Draft {
  const { report } = event;
  if (!VenueStates.includes(report.state)) {
    throw new InvalidOrderTransition(order, event, `${report.state} is not a venue state`);
  }
  if (report.filledQty.lt(0))
    throw new InvalidOrderTransition(order, event, `filled qty ${report.filledQty}`);
  next.venueOrderId = venueId(order, event, report.venueOrderId);
  // Venue quantities only grow: a lower one is a stale report and changes nothing.
  const reported: ReportedTotals = report.filledQty.gt(order.reported.qty)
    ? Object.freeze({ qty: report.filledQty, avgPrice: report.avgFillPrice ?? order.reported.avgPrice })
    : order.reported;
  Object.assign(next, quantities(order.intent.qty, order.fills, reported));
  const full = executedQty(next).gte(order.intent.qty);
  switch (report.state) {
    case 'ACCEPTED':
    case 'PARTIALLY_FILLED':
      next.state = full ? 'FILLED' : liveState(order, next);
      break;
    case 'PENDING_CANCEL':
      next.state = full ? 'FILLED' : 'PENDING_CANCEL';
      break;
    default:
      next.state = report.state;
  }
  return next;
}

// The venue says the order is working: its quantity decides, and a pending cancel stays pending
// unless something filled meanwhile (a fill during PENDING_CANCEL leaves it, as OrderFilled does).
function liveState(order: OrderSnapshot, next: OrderSnapshot): OrderState {
  const moved = executedQty(next).gt(executedQty(order));
  if (order.state === 'PENDING_CANCEL' && !moved) return 'PENDING_CANCEL';
  return executedQty(next).gt(0) ? 'PARTIALLY_FILLED' : 'ACCEPTED';
}

function venueId(order: OrderSnapshot, event: OrderEvent, id: VenueOrderId | undefined) {
  if (id !== undefined && order.venueOrderId !== undefined && id !== order.venueOrderId) {
    throw new InvalidOrderTransition(order, event, `venue order id ${id} is not ${order.venueOrderId}`);
  }
  return order.venueOrderId ?? id;
}
