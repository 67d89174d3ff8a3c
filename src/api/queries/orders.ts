// Orders with their state history (order_events), newest first.
import { asc, count, desc, inArray } from 'drizzle-orm';
import { type Session, schema } from '../../store/index.js';
import { iso, num, type Page, paged } from '../format.js';

const { orders, orderEvents } = schema;

export async function listOrdersPage(store: Session, page: Page) {
  const rows = await store.db
    .select()
    .from(orders)
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(page.limit)
    .offset(page.offset);
  const ids = rows.map((r) => r.id);
  const events =
    ids.length === 0
      ? []
      : await store.db
          .select()
          .from(orderEvents)
          .where(inArray(orderEvents.orderId, ids))
          .orderBy(asc(orderEvents.orderId), asc(orderEvents.id));
  const history = new Map<number, Array<{ from: string | null; to: string; at: string }>>();
  for (const e of events) {
    const list = history.get(e.orderId) ?? [];
    list.push({ from: e.fromState, to: e.toState, at: iso(e.at) });
    history.set(e.orderId, list);
  }
  const [total] = await store.db.select({ n: count() }).from(orders);
  return paged(
    rows.map((o) => ({
      id: o.id,
      client_order_id: o.clientOrderId,
      venue_order_id: o.venueOrderId,
      broker: o.broker,
      symbol: o.symbol,
      side: o.side,
      kind: o.kind,
      intent_kind: o.intentKind,
      ticket: o.ticket,
      qty: num(o.qty),
      price: num(o.price),
      stop: num(o.stop),
      target: num(o.target),
      state: o.state,
      filled_qty: num(o.filledQty),
      avg_fill_price: num(o.avgFillPrice),
      signal_id: o.signalId,
      position_id: o.positionId,
      reason: o.reason,
      created_at: iso(o.createdAt),
      updated_at: iso(o.updatedAt),
      history: history.get(o.id) ?? [],
    })),
    total?.n ?? 0,
    page,
  );
}
