// Positions and trades (a closed position is a trade), and their fills, from the store.
import { asc, count, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { type Session, schema } from '../../store/index.js';
import type { StoredExit } from '../../store/schema/execution.js';
import { iso, num, type Page, type Paged, paged } from '../format.js';

const { positions, fills, orders, signals } = schema;
type PositionRow = typeof positions.$inferSelect;

// The execution journal does not fill positions.signal_id; the engine's state names the signal
// (symbol, type and the two pivots' times), which is the journal's candidate key.
const signalOfPosition = sql<number | null>`coalesce(${positions.signalId}, (
  SELECT s.id FROM ${signals} s
  WHERE s.symbol = ${positions.symbol}
    AND s.type = ${positions.engineState} #>> '{signal,type}'
    AND s.pivot1_time = to_timestamp((${positions.engineState} #>> '{signal,pivot1,time}')::double precision / 1000)
    AND s.pivot2_time = to_timestamp((${positions.engineState} #>> '{signal,pivot2,time}')::double precision / 1000)
  ORDER BY s.id DESC LIMIT 1))`;

const withSignal = () => ({ position: positions, signalId: signalOfPosition });

export function positionJson({ position: p, signalId }: { position: PositionRow; signalId: number | null }) {
  return {
    id: p.id,
    signal_id: signalId === null ? null : Number(signalId),
    broker: p.broker,
    symbol: p.symbol,
    timeframe: p.timeframe,
    direction: p.direction,
    status: p.status,
    qty: num(p.qty),
    open_qty: num(p.openQty),
    entry_price: num(p.filledPrice),
    exit_price: num(p.exitPrice),
    initial_stop: num(p.initialStop),
    stop: num(p.stop),
    tp1: num(p.tp1),
    tp2: num(p.tp2),
    tp1_hit: p.tp1Hit,
    currency: p.currency,
    realized_pnl: num(p.realizedPnl),
    fees: num(p.fees),
    financing: num(p.financing),
    r_multiple: num(p.rMultiple),
    exits: (p.exits as readonly StoredExit[]).map((e) => ({
      time: iso(e.time),
      price: num(e.price),
      qty: num(e.qty),
      reason: e.reason,
    })),
    opened_at: iso(p.openedAt),
    closed_at: iso(p.closedAt),
  };
}

export type PositionJson = ReturnType<typeof positionJson>;

export async function listPositions(
  store: Session,
  status: 'open' | 'closed' | 'all',
  page: Page,
): Promise<Paged<PositionJson>> {
  const where: SQL | undefined = status === 'all' ? undefined : eq(positions.status, status);
  const order =
    status === 'closed'
      ? [desc(positions.closedAt), desc(positions.id)]
      : [desc(positions.openedAt), desc(positions.id)];
  const rows = await store.db
    .select(withSignal())
    .from(positions)
    .where(where)
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await store.db.select({ n: count() }).from(positions).where(where);
  return paged(rows.map(positionJson), total?.n ?? 0, page);
}

export async function positionsOfSignal(store: Session, signalId: number): Promise<PositionJson[]> {
  const rows = await store.db
    .select(withSignal())
    .from(positions)
    .where(or(eq(positions.signalId, signalId), sql`${signalOfPosition} = ${signalId}`));
  return rows.map(positionJson);
}

export function fillJson(f: typeof fills.$inferSelect & { positionId?: number | null }) {
  return {
    id: f.id,
    broker: f.broker,
    venue_trade_id: f.venueTradeId,
    order_id: f.orderId,
    position_id: f.positionId ?? null,
    symbol: f.symbol,
    side: f.side,
    qty: num(f.qty),
    price: num(f.price),
    fee: num(f.fee),
    fee_currency: f.feeCurrency,
    at: iso(f.at),
  };
}

export type FillJson = ReturnType<typeof fillJson>;

const fillColumns = () => ({
  id: fills.id,
  broker: fills.broker,
  venueTradeId: fills.venueTradeId,
  orderId: fills.orderId,
  symbol: fills.symbol,
  side: fills.side,
  qty: fills.qty,
  price: fills.price,
  fee: fills.fee,
  feeCurrency: fills.feeCurrency,
  at: fills.at,
  positionId: orders.positionId,
});

export async function listFills(
  store: Session,
  page: Page,
  order: 'asc' | 'desc' = 'desc',
): Promise<Paged<FillJson>> {
  const by = order === 'asc' ? [asc(fills.at), asc(fills.id)] : [desc(fills.at), desc(fills.id)];
  const rows = await store.db
    .select(fillColumns())
    .from(fills)
    .leftJoin(orders, eq(orders.id, fills.orderId))
    .orderBy(...by)
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await store.db.select({ n: count() }).from(fills);
  return paged(rows.map(fillJson), total?.n ?? 0, page);
}

/** Fills of the orders of a signal's positions. */
export async function fillsOfPositions(store: Session, positionIds: readonly number[]): Promise<FillJson[]> {
  if (positionIds.length === 0) return [];
  const rows = await store.db
    .select(fillColumns())
    .from(fills)
    .innerJoin(orders, eq(orders.id, fills.orderId))
    .where(inArray(orders.positionId, [...positionIds]))
    .orderBy(asc(fills.at), asc(fills.id));
  return rows.map(fillJson);
}
