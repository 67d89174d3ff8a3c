// Closed value sets, stored as `text` with a CHECK constraint rather than pg enums: drizzle runs
// pending migrations in one transaction, and a value added by `ALTER TYPE ... ADD VALUE` cannot be
// used in that same transaction; a CHECK is dropped and re-created freely.
// The value sets the domain owns are re-exported from domain/, so the CHECKs follow them.

export const RunModes = ['dev', 'paper', 'live', 'backtest'] as const;
export type RunMode = (typeof RunModes)[number];

export const Brokers = ['binance', 'oanda', 'ig', 'simulated'] as const;
export type BrokerName = (typeof Brokers)[number];

export {
  type Direction,
  Directions,
  type DivergenceType,
  DivergenceTypes,
} from '../../domain/divergence.js';
export {
  IntentKinds,
  OrderKinds,
  OrderSides,
  type OrderState,
  OrderStates,
  Tickets,
} from '../../domain/order.js';

export { SetupStatuses } from '../../domain/signal.js';
// The domain's list, so a new timeframe needs only a migration for the CHECKs.
export { Timeframes as TimeframeValues } from '../../domain/timeframe.js';

export const PositionStatuses = ['open', 'closed'] as const;

export { type TradingState, TradingStates } from '../../domain/trading-state.js';

export const OutcomeVerdicts = ['tp1', 'tp2', 'sl', 'expired'] as const;

export const AlertChannels = ['telegram', 'sms'] as const;
export const AlertStatuses = ['pending', 'sent', 'failed', 'suppressed'] as const;

export const JobRunStatuses = ['ok', 'error', 'skipped_overrun'] as const;
export type JobRunStatus = (typeof JobRunStatuses)[number];

export const LlmCallStatuses = ['ok', 'error'] as const;
