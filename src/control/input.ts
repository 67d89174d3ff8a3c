// Checks of a person's input that need nothing heavy (the local API loads with the HTTP server).
import { ControlUsageError } from './errors.js';
import type { StateCommand } from './types.js';

/** A sanity bound: the multiplier scales RISK_PER_TRADE_PCT; the book's caps still apply. */
export const MAX_RISK_MULTIPLIER = 10;

export function parseMultiplier(text: string | number): number {
  const value = typeof text === 'number' ? text : text.trim() === '' ? Number.NaN : Number(text);
  if (!(Number.isFinite(value) && value > 0 && value <= MAX_RISK_MULTIPLIER)) {
    throw new ControlUsageError(
      `MULTIPLIER: expected a number > 0 and ≤ ${MAX_RISK_MULTIPLIER}, got "${String(text)}"`,
    );
  }
  return value;
}

export function requireReason(reason: string | undefined, what: string): string {
  const r = (reason ?? '').trim();
  if (r === '') throw new ControlUsageError(`${what}: --reason is required`);
  return r;
}

export const DEFAULT_REASONS: Readonly<Record<StateCommand, string | undefined>> = {
  pause: 'paused by a person',
  resume: 'resumed by a person',
  reset: undefined,
  trip: undefined,
};
