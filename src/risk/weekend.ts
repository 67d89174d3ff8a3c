// WEEKEND_POLICY (SPEC §9) for FX and CFDs: what the engine does with open positions before a
// close that lasts over a weekend or holiday, where a gap can jump any stop.
import { type Instrument, nextClose, nextOpen } from '../domain/instruments/index.js';
import { HOUR_MS } from '../domain/timeframe.js';
import type { RiskSettings } from './settings.js';

/** A close followed by at least this much closed time is a weekend (or holiday) close; nights and daily breaks are shorter. */
export const WEEKEND_MIN_CLOSURE_MS = 24 * HOUR_MS;

/** How long before that close the policy applies by default: one 1h bar, so the monitor sees it at least once. */
export const WEEKEND_LEAD_MS = HOUR_MS;

export interface WeekendInstruction {
  /** hold: nothing to do; reduce: cut each position (the engine closes ticket A); flatten: close everything. */
  readonly action: RiskSettings['WEEKEND_POLICY'];
  readonly closeAt: number;
  readonly reopenAt: number;
}

/**
 * The instruction for `instrument` at `at`, or undefined when it is not within `leadMs` of a
 * weekend close (24/7 spot crypto never is).
 */
export function weekendInstruction(
  instrument: Pick<Instrument, 'session' | 'assetClass'>,
  at: number,
  settings: Pick<RiskSettings, 'WEEKEND_POLICY'>,
  leadMs = WEEKEND_LEAD_MS,
): WeekendInstruction | undefined {
  if (instrument.assetClass === 'crypto') return undefined;
  const closeAt = nextClose(instrument, at);
  if (closeAt === undefined || closeAt - at > leadMs) return undefined;
  const reopenAt = nextOpen(instrument, closeAt);
  if (reopenAt === undefined || reopenAt - closeAt < WEEKEND_MIN_CLOSURE_MS) return undefined;
  return { action: settings.WEEKEND_POLICY, closeAt, reopenAt };
}
