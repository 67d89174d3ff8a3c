// v20 objects → the port's views. A side is the sign of `units`; an order's fill quantity and
// price live on its ORDER_FILL transaction, not on the order, so views take both.
import Big from 'big.js';
import type { VenueOrder, VenuePosition } from '../../domain/broker.js';
import { type ClientOrderId, isClientOrderId, type TradeId, type VenueOrderId } from '../../domain/ids.js';
import type { SymbolId } from '../../domain/instruments/types.js';
import type { Fill, OrderKind, OrderSide, OrderState } from '../../domain/order.js';
import type { FillTransaction, Order, OrderResult, Trade } from './schemas.js';

export const sideOf = (units: string): OrderSide => (units.startsWith('-') ? 'sell' : 'buy');
const absolute = (units: string) => new Big(units).abs();

export function clientIdOf(extensions: { id?: string | undefined } | undefined): ClientOrderId | undefined {
  const id = extensions?.id;
  return id !== undefined && isClientOrderId(id) ? id : undefined;
}

const KINDS: Readonly<Record<string, OrderKind>> = {
  MARKET: 'market',
  LIMIT: 'limit',
  STOP: 'stop',
  MARKET_IF_TOUCHED: 'stop',
};
export const isEntryOrCloseType = (type: string) => type in KINDS;

/**
 * A CANCELLED order that filled part of its units (IOC) is terminal with a quantity: CANCELED
 * with filledQty > 0, which the order FSM keeps as reported.
 */
function stateOf(order: Pick<Order, 'state'>, filled: Big): OrderState {
  switch (order.state) {
    case 'FILLED':
      return 'FILLED';
    case 'CANCELLED':
      return 'CANCELED';
    default:
      return filled.gt(0) ? 'PARTIALLY_FILLED' : 'ACCEPTED';
  }
}

export function orderView(order: Order, symbol: SymbolId, fill: FillTransaction | undefined): VenueOrder {
  const filledQty = fill === undefined ? new Big(0) : absolute(fill.units);
  const units = order.units ?? fill?.units ?? '0';
  return {
    clientId: clientIdOf(order.clientExtensions),
    venueOrderId: order.id as VenueOrderId,
    symbol,
    side: sideOf(units),
    kind: KINDS[order.type] ?? 'market',
    state: stateOf(order, filledQty),
    qty: absolute(units),
    filledQty,
    avgFillPrice: fillPrice(fill),
    positionRef:
      order.tradeOpenedID ?? order.tradeReducedID ?? order.tradeClosedIDs?.[0] ?? order.tradeClose?.tradeID,
    updatedAt: order.filledTime ?? order.cancelledTime ?? order.createTime,
  };
}

/** The ack of a create (or trade close) from its transactions, without a second request. */
export function resultView(
  placed: { clientId: ClientOrderId; symbol: SymbolId; side: OrderSide; kind: OrderKind; units: string },
  result: OrderResult,
  positionRef?: string,
): VenueOrder {
  const fill = result.orderFillTransaction;
  const created = result.orderCreateTransaction;
  const state = fill !== undefined && result.orderCancelTransaction === undefined ? 'FILLED' : 'PENDING';
  const order: Order = {
    id: created.id,
    createTime: created.time,
    type: placed.kind.toUpperCase(),
    units: placed.units,
    state: result.orderCancelTransaction === undefined ? state : 'CANCELLED',
    ...(fill === undefined ? {} : { filledTime: fill.time }),
    ...(result.orderCancelTransaction === undefined
      ? {}
      : { cancelledTime: result.orderCancelTransaction.time }),
  };
  const view = orderView(order, placed.symbol, fill);
  return { ...view, clientId: placed.clientId, positionRef: positionRef ?? tradeOf(fill) };
}

export function positionView(trade: Trade, symbol: SymbolId): VenuePosition {
  const price = (p: { price?: string | undefined; state: string } | undefined) =>
    p?.price === undefined || p.state !== 'PENDING' ? undefined : new Big(p.price);
  return {
    ref: trade.id,
    clientId: clientIdOf(trade.clientExtensions),
    symbol,
    direction: trade.currentUnits.startsWith('-') ? 'short' : 'long',
    qty: absolute(trade.currentUnits),
    entryPrice: new Big(trade.price),
    stop: price(trade.stopLossOrder),
    target: price(trade.takeProfitOrder),
    openedAt: trade.openTime,
  };
}

const REASONS: Readonly<Record<string, Fill['reason']>> = {
  MARKET_ORDER: 'entry',
  LIMIT_ORDER: 'entry',
  STOP_ORDER: 'entry',
  MARKET_IF_TOUCHED_ORDER: 'entry',
  STOP_LOSS_ORDER: 'stop',
  TRAILING_STOP_LOSS_ORDER: 'stop',
  GUARANTEED_STOP_LOSS_ORDER: 'stop',
  TAKE_PROFIT_ORDER: 'target',
  MARKET_ORDER_TRADE_CLOSE: 'close',
  MARKET_ORDER_POSITION_CLOSEOUT: 'close',
  MARKET_ORDER_MARGIN_CLOSEOUT: 'close',
};

export function fillOf(tx: FillTransaction, symbol: SymbolId, currency: string): Fill {
  // OANDA charges in the account currency; a negative commission is a charge.
  const fee = new Big(tx.commission ?? '0').plus(tx.guaranteedExecutionFee ?? '0').abs();
  const clientId =
    tx.clientOrderID !== undefined && isClientOrderId(tx.clientOrderID) ? tx.clientOrderID : undefined;
  const positionRef = tradeOf(tx);
  const reason = REASONS[tx.reason];
  return {
    broker: 'oanda',
    tradeId: tx.id as TradeId,
    ...(clientId === undefined ? {} : { clientId }),
    venueOrderId: tx.orderID as VenueOrderId,
    symbol,
    side: sideOf(tx.units),
    qty: absolute(tx.units),
    price: fillPrice(tx) ?? new Big(0),
    fee,
    feeCurrency: currency,
    time: tx.time,
    ...(positionRef === undefined ? {} : { positionRef }),
    ...(reason === undefined ? {} : { reason }),
  };
}

function fillPrice(fill: FillTransaction | undefined): Big | undefined {
  const price = fill?.fullVWAP ?? fill?.price;
  return price === undefined ? undefined : new Big(price);
}

function tradeOf(fill: FillTransaction | undefined): string | undefined {
  return fill?.tradeOpened?.tradeID ?? fill?.tradeReduced?.tradeID ?? fill?.tradesClosed?.[0]?.tradeID;
}
