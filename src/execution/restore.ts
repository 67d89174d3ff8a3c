// Restoring the engine after a restart (SPEC §10): orders are rebuilt by replaying their stored
// events through the FSM (so a history the table disagrees with is found, not trusted), positions
// come back with their tickets, refs, exits and stops, and every fill already applied is known, so
// the same signal is never opened twice and no fill counts twice. Pure: the store side is
// src/store/execution-restore-repo.ts.
import Big from 'big.js';
import type { OrderIntent, OrderState } from '../domain/order.js';
import type { ManagedPosition } from './managed-position.js';
import type { OrderEvent, OrderSnapshot, OrderTransition } from './order-events.js';
import { newOrder, replay } from './order-fsm.js';

/** An order as stored: its intent, its row's state and every transition after its creation. */
export interface StoredOrder {
  readonly intent: OrderIntent;
  readonly createdAt: number;
  readonly state: OrderState;
  readonly filledQty: Big;
  readonly venueOrderId: string | undefined;
  /** Oldest first; undefined when an event was stored without its data (then the row is used). */
  readonly transitions: readonly OrderTransition[] | undefined;
}

export interface ExecutionSnapshot {
  readonly orders: readonly OrderSnapshot[];
  readonly positions: readonly ManagedPosition[];
  /** Latest stored fill time (0 when none): where fetching fills may resume for closed books. */
  readonly lastFillAt: number;
  /** Orders whose events do not replay to their row (state, filled qty or venue id). */
  readonly mismatches: readonly string[];
}

/** Rebuilds one order from its events and checks it against its row. */
export function rebuildOrder(stored: StoredOrder): { order: OrderSnapshot; mismatch: string | undefined } {
  const initial = newOrder(stored.intent, stored.createdAt);
  if (stored.transitions === undefined) {
    return { order: initial, mismatch: `${stored.intent.clientId}: events without data` };
  }
  let order: OrderSnapshot;
  try {
    order = replay(initial, stored.transitions);
  } catch (e) {
    return { order: initial, mismatch: `${stored.intent.clientId}: ${(e as Error).message}` };
  }
  const same =
    order.state === stored.state &&
    order.filledQty.eq(stored.filledQty) &&
    (order.venueOrderId ?? undefined) === (stored.venueOrderId ?? undefined);
  const mismatch = same
    ? undefined
    : `${stored.intent.clientId}: replayed ${order.state}/${order.filledQty}/${order.venueOrderId}, ` +
      `stored ${stored.state}/${stored.filledQty}/${stored.venueOrderId}`;
  return { order, mismatch };
}

// --- the stored form of an event: JSON with big.js values as strings ---

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function encodeEvent(event: OrderEvent): Json {
  return JSON.parse(JSON.stringify(event)) as Json;
}

const big = (v: unknown) => new Big(v as string);
const optBig = (v: unknown) => (v === undefined || v === null ? undefined : big(v));

export function decodeEvent(data: unknown): OrderEvent {
  const e = data as Record<string, unknown> & { type: OrderEvent['type'] };
  switch (e.type) {
    case 'OrderFilled': {
      const f = e.fill as Record<string, unknown>;
      return <OrderEvent>{
        ...(e as object),
        fill: { ...(f as object), qty: big(f.qty), price: big(f.price), fee: big(f.fee) },
      };
    }
    case 'OrderStatusReported': {
      const r = e.report as Record<string, unknown>;
      return <OrderEvent>{
        ...(e as object),
        report: { ...(r as object), filledQty: big(r.filledQty), avgFillPrice: optBig(r.avgFillPrice) },
      };
    }
    default:
      return e as unknown as OrderEvent;
  }
}

/** A position exactly as journaled (JSON), back into the engine's shape. */
export function decodePosition(state: unknown): ManagedPosition {
  const p = structuredClone(state) as ManagedPosition;
  for (const t of p.tickets) {
    t.ref = t.ref ?? undefined;
    t.entryPrice = t.entryPrice ?? undefined;
  }
  p.openedAt = p.openedAt ?? undefined;
  p.closedAt = p.closedAt ?? undefined;
  return p;
}
