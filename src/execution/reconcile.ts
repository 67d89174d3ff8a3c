// Reconciliation (SPEC §10) at start-up and on every monitor run: every non-terminal order is
// asked for by client id and the venue's answer applied (never re-submitted); fills and positions
// are brought up to the venue; a ticket the engine holds open but the venue no longer has is
// settled by its fills; a venue position nobody here knows is reported and, with RECONCILE_ADOPT,
// adopted. A failed positions query throws: it is never taken for "flat".
import type { Broker, VenuePosition } from '../domain/broker.js';
import type { BrokerId } from '../domain/instruments/types.js';
import type { OrderState } from '../domain/order.js';
import type { ExecutionEngine } from './execution-engine.js';

export interface ReconcileReport {
  readonly at: number;
  readonly ordersChecked: number;
  readonly ordersChanged: ReadonlyArray<{ clientId: string; from: OrderState; to: OrderState }>;
  /** Tickets open before that the venue no longer has: closed by their fills. */
  readonly ticketsClosed: ReadonlyArray<{ positionId: string; ticket: string; ref: string | undefined }>;
  readonly positionsClosed: readonly string[];
  /** Venue positions no ticket of the engine knows. */
  readonly unknownPositions: readonly VenuePosition[];
  /** Of those, adopted (RECONCILE_ADOPT=true) as positions with these ids; the rest are flagged. */
  readonly adopted: readonly string[];
  readonly flagged: readonly VenuePosition[];
}

export interface ReconcileOptions {
  readonly broker: Broker;
  /** The venue an adopted position belongs to (by its symbol, behind a routing broker). */
  readonly brokerId: BrokerId | ((v: VenuePosition) => BrokerId);
  /** RECONCILE_ADOPT (default false). */
  readonly adopt: boolean;
}

export async function reconcile(
  engine: ExecutionEngine,
  at: number,
  o: ReconcileOptions,
): Promise<ReconcileReport> {
  const before = new Map(engine.book.open().map((x) => [x.intent.clientId as string, x.state]));
  const openTickets = engine.active().flatMap((p) => p.tickets.filter((t) => t.open).map((t) => ({ p, t })));
  const activeBefore = new Set(engine.active().map((p) => p.id));
  await engine.resolveOrders(at, true);
  await engine.sync(at); // throws when the venue cannot be read
  const venue = await o.broker.fetchPositions(); // throws likewise: never "flat"

  const ordersChanged = [...before].flatMap(([clientId, from]) => {
    const to = engine.book.get(clientId as never)?.state;
    return to !== undefined && to !== from ? [{ clientId, from, to }] : [];
  });
  const ticketsClosed = openTickets
    .filter(({ t }) => !t.open)
    .map(({ p, t }) => ({ positionId: p.id, ticket: t.ticket, ref: t.ref }));
  const stillActive = new Set(engine.active().map((p) => p.id));
  const positionsClosed = [...activeBefore].filter((id) => !stillActive.has(id));

  const refs = new Set<string>();
  const clientIds = new Set<string>();
  for (const p of engine.all()) {
    for (const t of p.tickets) {
      if (t.ref) refs.add(t.ref);
      clientIds.add(t.entryClientId);
    }
  }
  const unknownPositions = venue.filter(
    (v) => !refs.has(v.ref) && (v.clientId === undefined || !clientIds.has(v.clientId)),
  );
  const adopted: string[] = [];
  const flagged: VenuePosition[] = [];
  for (const v of unknownPositions) {
    const brokerId = typeof o.brokerId === 'function' ? o.brokerId(v) : o.brokerId;
    if (o.adopt) adopted.push((await engine.adopt(v, brokerId, at)).id);
    else flagged.push(v);
  }
  return {
    at,
    ordersChecked: before.size,
    ordersChanged,
    ticketsClosed,
    positionsClosed,
    unknownPositions,
    adopted,
    flagged,
  };
}
