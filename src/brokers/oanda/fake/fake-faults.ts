// Fault switches of the fake OANDA server, each armed for the next request(s) to a route.
// "before" faults answer without touching the venue; "after" faults let the venue act first
// (the order exists) and then spoil the answer, which is what makes a response ambiguous.
import { FaultQueue } from '../../fake-support/fault-queue.js';

export type Route =
  | 'accounts'
  | 'summary'
  | 'pricing'
  | 'candles'
  | 'instruments'
  | 'createOrder'
  | 'getOrder'
  | 'pendingOrders'
  | 'cancelOrder'
  | 'orderExtensions'
  | 'openTrades'
  | 'getTrade'
  | 'closeTrade'
  | 'tradeOrders'
  | 'transactions'
  | 'idrange'
  | 'transaction';

export type Fault =
  /** Before: HTTP 429, as past 120 requests/s. */
  | { readonly kind: 'rateLimited'; readonly retryAfterSeconds?: number }
  /** Before: a 5xx with OANDA's error body. */
  | { readonly kind: 'serverError'; readonly status?: number }
  /** Before: 401 "Insufficient authorization", as with a wrong or practice-on-live token. */
  | { readonly kind: 'unauthorized' }
  /** Before: a proxy's HTML error page instead of JSON. */
  | { readonly kind: 'htmlError'; readonly status?: number }
  /** Before: the venue refuses the next order with `reason` (a 400 with orderRejectTransaction). */
  | { readonly kind: 'reject'; readonly reason: string }
  /** After: 200/201 whose JSON is cut off. */
  | { readonly kind: 'malformedJson' }
  /** After: the first candle's mid open is the string "NaN" (a venue-side bug). */
  | { readonly kind: 'nanCandle' }
  /** After: the answer is held back `ms` (longer than the client's timeout: a timeout). */
  | { readonly kind: 'delay'; readonly ms: number }
  /** After: the connection is dropped once the venue has acted. */
  | { readonly kind: 'loseResponse' };

const BEFORE = new Set<Fault['kind']>(['rateLimited', 'serverError', 'unauthorized', 'htmlError', 'reject']);
export const isBefore = (f: Fault) => BEFORE.has(f.kind);

/** The switches, armed per route (fault-queue.ts). */
export class FakeFaults extends FaultQueue<Route, Fault> {}
