// zod schemas of the v20 payloads the client reads (OANDA's spec, json/v20.json 3.0.25). Only
// the fields we use; unknown fields are dropped. Enums stay plain strings: recorded payloads
// carry older spellings (TRIGGER_DEFAULT, POSITION_DEFAULT) the spec no longer lists.
import { z } from 'zod';
import { parseTime } from './format.js';

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal number as a string');
const time = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/, 'an RFC3339 UTC time')
  .transform(parseTime);
const id = z.string().min(1);
const clientExtensions = z.object({ id: z.string().optional() }).optional();

export const errorBody = z.object({
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
  orderRejectTransaction: z.object({ rejectReason: z.string().optional() }).optional(),
});

const ohlc = z.object({ o: decimal, h: decimal, l: decimal, c: decimal });
export const candlesResponse = z.object({
  instrument: z.string(),
  granularity: z.string(),
  candles: z.array(z.object({ time, complete: z.boolean(), volume: z.number().int(), mid: ohlc.optional() })),
});

// `liquidity` is an integer in the spec but a string in some payloads (brokers.md §1.5).
const bucket = z.object({ price: decimal, liquidity: z.union([z.number(), decimal]).optional() });
export const pricingResponse = z.object({
  prices: z.array(
    z.object({
      instrument: z.string(),
      time,
      tradeable: z.boolean(),
      bids: z.array(bucket),
      asks: z.array(bucket),
    }),
  ),
});

export const summaryResponse = z.object({
  account: z.object({ id, currency: z.string(), balance: decimal, NAV: decimal, marginAvailable: decimal }),
  lastTransactionID: id,
});

const tradeChange = z.object({ tradeID: id, units: decimal, price: decimal.optional() });
export const fillTransaction = z.object({
  id,
  time,
  type: z.literal('ORDER_FILL'),
  orderID: id,
  clientOrderID: z.string().optional(),
  instrument: z.string(),
  units: decimal,
  price: decimal.optional(),
  fullVWAP: decimal.optional(),
  reason: z.string(),
  commission: decimal.optional(),
  guaranteedExecutionFee: decimal.optional(),
  tradeOpened: tradeChange.optional(),
  tradesClosed: z.array(tradeChange).optional(),
  tradeReduced: tradeChange.optional(),
});
export type FillTransaction = z.infer<typeof fillTransaction>;

const cancelTransaction = z.object({ id, time, orderID: id, reason: z.string() });

/** 201 of `POST orders` and 200 of `PUT trades/{id}/close`: one shape for both. */
export const orderResultResponse = z.object({
  orderCreateTransaction: z.object({ id, time, type: z.string(), units: decimal.optional() }),
  orderFillTransaction: fillTransaction.optional(),
  orderCancelTransaction: cancelTransaction.optional(),
  lastTransactionID: id,
});
export type OrderResult = z.infer<typeof orderResultResponse>;

export const order = z.object({
  id,
  createTime: time,
  state: z.string(),
  type: z.string(),
  instrument: z.string().optional(),
  units: decimal.optional(),
  price: decimal.optional(),
  tradeID: id.optional(),
  clientExtensions,
  tradeClose: z.object({ tradeID: id, units: z.string() }).optional(),
  fillingTransactionID: id.optional(),
  filledTime: time.optional(),
  tradeOpenedID: id.optional(),
  tradeReducedID: id.optional(),
  tradeClosedIDs: z.array(id).optional(),
  cancellingTransactionID: id.optional(),
  cancelledTime: time.optional(),
});
export type Order = z.infer<typeof order>;
export const orderResponse = z.object({ order, lastTransactionID: id });
export const ordersResponse = z.object({ orders: z.array(order), lastTransactionID: id });

const dependent = z.object({ id, price: decimal.optional(), state: z.string() }).optional();
export const trade = z.object({
  id,
  instrument: z.string(),
  price: decimal,
  openTime: time,
  state: z.string(),
  initialUnits: decimal,
  currentUnits: decimal,
  clientExtensions,
  takeProfitOrder: dependent,
  stopLossOrder: dependent,
});
export type Trade = z.infer<typeof trade>;
export const tradesResponse = z.object({ trades: z.array(trade), lastTransactionID: id });

export const transactionPagesResponse = z.object({ count: z.number().int(), pages: z.array(z.string()) });
/** A page of transactions: kept loose, the fills are parsed one by one (unknown types are ignored). */
export const transactionsResponse = z.object({
  transactions: z.array(z.object({ id, type: z.string() }).passthrough()),
  lastTransactionID: id,
});
export const transactionResponse = z.object({
  transaction: z.object({ id, type: z.string() }).passthrough(),
});

/** `GET /v3/accounts/{accountID}/instruments`: kept loose, each instrument is read on its own. */
export const accountInstrumentsResponse = z.object({
  instruments: z.array(z.object({ name: z.string() }).passthrough()),
});
const decimals = z.number().int().min(0).max(12);
export const accountInstrument = z.object({
  name: z.string(),
  displayPrecision: decimals,
  tradeUnitsPrecision: decimals,
  minimumTradeSize: decimal,
});
