// SPEC §10's position monitor as a pure decision on each closed bar: after TP1 the remaining
// ticket's stop goes to breakeven (entry plus costs), then trails at TRAIL_ATR_MULTIPLE × ATR,
// tightening to TRAIL_ATR_MULTIPLE_TIGHT once price has covered half the way from TP1 to TP2;
// a time stop after MAX_HOLD_BARS bars. A stop only ever moves in the trade's favour.
import type { Direction } from '../domain/divergence.js';

export type StopOrigin = 'initial' | 'breakeven' | 'trail';

export interface PolicyPosition {
  readonly direction: Direction;
  readonly entry: number;
  readonly stop: number;
  readonly stopOrigin: StopOrigin;
  readonly tp1: number;
  readonly tp2: number;
  readonly tp1Hit: boolean;
  /** Round-trip costs per unit, in price units: breakeven covers them. */
  readonly costsPerUnit: number;
  /** Closed bars since the entry filled, this one included. */
  readonly barsHeld: number;
}

export interface PolicySettings {
  readonly TRAIL_ATR_MULTIPLE: number;
  readonly TRAIL_ATR_MULTIPLE_TIGHT: number;
  readonly MAX_HOLD_BARS: number;
}

export interface PolicyDecision {
  /** The stop to hold from the next bar on, and why it is there. */
  readonly stop: number;
  readonly stopOrigin: StopOrigin;
  readonly stopMoved: boolean;
  readonly timeStop: boolean;
}

export function decide(p: PolicyPosition, close: number, atr: number, s: PolicySettings): PolicyDecision {
  const dir = p.direction === 'long' ? 1 : -1;
  let stop = p.stop;
  let origin = p.stopOrigin;
  const better = (candidate: number) => Number.isFinite(candidate) && (candidate - stop) * dir > 0;
  if (p.tp1Hit) {
    const breakeven = p.entry + dir * p.costsPerUnit;
    if (better(breakeven)) {
      stop = breakeven;
      origin = 'breakeven';
    }
    const halfway = (close - p.tp1) * dir >= 0.5 * (p.tp2 - p.tp1) * dir;
    const multiple = halfway ? s.TRAIL_ATR_MULTIPLE_TIGHT : s.TRAIL_ATR_MULTIPLE;
    const trail = close - dir * multiple * atr;
    if (better(trail)) {
      stop = trail;
      origin = 'trail';
    }
  }
  return { stop, stopOrigin: origin, stopMoved: stop !== p.stop, timeStop: p.barsHeld >= s.MAX_HOLD_BARS };
}

/** How an exit at the stop is labelled in the trade record (SPEC §15). */
export function stopExitReason(origin: StopOrigin): 'stop' | 'breakeven' | 'trail' {
  return origin === 'initial' ? 'stop' : origin;
}
