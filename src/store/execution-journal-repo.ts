// The execution engine's journal in the store (SPEC §10, §12): an order row with its client id
// before the venue call, every transition as an order event, fills once per venue trade id, and
// positions with their exits.
import { eq, inArray } from 'drizzle-orm';
import type { Fill } from '../domain/order.js';
import type { ExecutionJournal } from '../execution/execution-journal.js';
import { filledPrice, type ManagedPosition, netPnl, rMultiple } from '../execution/managed-position.js';
import type { OrderSnapshot, OrderTransition } from '../execution/order-events.js';
import { encodeEvent } from '../execution/restore.js';
import { fills, orderEvents, orders, positions } from './schema/execution.js';
import type { Session } from './store.js';

const str = (x: { toString(): string } | undefined | null) =>
  x === undefined || x === null ? null : x.toString();

export class StoreExecutionJournal implements ExecutionJournal {
  private readonly orderIds = new Map<string, number>();
  private readonly positionIds = new Map<string, number>();

  constructor(private readonly session: Session) {}

  /** After a restore: the row ids of the orders (by client id) and positions (by engine id). */
  remember(orderIds: ReadonlyMap<string, number>, positionIds: ReadonlyMap<string, number>): void {
    for (const [k, v] of orderIds) this.orderIds.set(k, v);
    for (const [k, v] of positionIds) this.positionIds.set(k, v);
  }

  /** The row id of the engine's position `positionId`, once stored. */
  rowOf(positionId: string): number | undefined {
    return this.positionIds.get(positionId);
  }

  async orderCreated(order: OrderSnapshot): Promise<void> {
    const i = order.intent;
    const positionId = i.positionId ? this.positionIds.get(i.positionId) : undefined;
    // The row and its creation event together; written again (after a later write of the same
    // call failed), an order already stored keeps its one row and one creation event.
    const id = await this.session.transaction(async (tx) => {
      const [row] = await tx.db
        .insert(orders)
        .values({
          clientOrderId: i.clientId,
          broker: i.broker,
          symbol: i.symbol,
          side: i.side,
          kind: i.orderKind,
          intentKind: i.kind,
          ticket: i.ticket ?? null,
          qty: i.qty.toString(),
          price: str(i.price),
          stop: str(i.stop),
          target: str(i.target),
          state: order.state,
          positionId: positionId ?? null,
          createdAt: order.createdAt,
          updatedAt: order.updatedAt,
        })
        .onConflictDoNothing()
        .returning({ id: orders.id });
      if (!row) return undefined;
      await tx.db
        .insert(orderEvents)
        .values({ orderId: row.id, fromState: null, toState: order.state, at: order.createdAt });
      return row.id;
    });
    this.orderIds.set(i.clientId, id ?? (await this.lookup(i.clientId)));
  }

  async transition(order: OrderSnapshot, t: OrderTransition): Promise<void> {
    const id = this.orderIds.get(order.intent.clientId) ?? (await this.lookup(order.intent.clientId));
    await this.session.transaction(async (tx) => {
      await tx.db
        .update(orders)
        .set({
          state: order.state,
          venueOrderId: order.venueOrderId ?? null,
          filledQty: order.filledQty.toString(),
          avgFillPrice: str(order.avgFillPrice),
          reason: order.reason ?? null,
          updatedAt: order.updatedAt,
        })
        .where(eq(orders.id, id));
      await tx.db.insert(orderEvents).values({
        orderId: id,
        fromState: t.from,
        toState: t.to,
        at: t.event.at,
        payload: { event: t.event.type, overfill: str(t.overfill), data: encodeEvent(t.event) },
      });
    });
  }

  async fill(fill: Fill): Promise<void> {
    const orderId = fill.clientId ? this.orderIds.get(fill.clientId) : undefined;
    await this.session.db
      .insert(fills)
      .values({
        broker: fill.broker,
        venueTradeId: fill.tradeId,
        orderId: orderId ?? null,
        symbol: fill.symbol,
        side: fill.side,
        qty: fill.qty.toString(),
        price: fill.price.toString(),
        fee: fill.fee.toString(),
        feeCurrency: fill.feeCurrency,
        at: fill.time,
      })
      .onConflictDoNothing();
  }

  async position(p: ManagedPosition): Promise<void> {
    const qty = p.tickets.reduce((s, t) => s + (t.filledQty || t.qty), 0);
    const open = p.tickets.reduce((s, t) => s + (t.open ? t.filledQty - t.closedQty : 0), 0);
    const exits = p.tickets.flatMap((t) => t.exits).sort((a, b) => a.time - b.time);
    const last = exits.at(-1);
    const values = {
      broker: p.broker,
      symbol: p.symbol,
      timeframe: p.signal.timeframe ?? null,
      direction: p.direction,
      qty: String(qty),
      openQty: String(open),
      filledPrice: String(filledPrice(p) ?? p.signal.entry),
      exitPrice: last ? String(last.price) : null,
      initialStop: String(p.initialStop),
      stop: String(p.stop),
      tp1: String(p.tp1),
      tp2: String(p.tp2),
      tp1Hit: p.tp1Hit,
      currency: p.quoteCurrency,
      realizedPnl: String(netPnl(p)),
      financing: String(p.financing),
      fees: String(p.fees),
      rMultiple: str(rMultiple(p)),
      exits: exits.map((e) => ({
        time: e.time,
        price: String(e.price),
        qty: String(e.qty),
        reason: e.reason,
      })) as never,
      status: p.status === 'closed' || p.status === 'canceled' ? ('closed' as const) : ('open' as const),
      openedAt: p.openedAt ?? p.signal.knownAt.time,
      closedAt: p.status === 'closed' || p.status === 'canceled' ? (p.closedAt ?? null) : null,
      engineState: JSON.parse(JSON.stringify(p)) as never,
    };
    const id = this.positionIds.get(p.id);
    if (id === undefined) {
      const [row] = await this.session.db.insert(positions).values(values).returning({ id: positions.id });
      this.positionIds.set(p.id, row!.id);
      const clientIds = p.tickets.map((t) => t.entryClientId as string);
      if (clientIds.length > 0) {
        await this.session.db
          .update(orders)
          .set({ positionId: row!.id })
          .where(inArray(orders.clientOrderId, clientIds));
      }
      return;
    }
    await this.session.db.update(positions).set(values).where(eq(positions.id, id));
  }

  private async lookup(clientId: string): Promise<number> {
    const [row] = await this.session.db
      .select({ id: orders.id })
      .from(orders)
      .where(eq(orders.clientOrderId, clientId));
    if (!row) throw new Error(`order ${clientId} is not in the store`);
    return row.id;
  }
}
