// A person's commands on the trading state (SPEC §9/§10): pause, resume, and the kill-switch
// reset. Each returns the next state and the event the caller must audit (with who and why).
import { DivbotError } from '../domain/errors.js';
import { type RiskBookState, resumedState } from './breaker-state.js';
import type { StateChanged } from './breakers.js';

/** A command that does not apply to the current state (the CLI reports it, exit 2). */
export class TradingStateCommandError extends DivbotError {}

export interface CommandResult {
  readonly state: RiskBookState;
  readonly event: StateChanged | undefined;
}

function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed === '') throw new TradingStateCommandError('a reason is required');
  return trimmed;
}

function change(s: RiskBookState, to: RiskBookState['state'], reason: string, at: number): CommandResult {
  if (s.state === to) return { state: { ...s, reason, updatedAt: at }, event: undefined };
  const event: StateChanged = { from: s.state, to, cause: 'manual', reason, at, flatten: false };
  return { state: { ...s, state: to, reason, since: at, updatedAt: at }, event };
}

/** No new entries; exits and protection go on. HALTED stays HALTED: only a reset lifts it. */
export function pause(s: RiskBookState, reason: string, at: number): CommandResult {
  const why = requireReason(reason);
  if (s.state === 'HALTED')
    throw new TradingStateCommandError('HALTED: reset the kill switch instead of pausing');
  return change(s, 'PAUSED', why, at);
}

/** PAUSED → ACTIVE (REDUCING while today's daily-loss breaker holds); clears the loss streak. */
export function resume(s: RiskBookState, reason: string, at: number): CommandResult {
  const why = requireReason(reason);
  if (s.state !== 'PAUSED') throw new TradingStateCommandError(`cannot resume from ${s.state}`);
  return change({ ...s, consecutiveLosses: 0 }, resumedState(s, at), why, at);
}

/**
 * The kill-switch reset: HALTED → ACTIVE (or REDUCING), the peak re-based to the current equity
 * so the old drawdown does not trip again at once, and the loss streak cleared. The caller audits
 * it; it is never reachable from Telegram.
 */
export function reset(s: RiskBookState, reason: string, at: number, equity: number): CommandResult {
  const why = requireReason(reason);
  if (s.state !== 'HALTED')
    throw new TradingStateCommandError(`the kill switch is not tripped (state ${s.state})`);
  if (!(Number.isFinite(equity) && equity > 0)) {
    throw new TradingStateCommandError(`cannot re-base the equity peak on ${equity}: equity unknown`);
  }
  return change({ ...s, equityPeak: equity, consecutiveLosses: 0 }, resumedState(s, at), why, at);
}
