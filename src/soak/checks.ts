// The soak's invariants (SPEC §9, §10, §12), checked after every hour with a fault and after every
// restart, once the faults are disarmed and the engine has synced: no client id taken twice at a
// venue, no venue position the engine does not know (orphaned) and no open ticket the venue does
// not hold (lost), every stored order replaying to its stored state, the stored positions equal to
// the engine's, and the breakers' state persisted and consistent with the loss streak.
import type { FakeMarket } from '../brokers/fake-market/fake-market.js';
import { toBook } from '../control/index.js';
import type { ManagedPosition } from '../execution/managed-position.js';
import type { PaperSession } from '../run/paper/paper-session.js';
import { loadExecution } from '../store/execution-restore-repo.js';
import { getRiskState } from '../store/index.js';
import { venueOrders } from './venue-orders.js';

export interface CheckResult {
  /** Each broken invariant, named. Empty: all hold. */
  readonly violations: string[];
  readonly orders: number;
  readonly openTickets: number;
  readonly venuePositions: number;
}

/**
 * `pending` carries, from check to check, how many clean syncs each in-flight order has been
 * through (the engine gives up an order the venue does not know after three).
 */
export async function checkInvariants(
  session: PaperSession,
  market: FakeMarket,
  pending: Map<string, number>,
): Promise<CheckResult> {
  const violations: string[] = [];
  const counts = venueOrders(market);
  for (const [venue, ids] of Object.entries(counts.duplicates))
    for (const id of ids) violations.push(`duplicate order at ${venue}: client id ${id} taken twice`);
  for (const [venue, ids] of Object.entries(counts.refusedResends))
    for (const id of ids) violations.push(`re-sent order at ${venue}: ${id} (refused by the venue)`);

  const stored = await loadExecution(session.store);
  for (const m of stored.mismatches) violations.push(`store inconsistent: ${m}`);
  for (const id of stored.unrestorable) violations.push(`store: position row ${id} cannot be restored`);
  const storedById = new Map(stored.positions.map((p) => [p.id, p]));
  for (const p of session.engine.all()) {
    const s = storedById.get(p.id);
    if (s === undefined) violations.push(`position ${p.id} is not in the store`);
    else if (JSON.stringify(shape(s)) !== JSON.stringify(shape(p)))
      violations.push(
        `position ${p.id}: store ${JSON.stringify(shape(s))} ≠ engine ${JSON.stringify(shape(p))}`,
      );
  }
  // In flight after a clean sync: only an order the venue never took (a few syncs ask for it
  // before it is given up); one the venue holds must have been found by its client id.
  const inFlight = new Set<string>();
  for (const o of stored.orders) {
    if (o.state !== 'SUBMITTED' && o.state !== 'INITIALIZED') continue;
    inFlight.add(o.intent.clientId);
    if (counts.taken.has(o.intent.clientId))
      violations.push(`order ${o.intent.clientId} is at the venue but still ${o.state} after a clean sync`);
    const checks = (pending.get(o.intent.clientId) ?? 0) + 1;
    pending.set(o.intent.clientId, checks);
    if (checks > 5)
      violations.push(`order ${o.intent.clientId} still ${o.state} after ${checks} clean syncs`);
  }
  for (const id of [...pending.keys()]) if (!inFlight.has(id)) pending.delete(id);

  const venue = await session.data.fetchPositions();
  const known = new Set(
    session.engine.all().flatMap((p) => p.tickets.flatMap((t) => (t.ref ? [t.ref] : []))),
  );
  for (const v of venue)
    if (!known.has(v.ref))
      violations.push(`orphaned venue position ${v.symbol} ${v.ref} (${v.clientId ?? 'no client id'})`);
  const atVenue = new Set(venue.map((v) => v.ref));
  const open = session.engine
    .active()
    .flatMap((p) => p.tickets.filter((t) => t.open && t.ref !== undefined).map((t) => ({ p, t })));
  // The protection at the venue is the engine's stop (within a tick): a move the venue did not
  // take must not live in memory only.
  const venueByRef = new Map(venue.map((v) => [v.ref, v]));
  for (const { p, t } of open) {
    const v = venueByRef.get(t.ref!);
    const tick = session.registry.get(p.symbol).tickSize;
    if (v?.stop !== undefined && Math.abs(Number(v.stop) - p.stop) > tick * 1.01)
      violations.push(`stop of ${p.id} ticket ${t.ticket}: venue ${v.stop.toString()} ≠ engine ${p.stop}`);
  }
  for (const { p, t } of open)
    if (!atVenue.has(t.ref!))
      violations.push(
        `lost position: ${p.id} ticket ${t.ticket} (${t.ref}) is open in the engine, not at the venue`,
      );

  const risk = session.risk.tradingState;
  const saved = toBook(await getRiskState(session.store, session.accountKey));
  if (saved.state !== risk.state || saved.consecutiveLosses !== risk.consecutiveLosses)
    violations.push(
      `trading state: stored ${saved.state}/${saved.consecutiveLosses} losses ≠ in memory ${risk.state}/${risk.consecutiveLosses}`,
    );
  if (
    risk.consecutiveLosses >= session.config.MAX_CONSECUTIVE_LOSSES &&
    (risk.state === 'ACTIVE' || risk.state === 'REDUCING')
  )
    violations.push(`${risk.consecutiveLosses} consecutive losses but the book is ${risk.state}, not PAUSED`);
  return { violations, orders: stored.orders.length, openTickets: open.length, venuePositions: venue.length };
}

/** What the store must hold of a position: its status, stop and each ticket's venue link and fills. */
export function shape(p: ManagedPosition) {
  return {
    status: p.status,
    stop: p.stop,
    tp1Hit: p.tp1Hit,
    tickets: p.tickets.map((t) => ({
      ticket: t.ticket,
      ref: t.ref ?? null,
      open: t.open,
      filledQty: t.filledQty,
      closedQty: t.closedQty,
      exits: t.exits.length,
    })),
  };
}
