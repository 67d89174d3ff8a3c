// The engine's view of one traded signal: two tickets at the venue (SPEC §10), their exits, and
// the P&L accumulated across partial closes. Money in the instrument's quote currency.
import type { Direction, EvaluatedCandidate } from '../domain/divergence.js';
import type { ClientOrderId, SymbolId } from '../domain/ids.js';
import type { BrokerId } from '../domain/instruments/types.js';
import type { ExitReason, Ticket } from '../domain/order.js';
import type { StopOrigin } from './position-policy.js';

export interface TicketExit {
  readonly time: number;
  readonly price: number;
  readonly qty: number;
  readonly reason: ExitReason;
  /** The venue trade id of the exit fill: after a restore, the fill is not applied again. */
  readonly tradeId?: string | undefined;
}

export interface ManagedTicket {
  readonly ticket: Ticket;
  readonly entryClientId: ClientOrderId;
  readonly qty: number;
  readonly target: number;
  /** The venue's position id once the entry filled. */
  ref: string | undefined;
  entryPrice: number | undefined;
  filledQty: number;
  closedQty: number;
  open: boolean;
  readonly exits: TicketExit[];
}

export type PositionStatus = 'pending' | 'open' | 'closed' | 'canceled';

export interface ManagedPosition {
  readonly id: string;
  readonly signal: EvaluatedCandidate;
  readonly symbol: SymbolId;
  readonly broker: BrokerId;
  readonly direction: Direction;
  readonly quoteCurrency: string;
  readonly initialStop: number;
  stop: number;
  stopOrigin: StopOrigin;
  readonly tp1: number;
  readonly tp2: number;
  tp1Hit: boolean;
  barsHeld: number;
  /** Close time of the last bar counted in barsHeld: a bar replayed after a restart counts once. */
  lastBarAt?: number;
  readonly costsPerUnit: number;
  readonly tickets: ManagedTicket[];
  status: PositionStatus;
  /** Protection amendments sent so far (each gets its own client id). */
  amendments: number;
  openedAt: number | undefined;
  closedAt: number | undefined;
  grossPnl: number;
  fees: number;
  financing: number;
}

/** Average entry of the filled tickets (SPEC: `filled_price`, apart from exit prices). */
export function filledPrice(p: ManagedPosition): number | undefined {
  let qty = 0;
  let notional = 0;
  for (const t of p.tickets) {
    if (t.entryPrice === undefined) continue;
    qty += t.filledQty;
    notional += t.filledQty * t.entryPrice;
  }
  return qty > 0 ? notional / qty : undefined;
}

/** Net P&L over the risk at the initial stop (R), using the filled quantity. */
export function rMultiple(p: ManagedPosition): number | undefined {
  const entry = filledPrice(p);
  const qty = p.tickets.reduce((s, t) => s + t.filledQty, 0);
  if (entry === undefined || qty === 0) return undefined;
  const risk = Math.abs(entry - p.initialStop) * qty;
  return risk > 0 ? (p.grossPnl - p.fees + p.financing) / risk : undefined;
}

export function netPnl(p: ManagedPosition): number {
  return p.grossPnl - p.fees + p.financing;
}
