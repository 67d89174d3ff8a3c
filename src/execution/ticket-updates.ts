// What venue facts do to the engine's positions: a ticket linked to its venue position, an exit
// fill applied with its label and P&L, tickets and positions settled when the venue has closed
// them. Pure mutations of ManagedPosition, shared by every path that learns those facts.
import type { Fill, OrderState } from '../domain/order.js';
import type { CloseReason } from './engine-types.js';
import type { ManagedPosition, ManagedTicket } from './managed-position.js';
import { stopExitReason } from './position-policy.js';

/** The entry filled and the venue holds the ticket as `ref`; the position opens with its first ticket. */
export function linkTicket(
  p: ManagedPosition,
  t: ManagedTicket,
  fill: { ref: string; entryPrice: number; filledQty: number; at: number },
): void {
  t.ref = fill.ref;
  t.entryPrice = fill.entryPrice;
  t.filledQty = fill.filledQty;
  t.open = true;
  if (p.status === 'pending') {
    p.status = 'open';
    p.openedAt = fill.at;
  }
}

/** An exit fill of ticket `t`: labelled (SPEC §15 reasons), its P&L and fee added. */
export function applyExit(
  p: ManagedPosition,
  t: ManagedTicket,
  fill: Fill,
  closeReason: CloseReason | undefined,
): void {
  const qty = Number(fill.qty);
  const price = Number(fill.price);
  const dir = p.direction === 'long' ? 1 : -1;
  const reason =
    fill.reason === 'target'
      ? t.ticket === 'A'
        ? 'tp1'
        : 'tp2'
      : fill.reason === 'stop'
        ? stopExitReason(p.stopOrigin)
        : (closeReason ?? 'manual');
  t.exits.push({ time: fill.time, price, qty, reason, tradeId: fill.tradeId });
  t.closedQty += qty;
  p.grossPnl += (price - (t.entryPrice ?? price)) * qty * dir;
  p.fees += Number(fill.fee);
  if (reason === 'tp1') p.tp1Hit = true;
}

const ENTRY_DONE: readonly OrderState[] = ['FILLED', 'CANCELED', 'REJECTED', 'EXPIRED', 'DENIED'];

/**
 * A ticket whose venue position is gone is closed; the position closes with its last ticket once
 * no entry can still fill (an unfilled one ends canceled). Returns whether anything changed.
 */
export function settlePosition(
  p: ManagedPosition,
  venueRefs: ReadonlySet<string>,
  entryState: (clientId: string) => OrderState | undefined,
  at: number,
): boolean {
  let changed = false;
  for (const t of p.tickets) {
    if (t.open && (t.ref === undefined || !venueRefs.has(t.ref))) {
      t.open = false;
      changed = true;
    }
  }
  // No order: an adopted position's ticket (nothing of ours to wait for).
  const entriesDone = p.tickets.every((t) => {
    const state = entryState(t.entryClientId);
    return state === undefined || ENTRY_DONE.includes(state);
  });
  if (entriesDone && p.tickets.every((t) => !t.open)) {
    p.status = p.tickets.some((t) => t.filledQty > 0) ? 'closed' : 'canceled';
    p.closedAt = at;
    changed = true;
  }
  return changed;
}
