// zod schemas for the raw Binance payloads ccxt passes through (`info` of its unified objects,
// and the implicit endpoints ccxt does not parse): we read decimals from Binance's own strings,
// never from ccxt's floats. Fields we do not use are not declared (zod strips them).
import { z } from 'zod';

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal string');
/** Binance sends ids and times as numbers; ccxt's recorded fixtures hold them as strings. */
const id = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]).transform(String);
const time = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(Number);

export const OrderStatuses = [
  'NEW',
  'PENDING_NEW',
  'PARTIALLY_FILLED',
  'FILLED',
  'CANCELED',
  'PENDING_CANCEL',
  'REJECTED',
  'EXPIRED',
  'EXPIRED_IN_MATCH',
] as const;

export const rawFill = z.object({
  price: decimal,
  qty: decimal,
  commission: decimal,
  commissionAsset: z.string(),
  tradeId: id,
});

export const rawOrder = z.object({
  symbol: z.string(),
  orderId: id,
  orderListId: id,
  clientOrderId: z.string(),
  price: decimal,
  origQty: decimal,
  executedQty: decimal,
  cummulativeQuoteQty: decimal,
  status: z.enum(OrderStatuses),
  type: z.string(),
  side: z.enum(['BUY', 'SELL']),
  stopPrice: decimal.optional(),
  time: time.optional(),
  updateTime: time.optional(),
  transactTime: time.optional(),
  fills: z.array(rawFill).optional(),
});
export type RawOrder = z.output<typeof rawOrder>;

export const rawOrders = z.array(rawOrder);

export const rawTrade = z.object({
  symbol: z.string(),
  id: id,
  orderId: id,
  orderListId: id,
  price: decimal,
  qty: decimal,
  commission: decimal,
  commissionAsset: z.string(),
  time: time,
  isBuyer: z.boolean(),
});
export const rawTrades = z.array(rawTrade);
export type RawTrade = z.output<typeof rawTrade>;

export const rawOrderList = z.object({
  orderListId: id,
  listClientOrderId: z.string(),
  listOrderStatus: z.enum(['EXECUTING', 'ALL_DONE', 'REJECT']),
  symbol: z.string(),
  orders: z.array(z.object({ symbol: z.string(), orderId: id, clientOrderId: z.string() })),
});
export const rawOrderLists = z.array(rawOrderList);
export type RawOrderList = z.output<typeof rawOrderList>;

export const rawAccount = z.object({
  canTrade: z.boolean(),
  balances: z.array(z.object({ asset: z.string(), free: decimal, locked: decimal })),
});

export const rawTicker = z.object({
  symbol: z.string(),
  bidPrice: decimal,
  askPrice: decimal,
  closeTime: time,
});

/** `[openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, …]`. */
export const rawKlines = z.array(
  z.tuple([time, decimal, decimal, decimal, decimal, decimal, time]).rest(z.unknown()),
);

/** The exchangeInfo filters rounding depends on (brokers.md §3.2), from ccxt's `market.info`. */
export const rawSymbolFilters = z.object({
  symbol: z.string(),
  status: z.string(),
  filters: z.array(
    z.looseObject({
      filterType: z.string(),
      tickSize: decimal.optional(),
      stepSize: decimal.optional(),
      minQty: decimal.optional(),
      minNotional: decimal.optional(),
    }),
  ),
});

export const rawServerTime = z.number().int();
