// The Broker port (ARCHITECTURE.md): one per venue; the SimulatedBroker implements it too, and one
// contract suite runs against every implementation. Prices and sizes cross it as big.js values
// rounded to the instrument's tick and step by the adapter.
import type Big from 'big.js';
import type { Candle } from './candle.js';
import type { Direction } from './divergence.js';
import type { ClientOrderId, SymbolId, VenueOrderId } from './ids.js';
import type { BrokerId } from './instruments/types.js';
import type { Fill, OrderIntent, OrderKind, OrderSide, OrderState } from './order.js';
import type { Timeframe } from './timeframe.js';

/** 'routing': several venues behind one port (paper and live, brokers/routing-broker.ts). */
export type BrokerName = BrokerId | 'simulated' | 'routing';

export interface Ticker {
  readonly symbol: SymbolId;
  readonly bid: number;
  readonly ask: number;
  readonly time: number;
  /** The venue's own flag (IG marketStatus, OANDA tradeable). */
  readonly tradeable: boolean;
}

export interface Balance {
  /** The account's currency (USD, USDT, …). */
  readonly currency: string;
  /** Cash plus unrealized P&L. */
  readonly equity: number;
  /** What new positions may use: free margin, or free cash on spot. */
  readonly available: number;
  readonly time: number;
}

/**
 * One open ticket at the venue: an OANDA trade, an IG position, a Binance spot holding with its
 * OCO. `ref` is the venue's id; `clientId` the entry intent's client id.
 */
export interface VenuePosition {
  readonly ref: string;
  readonly clientId: ClientOrderId | undefined;
  readonly symbol: SymbolId;
  readonly direction: Direction;
  readonly qty: Big;
  readonly entryPrice: Big;
  readonly stop: Big | undefined;
  readonly target: Big | undefined;
  readonly openedAt: number;
}

export interface PositionRef {
  readonly ref: string;
  readonly symbol: SymbolId;
}

export interface Protection {
  readonly stop?: Big;
  readonly target?: Big;
}

export interface OrderRef {
  readonly clientId?: ClientOrderId;
  readonly venueOrderId?: VenueOrderId;
}

/** The venue's view of one order. */
export interface VenueOrder {
  readonly clientId: ClientOrderId | undefined;
  readonly venueOrderId: VenueOrderId;
  readonly symbol: SymbolId;
  readonly side: OrderSide;
  readonly kind: OrderKind;
  readonly state: OrderState;
  readonly qty: Big;
  readonly filledQty: Big;
  readonly avgFillPrice: Big | undefined;
  /** The position (ticket) the order opened or closed, once known. */
  readonly positionRef: string | undefined;
  readonly updatedAt: number;
}

/** What a placement call returned: the order as the venue acknowledged it. */
export type OrderAck = VenueOrder;

export interface BrokerHealth {
  readonly ok: boolean;
  readonly detail: string;
  readonly latencyMs?: number;
}

export interface Broker {
  readonly id: BrokerName;
  /** Closed candles only, oldest first, from `since` (open time, inclusive) when given. */
  fetchCandles(symbol: SymbolId, timeframe: Timeframe, since?: number): Promise<Candle[]>;
  fetchTicker(symbol: SymbolId): Promise<Ticker>;
  fetchBalance(): Promise<Balance>;
  /**
   * Idempotent by `intent.clientId`: placing an id the venue already has returns that order and
   * never creates a second one. An entry's stop and target are attached on the venue.
   * Throws `AmbiguousOrderError` when the outcome is unknown (timeout, lost response): the caller
   * queries `fetchOrder`, never re-submits blindly. `RejectedError` when refused.
   */
  placeOrder(intent: OrderIntent): Promise<OrderAck>;
  amendProtection(position: PositionRef, protection: Protection): Promise<void>;
  /** Market close of the whole position, or of `qty` of it. `clientId` identifies the intent. */
  closePosition(position: PositionRef, options: { clientId: ClientOrderId; qty?: Big }): Promise<OrderAck>;
  cancelOrder(ref: OrderRef): Promise<void>;
  fetchOrder(ref: OrderRef): Promise<VenueOrder | undefined>;
  fetchOpenOrders(): Promise<VenueOrder[]>;
  /** Throws when the query fails: a failed query is never "flat". */
  fetchPositions(): Promise<VenuePosition[]>;
  fetchFills(since: number): Promise<Fill[]>;
  checkConnectivity(): Promise<BrokerHealth>;
  close(): Promise<void>;
}
