// Closed value sets, stored as `text` with a CHECK constraint rather than pg enums: drizzle runs
// pending migrations in one transaction, and a value added by `ALTER TYPE ... ADD VALUE` cannot be
// used in that same transaction; a CHECK is dropped and re-created freely.
// When domain/ grows its own constants (order FSM, modes), these must stay equal to them.

export const RunModes = ['dev', 'paper', 'live', 'backtest'] as const;
export type RunMode = (typeof RunModes)[number];

export const Brokers = ['binance', 'oanda', 'ig', 'simulated'] as const;
export type BrokerName = (typeof Brokers)[number];

// The domain's list, so a new timeframe needs only a migration for the CHECKs.
export { Timeframes as TimeframeValues } from '../../domain/timeframe.js';

export const DivergenceTypes = [
  'regular_bullish',
  'hidden_bullish',
  'regular_bearish',
  'hidden_bearish',
] as const;
export type DivergenceType = (typeof DivergenceTypes)[number];

export const Directions = ['long', 'short'] as const;
export type Direction = (typeof Directions)[number];

export const SetupStatuses = ['live', 'triggered', 'expired', 'invalidated'] as const;

/** SPEC §10: the order state machine's states. */
export const OrderStates = [
  'INITIALIZED',
  'SUBMITTED',
  'ACCEPTED',
  'PARTIALLY_FILLED',
  'FILLED',
  'PENDING_CANCEL',
  'CANCELED',
  'REJECTED',
  'EXPIRED',
  'DENIED',
] as const;
export type OrderState = (typeof OrderStates)[number];

export const OrderSides = ['buy', 'sell'] as const;
export const OrderKinds = ['market', 'limit', 'stop'] as const;
/** SPEC §10: what an intent is for; each gets its own client order id. */
export const IntentKinds = [
  'entry',
  'amend_protection',
  'exit_manual',
  'exit_time_stop',
  'exit_policy',
  'exit_opposite_signal',
] as const;
export const Tickets = ['A', 'B'] as const;

export const PositionStatuses = ['open', 'closed'] as const;

/** SPEC §9: the persisted trading state. */
export const TradingStates = ['ACTIVE', 'PAUSED', 'REDUCING', 'HALTED'] as const;
export type TradingState = (typeof TradingStates)[number];

export const OutcomeVerdicts = ['tp1', 'tp2', 'sl', 'expired'] as const;

export const AlertChannels = ['telegram', 'sms'] as const;
export const AlertStatuses = ['pending', 'sent', 'failed', 'suppressed'] as const;

export const JobRunStatuses = ['ok', 'error', 'skipped_overrun'] as const;
export type JobRunStatus = (typeof JobRunStatuses)[number];

export const LlmCallStatuses = ['ok', 'error'] as const;
