// The fake's state types and their Binance wire shapes (brokers.md §3.4, the field lists of
// ccxt's recorded responses in ../fixtures): decimals as 8-decimal strings, ids and times as
// numbers, as the real venue sends them.
import type Big from 'big.js';

export type OrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED' | 'REJECTED';

export interface FakeFill {
  readonly symbol: string;
  readonly id: number;
  readonly orderId: number;
  readonly orderListId: number;
  readonly price: Big;
  readonly qty: Big;
  readonly quoteQty: Big;
  readonly commission: Big;
  readonly commissionAsset: string;
  readonly time: number;
  readonly isBuyer: boolean;
  readonly isMaker: boolean;
}

export interface FakeOrder {
  readonly symbol: string;
  readonly orderId: number;
  readonly orderListId: number;
  readonly clientOrderId: string;
  readonly price: Big;
  readonly origQty: Big;
  executedQty: Big;
  cummulativeQuoteQty: Big;
  status: OrderStatus;
  readonly timeInForce: string;
  readonly type: string;
  readonly side: 'BUY' | 'SELL';
  readonly stopPrice: Big;
  readonly time: number;
  updateTime: number;
  readonly fills: FakeFill[];
}

export interface FakeOrderList {
  readonly orderListId: number;
  readonly listClientOrderId: string;
  readonly symbol: string;
  status: 'EXECUTING' | 'ALL_DONE';
  readonly orderIds: readonly number[];
  readonly transactionTime: number;
}

const d = (v: Big) => v.toFixed(8);

/** `GET /api/v3/order`, `openOrders`, `allOrders`. */
export function orderWire(o: FakeOrder) {
  return {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: o.orderListId,
    clientOrderId: o.clientOrderId,
    price: d(o.price),
    origQty: d(o.origQty),
    executedQty: d(o.executedQty),
    cummulativeQuoteQty: d(o.cummulativeQuoteQty),
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
    stopPrice: d(o.stopPrice),
    icebergQty: d(o.origQty.times(0)),
    time: o.time,
    updateTime: o.updateTime,
    isWorking: o.status === 'NEW' || o.status === 'PARTIALLY_FILLED',
    workingTime: o.time,
    origQuoteOrderQty: '0.00000000',
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

/** `POST /api/v3/order` with `newOrderRespType=FULL`. */
export function orderFullWire(o: FakeOrder) {
  const { time, updateTime, isWorking, icebergQty, stopPrice, ...rest } = orderWire(o);
  return {
    ...rest,
    ...(o.stopPrice.gt(0) ? { stopPrice } : {}),
    transactTime: time,
    workingTime: time,
    fills: o.fills.map((f) => ({
      price: d(f.price),
      qty: d(f.qty),
      commission: d(f.commission),
      commissionAsset: f.commissionAsset,
      tradeId: f.id,
    })),
  };
}

/** `DELETE /api/v3/order`. */
export function cancelWire(o: FakeOrder, origClientOrderId: string) {
  const { time, updateTime, isWorking, icebergQty, stopPrice, workingTime, ...rest } = orderWire(o);
  return { ...rest, origClientOrderId, transactTime: updateTime };
}

/** `GET /api/v3/myTrades`. */
export function tradeWire(f: FakeFill) {
  return {
    symbol: f.symbol,
    id: f.id,
    orderId: f.orderId,
    orderListId: f.orderListId,
    price: d(f.price),
    qty: d(f.qty),
    quoteQty: d(f.quoteQty),
    commission: d(f.commission),
    commissionAsset: f.commissionAsset,
    time: f.time,
    isBuyer: f.isBuyer,
    isMaker: f.isMaker,
    isBestMatch: true,
  };
}

/** `GET /api/v3/orderList`, `openOrderList`, and the list part of create/cancel answers. */
export function orderListWire(list: FakeOrderList, orders: readonly FakeOrder[]) {
  const done = list.status === 'ALL_DONE';
  return {
    orderListId: list.orderListId,
    contingencyType: 'OCO',
    listStatusType: done ? 'ALL_DONE' : 'EXEC_STARTED',
    listOrderStatus: done ? 'ALL_DONE' : 'EXECUTING',
    listClientOrderId: list.listClientOrderId,
    transactionTime: list.transactionTime,
    symbol: list.symbol,
    orders: orders.map((o) => ({ symbol: o.symbol, orderId: o.orderId, clientOrderId: o.clientOrderId })),
  };
}

/** `POST /api/v3/orderList/oco` and `DELETE /api/v3/orderList`: the list with its order reports. */
export function orderListReportWire(list: FakeOrderList, orders: readonly FakeOrder[]) {
  return { ...orderListWire(list, orders), orderReports: orders.map(orderFullWire) };
}
