import type { EvaluatedCandidate } from './divergence.js';
import type { SetupId, SignalId } from './ids.js';

/** Risk denial codes (SPEC §9), stored with the signal as `denied_by`. */
export const DenialCodes = [
  'STATE_HALTED',
  'STATE_PAUSED',
  'STATE_REDUCING',
  'MAX_POSITIONS_BROKER',
  'CORRELATION_GROUP_FULL',
  'SYMBOL_HAS_POSITION',
  'MAX_TRADES_PER_DAY',
  'MAX_TRADES_PER_DAY_SYMBOL',
  'COOLDOWN_AFTER_STOP',
  'SIZE_BELOW_MIN',
  'COSTS_TOO_HIGH',
  'OPEN_RISK_CAP',
  'CURRENCY_RISK_CAP',
  'DAILY_LOSS_BUDGET',
  'INSUFFICIENT_MARGIN',
  'NO_FX_RATE',
  'STALE_SIGNAL',
  'SESSION_CLOSING',
  'NEWS_BLACKOUT',
  'EARNINGS_BLACKOUT',
  'MARKET_CLOSED',
  'STALE_DATA',
  'PRICE_AWAY',
  'CANNOT_SHORT',
  'INSTRUMENT_DISABLED',
  'NO_SETUP',
  'EQUITY_UNKNOWN',
] as const;
export type DenialCode = (typeof DenialCodes)[number];

/** An accepted candidate on its way to risk and execution. */
export interface Signal {
  readonly id: SignalId;
  readonly candidate: EvaluatedCandidate;
  /** The 4h setup a 1h signal triggered (multi-timeframe mode). */
  readonly setupId?: SetupId;
  /** When it became tradable (the trigger for 1h signals), Clock ms. */
  readonly tradableAt: number;
  readonly deniedBy?: DenialCode;
}

export const SetupStatuses = ['live', 'triggered', 'expired', 'invalidated'] as const;
export type SetupStatus = (typeof SetupStatuses)[number];

/** An accepted 4h signal waiting for a 1h trigger (SPEC §8). */
export interface Setup {
  readonly id: SetupId;
  readonly signalId: SignalId;
  readonly status: SetupStatus;
  /** Valid until this many trading 4h bars have closed after it became known. */
  readonly expiresAfterBars: number;
  readonly knownAt: number;
}
