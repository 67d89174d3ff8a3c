import type Big from 'big.js';
import type { Direction } from './divergence.js';
import type { ClientOrderId, PositionId, SignalId, SymbolId, TradeId, VenueOrderId } from './ids.js';
import type { BrokerId } from './instruments/types.js';

/** SPEC §10: the order state machine's states (the transition table lives in execution/). */
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
export type OrderSide = (typeof OrderSides)[number];

export const OrderKinds = ['market', 'limit', 'stop'] as const;
export type OrderKind = (typeof OrderKinds)[number];

/** What an intent is for; each intent gets its own client order id (SPEC §10). */
export const IntentKinds = [
  'entry',
  'amend_protection',
  'exit_manual',
  'exit_time_stop',
  'exit_policy',
  'exit_opposite_signal',
] as const;
export type IntentKind = (typeof IntentKinds)[number];

export const Tickets = ['A', 'B'] as const;
export type Ticket = (typeof Tickets)[number];

/** A decision to act at a venue, created (and stored) before any call is made. */
export interface OrderIntent {
  readonly clientId: ClientOrderId;
  readonly kind: IntentKind;
  readonly broker: BrokerId;
  readonly symbol: SymbolId;
  readonly side: OrderSide;
  readonly orderKind: OrderKind;
  /** Rounded to the instrument's size step at the broker boundary. */
  readonly qty: Big;
  readonly price?: Big;
  readonly stop?: Big;
  readonly target?: Big;
  readonly signalId?: SignalId;
  readonly ticket?: Ticket;
  readonly positionId?: PositionId;
}

export interface Order {
  readonly intent: OrderIntent;
  readonly state: OrderState;
  readonly venueOrderId?: VenueOrderId;
  readonly filledQty: Big;
  readonly avgFillPrice?: Big;
  readonly updatedAt: number;
}

export interface Fill {
  readonly broker: BrokerId;
  readonly tradeId: TradeId;
  readonly clientId?: ClientOrderId;
  readonly venueOrderId?: VenueOrderId;
  readonly symbol: SymbolId;
  readonly side: OrderSide;
  readonly qty: Big;
  readonly price: Big;
  readonly fee: Big;
  readonly feeCurrency: string;
  readonly time: number;
  /** The venue position (ticket) it opened or closed, when the venue says (OANDA trade ids, IG deal ids). */
  readonly positionRef?: string;
  /** Why it happened, when the venue says: an entry, the attached stop or target, or a close. */
  readonly reason?: 'entry' | 'stop' | 'target' | 'close';
}

export const ExitReasons = [
  'tp1',
  'tp2',
  'stop',
  'breakeven',
  'trail',
  'time',
  'manual',
  'policy',
  'end',
] as const;
export type ExitReason = (typeof ExitReasons)[number];

export interface PositionExit {
  readonly time: number;
  readonly price: Big;
  readonly qty: Big;
  readonly reason: ExitReason;
}

/** The bot's position from one signal, across its two tickets and partial exits. */
export interface Position {
  readonly id: PositionId;
  readonly signalId: SignalId;
  readonly broker: BrokerId;
  readonly symbol: SymbolId;
  readonly direction: Direction;
  readonly qty: Big;
  /** Average entry fill: kept apart from exit prices. */
  readonly filledPrice: Big;
  readonly initialStop: Big;
  readonly stop: Big;
  readonly tp1: Big;
  readonly tp2: Big;
  readonly exits: readonly PositionExit[];
  readonly realizedPnl: Big;
  readonly fees: Big;
  readonly financing: Big;
  readonly openedAt: number;
  readonly closedAt?: number;
}
