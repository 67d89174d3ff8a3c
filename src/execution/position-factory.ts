// How the engine's positions begin: one per traded signal (two tickets, pending until filled), or
// adopted from the venue at reconciliation (RECONCILE_ADOPT) with the levels the venue holds.
import type { VenuePosition } from '../domain/broker.js';
import type { EvaluatedCandidate } from '../domain/divergence.js';
import type { ClientOrderId } from '../domain/ids.js';
import { type Instrument, roundTripCostPerUnit } from '../domain/instruments/index.js';
import type { Ticket } from '../domain/order.js';
import type { ManagedPosition, ManagedTicket } from './managed-position.js';

export function pendingPosition(id: string, signal: EvaluatedCandidate, inst: Instrument): ManagedPosition {
  return {
    id,
    signal,
    symbol: inst.id,
    broker: inst.broker,
    direction: signal.direction,
    quoteCurrency: inst.quoteCurrency,
    initialStop: signal.stop,
    stop: signal.stop,
    stopOrigin: 'initial',
    tp1: signal.tp1,
    tp2: signal.tp2,
    tp1Hit: false,
    barsHeld: 0,
    costsPerUnit: roundTripCostPerUnit(inst, signal.entry),
    tickets: [],
    status: 'pending',
    amendments: 0,
    openedAt: undefined,
    closedAt: undefined,
    grossPnl: 0,
    fees: 0,
    financing: 0,
  };
}

export function newTicket(
  ticket: Ticket,
  entryClientId: ClientOrderId,
  qty: number,
  target: number,
): ManagedTicket {
  return {
    ticket,
    entryClientId,
    qty,
    target,
    ref: undefined,
    entryPrice: undefined,
    filledQty: 0,
    closedQty: 0,
    open: false,
    exits: [],
  };
}

/** A venue position no signal of ours opened: one open ticket with the venue's stop and target. */
export function adoptedPosition(
  id: string,
  vp: VenuePosition,
  inst: Instrument,
  broker: ManagedPosition['broker'],
  at: number,
): ManagedPosition {
  const entry = Number(vp.entryPrice);
  const stop = vp.stop === undefined ? entry : Number(vp.stop);
  const target = vp.target === undefined ? entry : Number(vp.target);
  // A stand-in signal so the position has the same shape as a traded one; it was never a candidate.
  const signal = {
    symbol: vp.symbol,
    timeframe: null,
    type: vp.direction === 'long' ? 'regular_bullish' : 'regular_bearish',
    direction: vp.direction,
    oscillators: [],
    pivot1: { index: 0, time: vp.openedAt, price: entry },
    pivot2: { index: 0, time: vp.openedAt, price: entry },
    knownAt: { index: 0, time: vp.openedAt },
    entry,
    stop,
    tp1: target,
    tp2: target,
    atr: 0,
    score: 0,
    confidence: null,
    verdicts: [],
    rejectedBy: 'adopted',
    accepted: false,
  } as unknown as EvaluatedCandidate;
  return {
    ...pendingPosition(id, signal, inst),
    broker,
    tickets: [
      {
        ...newTicket('A', (vp.clientId ?? `adopted-${vp.ref}`) as ClientOrderId, Number(vp.qty), target),
        ref: vp.ref,
        entryPrice: entry,
        filledQty: Number(vp.qty),
        open: true,
      },
    ],
    status: 'open',
    openedAt: vp.openedAt ?? at,
  };
}
