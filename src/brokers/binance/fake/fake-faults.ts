// Fault switches of the fake Binance server, each armed for the next request(s) to a route.
// "before" faults answer without touching the venue; "after" faults let the venue act first
// (the order exists) and then spoil the answer, which is what makes a response ambiguous.
import { FaultQueue } from '../../fake-support/fault-queue.js';

export type Route =
  | 'exchangeInfo'
  | 'time'
  | 'klines'
  | 'ticker'
  | 'account'
  | 'createOrder'
  | 'getOrder'
  | 'cancelOrder'
  | 'openOrders'
  | 'allOrders'
  | 'createOco'
  | 'getOrderList'
  | 'cancelOrderList'
  | 'openOrderList'
  | 'myTrades';

export type Fault =
  /** Before: HTTP 429 with Retry-After (request weight exceeded). */
  | { readonly kind: 'rateLimited'; readonly retryAfterSeconds?: number }
  /** Before: HTTP 418 with Retry-After (the IP is banned after ignoring 429s). */
  | { readonly kind: 'banned'; readonly retryAfterSeconds?: number }
  /** Before: a 5xx with Binance's error body. */
  | { readonly kind: 'serverError'; readonly status?: number }
  /** Before: -1021, the request's timestamp is outside the recvWindow (clock skew). */
  | { readonly kind: 'timestamp' }
  /** Before: a proxy's HTML error page instead of JSON. */
  | { readonly kind: 'htmlError'; readonly status?: number }
  /** Before: the venue refuses with `code` (default -2010) and `msg`. */
  | { readonly kind: 'reject'; readonly code?: number; readonly msg: string }
  /** After: 200 whose JSON is cut off. */
  | { readonly kind: 'malformedJson' }
  /** After: the answer is held back `ms` (longer than the client's timeout: a timeout). */
  | { readonly kind: 'delay'; readonly ms: number }
  /** After: the connection is dropped once the venue has acted. */
  | { readonly kind: 'loseResponse' };

const AFTER = new Set<Fault['kind']>(['malformedJson', 'delay', 'loseResponse']);
export const isBefore = (f: Fault) => !AFTER.has(f.kind);

/** The switches, armed per route (fault-queue.ts). */
export class FakeFaults extends FaultQueue<Route, Fault> {}
