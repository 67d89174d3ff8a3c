// Execution (SPEC §10): orders with their FSM state and every transition, de-duplicated fills, and
// positions (one per traded signal, its two tickets being orders with ticket A/B).
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, jsonb, numeric, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { oneOf, utcMs } from './columns.js';
import {
  Brokers,
  Directions,
  IntentKinds,
  OrderKinds,
  OrderSides,
  OrderStates,
  PositionStatuses,
  Tickets,
  TimeframeValues,
} from './enums.js';
import { signals } from './signals.js';

/** SPEC §15: one (partial) exit of a position. */
export interface StoredExit {
  readonly time: number;
  readonly price: string;
  readonly qty: string;
  readonly reason: 'tp1' | 'tp2' | 'stop' | 'breakeven' | 'trail' | 'time' | 'manual' | 'policy' | 'end';
}

export const positions = pgTable(
  'positions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** NULL for a venue position adopted at reconciliation (RECONCILE_ADOPT). */
    signalId: bigint('signal_id', { mode: 'number' }).references(() => signals.id),
    broker: text('broker', { enum: Brokers }).notNull(),
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe', { enum: TimeframeValues }),
    direction: text('direction', { enum: Directions }).notNull(),
    qty: numeric('qty').notNull(),
    openQty: numeric('open_qty').notNull(),
    /** Average entry fill; the exit price is kept apart (SPEC §10). */
    filledPrice: numeric('filled_price').notNull(),
    exitPrice: numeric('exit_price'),
    /** The stop that sized the trade (R is measured against it) and the current one. */
    initialStop: numeric('initial_stop').notNull(),
    stop: numeric('stop').notNull(),
    tp1: numeric('tp1'),
    tp2: numeric('tp2'),
    tp1Hit: boolean('tp1_hit').notNull().default(false),
    /** Quote currency of the P&L columns. */
    currency: text('currency').notNull(),
    realizedPnl: numeric('realized_pnl').notNull().default('0'),
    financing: numeric('financing').notNull().default('0'),
    fees: numeric('fees').notNull().default('0'),
    rMultiple: numeric('r_multiple'),
    exits: jsonb('exits').$type<readonly StoredExit[]>().notNull().default([]),
    status: text('status', { enum: PositionStatuses }).notNull().default('open'),
    openedAt: utcMs('opened_at').notNull(),
    closedAt: utcMs('closed_at'),
    openAtEnd: boolean('open_at_end').notNull().default(false),
    /** The engine's whole view of the position (tickets, refs, exits, stop origin), for a restore. */
    engineState: jsonb('engine_state'),
  },
  (t) => [
    index('positions_status_symbol_idx').on(t.status, t.symbol),
    index('positions_opened_at_idx').on(t.openedAt),
    check('positions_broker_check', oneOf(t.broker, Brokers)),
    check('positions_timeframe_check', oneOf(t.timeframe, TimeframeValues)),
    check('positions_direction_check', oneOf(t.direction, Directions)),
    check('positions_status_check', oneOf(t.status, PositionStatuses)),
    check('positions_closed_check', sql`(${t.status} = 'closed') = (${t.closedAt} IS NOT NULL)`),
  ],
);

export const orders = pgTable(
  'orders',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Deterministic from the intent, stored before the venue call (SPEC §10). */
    clientOrderId: text('client_order_id').notNull().unique('orders_client_order_id_key'),
    venueOrderId: text('venue_order_id'),
    broker: text('broker', { enum: Brokers }).notNull(),
    symbol: text('symbol').notNull(),
    side: text('side', { enum: OrderSides }).notNull(),
    kind: text('kind', { enum: OrderKinds }).notNull(),
    intentKind: text('intent_kind', { enum: IntentKinds }).notNull(),
    /** NULL for intents on the whole position (a manual close of both tickets). */
    ticket: text('ticket', { enum: Tickets }),
    qty: numeric('qty').notNull(),
    /** Limit or stop trigger price; NULL for market orders. */
    price: numeric('price'),
    /** Protection attached on the venue. */
    stop: numeric('stop'),
    target: numeric('target'),
    state: text('state', { enum: OrderStates }).notNull().default('INITIALIZED'),
    filledQty: numeric('filled_qty').notNull().default('0'),
    avgFillPrice: numeric('avg_fill_price'),
    signalId: bigint('signal_id', { mode: 'number' }).references(() => signals.id),
    positionId: bigint('position_id', { mode: 'number' }).references(() => positions.id),
    /** The venue's reason for a rejection, or the risk denial code. */
    reason: text('reason'),
    createdAt: utcMs('created_at').notNull(),
    updatedAt: utcMs('updated_at').notNull(),
  },
  (t) => [
    unique('orders_venue_order_id_key').on(t.broker, t.venueOrderId),
    index('orders_state_idx').on(t.state),
    index('orders_signal_id_idx').on(t.signalId),
    index('orders_position_id_idx').on(t.positionId),
    // Binance newClientOrderId, OANDA clientExtensions.id and IG dealReference all accept this.
    check('orders_client_order_id_check', sql`${t.clientOrderId} ~ '^[A-Za-z0-9_-]{1,30}$'`),
    check('orders_broker_check', oneOf(t.broker, Brokers)),
    check('orders_side_check', oneOf(t.side, OrderSides)),
    check('orders_kind_check', oneOf(t.kind, OrderKinds)),
    check('orders_intent_kind_check', oneOf(t.intentKind, IntentKinds)),
    check('orders_ticket_check', oneOf(t.ticket, Tickets)),
    check('orders_state_check', oneOf(t.state, OrderStates)),
  ],
);

export const orderEvents = pgTable(
  'order_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint('order_id', { mode: 'number' })
      .notNull()
      .references(() => orders.id),
    /** NULL for the order's creation. */
    fromState: text('from_state', { enum: OrderStates }),
    toState: text('to_state', { enum: OrderStates }).notNull(),
    at: utcMs('at').notNull(),
    payload: jsonb('payload'),
  },
  (t) => [
    index('order_events_order_id_idx').on(t.orderId, t.id),
    check('order_events_from_state_check', oneOf(t.fromState, OrderStates)),
    check('order_events_to_state_check', oneOf(t.toState, OrderStates)),
  ],
);

export const fills = pgTable(
  'fills',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    broker: text('broker', { enum: Brokers }).notNull(),
    /** The venue's trade id: a fill seen twice (stream and poll) is stored once. */
    venueTradeId: text('venue_trade_id').notNull(),
    /** NULL for a venue fill no order of ours matches (reported at reconciliation). */
    orderId: bigint('order_id', { mode: 'number' }).references(() => orders.id),
    symbol: text('symbol').notNull(),
    side: text('side', { enum: OrderSides }).notNull(),
    qty: numeric('qty').notNull(),
    price: numeric('price').notNull(),
    fee: numeric('fee').notNull().default('0'),
    feeCurrency: text('fee_currency'),
    at: utcMs('at').notNull(),
  },
  (t) => [
    unique('fills_broker_venue_trade_id_key').on(t.broker, t.venueTradeId),
    index('fills_order_id_idx').on(t.orderId),
    index('fills_at_idx').on(t.at),
    check('fills_broker_check', oneOf(t.broker, Brokers)),
    check('fills_side_check', oneOf(t.side, OrderSides)),
  ],
);
