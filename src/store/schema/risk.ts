// The risk book's persisted state (SPEC §9) and its hourly snapshots.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, numeric, pgTable, text } from 'drizzle-orm/pg-core';
import { oneOf, utcMs } from './columns.js';
import { TradingStates } from './enums.js';

/** One row per account key: the trading state survives restarts, and only a person resets HALTED. */
export const riskState = pgTable(
  'risk_state',
  {
    accountKey: text('account_key').primaryKey(),
    state: text('state', { enum: TradingStates }).notNull(),
    /** Re-based by a kill-switch reset. NULL until the first equity is known. */
    equityPeak: numeric('equity_peak'),
    dayStartEquity: numeric('day_start_equity'),
    /** Start of the trading day day_start_equity belongs to (TRADING_DAY_START). */
    tradingDayStart: utcMs('trading_day_start'),
    consecutiveLosses: integer('consecutive_losses').notNull().default(0),
    /** Why the state is what it is, e.g. the breaker that tripped or the person's reason. */
    reason: text('reason'),
    updatedAt: utcMs('updated_at').notNull(),
    /** When the current state was entered. */
    since: utcMs('since'),
    /** Set while today's daily-loss breaker holds (the next trading day's start). */
    reducingUntil: utcMs('reducing_until'),
    /** Cumulative deposits − withdrawals already applied to the baselines (BASE_CURRENCY). */
    netFlows: numeric('net_flows').notNull().default('0'),
  },
  (t) => [
    check('risk_state_state_check', oneOf(t.state, TradingStates)),
    check('risk_state_consecutive_losses_check', sql`${t.consecutiveLosses} >= 0`),
  ],
);

export const portfolioSnapshots = pgTable(
  'portfolio_snapshots',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: utcMs('at').notNull(),
    /** BASE_CURRENCY. */
    currency: text('currency').notNull(),
    equity: numeric('equity').notNull(),
    balance: numeric('balance').notNull(),
    unrealizedPnl: numeric('unrealized_pnl').notNull(),
    openRisk: numeric('open_risk').notNull(),
    state: text('state', { enum: TradingStates }).notNull(),
    /** A broker that could not be reached counts with its last known equity (SPEC §9). */
    stale: boolean('stale').notNull().default(false),
    /** Per broker: equity, cash, margin used, staleness. */
    brokers: jsonb('brokers').notNull(),
  },
  (t) => [
    index('portfolio_snapshots_at_idx').on(t.at),
    check('portfolio_snapshots_state_check', oneOf(t.state, TradingStates)),
  ],
);
