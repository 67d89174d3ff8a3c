// SPEC §10's explicit transition table (NautilusTrader style): for each state, the events it accepts
// and the states each may lead to. `apply` computes the target from the event and the quantities,
// then refuses any pair not listed here. A listed self-transition is a no-op unless it adds
// information (a late-attributed fill, a larger venue-reported quantity).
import type { OrderState } from '../domain/order.js';
import type { OrderEventType } from './order-events.js';

export type TransitionRow = Readonly<Partial<Record<OrderEventType, readonly OrderState[]>>>;

const FILLS = ['PARTIALLY_FILLED', 'FILLED'] as const;

export const TRANSITIONS: Readonly<Record<OrderState, TransitionRow>> = {
  INITIALIZED: { OrderSubmitted: ['SUBMITTED'], OrderDenied: ['DENIED'] },
  // In flight: the outcome may be unknown; only the venue's word (an event or a report) moves it.
  SUBMITTED: {
    OrderAccepted: ['ACCEPTED'],
    OrderRejected: ['REJECTED'],
    OrderFilled: FILLS, // the ack was lost or arrived after the fill
    OrderCanceled: ['CANCELED'], // IOC/FOK, or canceled by the venue before we saw the ack
    OrderExpired: ['EXPIRED'],
    OrderStatusReported: [
      'ACCEPTED',
      'PARTIALLY_FILLED',
      'FILLED',
      'PENDING_CANCEL',
      'CANCELED',
      'REJECTED',
      'EXPIRED',
    ],
  },
  ACCEPTED: {
    OrderAccepted: ['ACCEPTED'], // duplicate ack (stream and response)
    OrderRejected: ['REJECTED'], // a stop refused when triggered
    OrderFilled: FILLS,
    OrderCancelRequested: ['PENDING_CANCEL'],
    OrderCancelRejected: ['ACCEPTED'], // duplicate rejection after returning from PENDING_CANCEL
    OrderCanceled: ['CANCELED'], // also by the venue or a user at the venue
    OrderExpired: ['EXPIRED'],
    OrderStatusReported: [
      'ACCEPTED',
      'PARTIALLY_FILLED',
      'FILLED',
      'PENDING_CANCEL',
      'CANCELED',
      'REJECTED',
      'EXPIRED',
    ],
  },
  PARTIALLY_FILLED: {
    OrderFilled: FILLS,
    OrderCancelRequested: ['PENDING_CANCEL'],
    OrderCancelRejected: ['PARTIALLY_FILLED'], // a fill during PENDING_CANCEL brought us here first
    OrderCanceled: ['CANCELED'],
    OrderExpired: ['EXPIRED'],
    OrderStatusReported: ['PARTIALLY_FILLED', 'FILLED', 'PENDING_CANCEL', 'CANCELED', 'EXPIRED'],
  },
  PENDING_CANCEL: {
    OrderFilled: FILLS, // the fill won the race with the cancel
    OrderCancelRequested: ['PENDING_CANCEL'], // repeated requests are no-ops
    OrderCancelRejected: ['ACCEPTED', 'PARTIALLY_FILLED'], // back to where it was (by filled qty)
    OrderCanceled: ['CANCELED'],
    OrderExpired: ['EXPIRED'],
    OrderStatusReported: ['PENDING_CANCEL', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'EXPIRED'],
  },
  // Terminal: only self-transitions. FILLED takes new fills (late attribution of reported qty, or an
  // overfill); CANCELED/EXPIRED take fills only within the venue-reported qty.
  FILLED: { OrderFilled: ['FILLED'], OrderStatusReported: ['FILLED'] },
  CANCELED: { OrderCanceled: ['CANCELED'], OrderFilled: ['CANCELED'], OrderStatusReported: ['CANCELED'] },
  EXPIRED: { OrderExpired: ['EXPIRED'], OrderFilled: ['EXPIRED'], OrderStatusReported: ['EXPIRED'] },
  REJECTED: { OrderRejected: ['REJECTED'], OrderStatusReported: ['REJECTED'] },
  DENIED: { OrderDenied: ['DENIED'] },
};

export const TerminalStates: readonly OrderState[] = ['FILLED', 'CANCELED', 'EXPIRED', 'REJECTED', 'DENIED'];

export function isTerminal(state: OrderState): boolean {
  return TerminalStates.includes(state);
}

/** States a venue can report; INITIALIZED, SUBMITTED and DENIED exist only on our side. */
export const VenueStates: readonly OrderState[] = [
  'ACCEPTED',
  'PARTIALLY_FILLED',
  'FILLED',
  'PENDING_CANCEL',
  'CANCELED',
  'REJECTED',
  'EXPIRED',
];
