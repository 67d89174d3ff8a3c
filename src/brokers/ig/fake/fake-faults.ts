// Fault switches of the fake IG server, each armed for the next request(s) to a route.
// "before" faults answer without touching the venue; "after" faults let the venue act first
// (the deal exists) and then spoil the answer, which is what makes a deal ambiguous.
import { FaultQueue } from '../../fake-support/fault-queue.js';

export type Route =
  | 'session'
  | 'accounts'
  | 'market'
  | 'prices'
  | 'openPosition'
  | 'closePosition'
  | 'amendPosition'
  | 'positions'
  | 'position'
  | 'confirm'
  | 'workingOrders'
  | 'createWorkingOrder'
  | 'deleteWorkingOrder'
  | 'activity';

export type Fault =
  /** Before: HTTP 429 (a gateway throttle). */
  | { readonly kind: 'rateLimited'; readonly retryAfterSeconds?: number }
  /** Before: 403 `error.public-api.exceeded-<which>-allowance`. */
  | {
      readonly kind: 'allowance';
      readonly which: 'api-key' | 'account' | 'account-trading' | 'account-historical-data';
    }
  /** Before: the session's tokens expire: 401 `error.security.client-token-invalid`. */
  | { readonly kind: 'expiredSession' }
  /** Before: a 5xx with IG's error body. */
  | { readonly kind: 'serverError'; readonly status?: number }
  /** Before: a proxy's HTML error page instead of JSON. */
  | { readonly kind: 'htmlError'; readonly status?: number }
  /** The deal is taken and confirmed REJECTED with `reason` (nothing opens). */
  | { readonly kind: 'rejectDeal'; readonly reason: string }
  /** Before: GET /confirms answers 404 deal-not-found (the moment after a deal). */
  | { readonly kind: 'confirmNotYet' }
  /** After: 200 whose JSON is cut off. */
  | { readonly kind: 'malformedJson' }
  /** After: the answer is held back `ms` (longer than the client's timeout: a timeout). */
  | { readonly kind: 'delay'; readonly ms: number }
  /** After: the connection is dropped once the venue has acted. */
  | { readonly kind: 'loseResponse' };

const AFTER = new Set<Fault['kind']>(['malformedJson', 'delay', 'loseResponse', 'rejectDeal']);
export const isBefore = (f: Fault) => !AFTER.has(f.kind);

/** The switches, armed per route (fault-queue.ts). */
export class FakeFaults extends FaultQueue<Route, Fault> {}
