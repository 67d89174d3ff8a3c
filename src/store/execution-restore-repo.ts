// Reads the execution journal back (SPEC §10, §12): orders with their events, fills and positions
// with the engine's state, for ExecutionEngine.restore after a restart.
import Big from 'big.js';
import { asc, max } from 'drizzle-orm';
import type { ClientOrderId, PositionId, SignalId } from '../domain/ids.js';
import type { OrderIntent } from '../domain/order.js';
import type { ManagedPosition } from '../execution/managed-position.js';
import type { OrderTransition } from '../execution/order-events.js';
import {
  decodeEvent,
  decodePosition,
  type ExecutionSnapshot,
  rebuildOrder,
  type StoredOrder,
} from '../execution/restore.js';
import { fills, orderEvents, orders, positions } from './schema/execution.js';
import type { Session } from './store.js';

export interface StoredExecution extends ExecutionSnapshot {
  /** Row ids, for StoreExecutionJournal.remember. */
  readonly orderIds: ReadonlyMap<string, number>;
  readonly positionIds: ReadonlyMap<string, number>;
  /** Positions stored without the engine's state (older rows): not restored, reported. */
  readonly unrestorable: readonly number[];
}

const opt = (v: string | null) => (v === null ? undefined : new Big(v));

/** Everything the engine needs after a restart (all orders and positions; bounded by the store's size). */
export async function loadExecution(session: Session): Promise<StoredExecution> {
  const posRows = await session.db.select().from(positions).orderBy(asc(positions.id));
  const restored: ManagedPosition[] = [];
  const positionIds = new Map<string, number>();
  const unrestorable: number[] = [];
  const owner = new Map<string, string>();
  const engineIdOf = new Map<number, string>();
  for (const row of posRows) {
    if (row.engineState === null || row.engineState === undefined) {
      unrestorable.push(row.id);
      continue;
    }
    const p = decodePosition(row.engineState);
    restored.push(p);
    positionIds.set(p.id, row.id);
    engineIdOf.set(row.id, p.id);
    for (const t of p.tickets) owner.set(t.entryClientId, p.id);
  }

  const orderRows = await session.db.select().from(orders).orderBy(asc(orders.id));
  const eventRows = await session.db.select().from(orderEvents).orderBy(asc(orderEvents.id));
  const byOrder = new Map<number, typeof eventRows>();
  for (const e of eventRows) {
    const list = byOrder.get(e.orderId) ?? [];
    list.push(e);
    byOrder.set(e.orderId, list);
  }
  const orderIds = new Map<string, number>();
  const rebuilt = [];
  const mismatches: string[] = [];
  for (const row of orderRows) {
    orderIds.set(row.clientOrderId, row.id);
    // An entry belongs to the position whose ticket it opened (its row may predate the position's);
    // a close or amendment was stored against its position's row.
    const entry = row.intentKind === 'entry';
    const positionId = entry
      ? owner.get(row.clientOrderId)
      : row.positionId === null
        ? undefined
        : engineIdOf.get(row.positionId);
    const intent: OrderIntent = {
      clientId: row.clientOrderId as ClientOrderId,
      kind: row.intentKind,
      broker: row.broker as OrderIntent['broker'],
      symbol: row.symbol as OrderIntent['symbol'],
      side: row.side,
      orderKind: row.kind,
      qty: new Big(row.qty),
      ...(row.price === null ? {} : { price: new Big(row.price) }),
      ...(row.stop === null ? {} : { stop: new Big(row.stop) }),
      ...(row.target === null ? {} : { target: new Big(row.target) }),
      ...(row.ticket === null ? {} : { ticket: row.ticket }),
      ...(positionId === undefined ? {} : { positionId: positionId as PositionId }),
      ...(positionId === undefined || !entry ? {} : { signalId: positionId as SignalId }),
    };
    let transitions: OrderTransition[] | undefined = [];
    for (const e of byOrder.get(row.id) ?? []) {
      if (e.fromState === null) continue; // the creation
      const payload = e.payload as { data?: unknown; overfill?: string | null } | null;
      if (payload?.data === undefined) {
        transitions = undefined;
        break;
      }
      transitions.push({
        clientId: intent.clientId,
        from: e.fromState,
        to: e.toState,
        event: decodeEvent(payload.data),
        overfill: opt(payload.overfill ?? null),
      });
    }
    const stored: StoredOrder = {
      intent,
      createdAt: row.createdAt,
      state: row.state,
      filledQty: new Big(row.filledQty),
      venueOrderId: row.venueOrderId ?? undefined,
      transitions,
    };
    const { order, mismatch } = rebuildOrder(stored);
    if (mismatch) mismatches.push(mismatch);
    rebuilt.push(order);
  }
  const [last] = await session.db.select({ at: max(fills.at) }).from(fills);
  return {
    orders: rebuilt,
    positions: restored,
    lastFillAt: last?.at ?? 0,
    mismatches,
    orderIds,
    positionIds,
    unrestorable,
  };
}
