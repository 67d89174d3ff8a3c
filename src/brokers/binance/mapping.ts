// Raw Binance orders and trades → the port's views, and the client-id convention that ties a
// spot holding to its protection without any state of ours: the entry's id `C` (≤ 30 chars),
// its OCO list `C.p<n>` with legs `C.s<n>` (stop) and `C.t<n>` (target), and the market-exit
// fallback `C.x<n>`. Binance accepts 36 characters of `[.A-Za-z0-9_:/-]`; the dot keeps these ids
// out of the domain's alphabet, so they are never mistaken for an intent's id.
import Big from 'big.js';
import type { VenueOrder } from '../../domain/broker.js';
import { type ClientOrderId, isClientOrderId, type TradeId, type VenueOrderId } from '../../domain/ids.js';
import type { SymbolId } from '../../domain/instruments/types.js';
import type { Fill, OrderKind, OrderState } from '../../domain/order.js';
import type { RawOrder, RawTrade } from './schemas.js';

/** Venue ids carry the market: Binance order ids are per symbol, and lookups need it. */
export const venueOrderId = (venueSymbol: string, orderId: string) =>
  `${venueSymbol}:${orderId}` as VenueOrderId;

export function parseVenueOrderId(id: string): { venueSymbol: string; orderId: string } | undefined {
  const m = /^([A-Z0-9]+):(\d+)$/.exec(id);
  return m === null ? undefined : { venueSymbol: m[1]!, orderId: m[2]! };
}

export const listClientId = (entry: string, version: number) => `${entry}.p${version}`;
export const legClientId = (entry: string, leg: 's' | 't' | 'x', version: number) =>
  `${entry}.${leg}${version}`;

/** The entry id and version behind a protection id, or undefined for any other id. */
export function protectionOf(clientId: string): { entry: string; leg: string; version: number } | undefined {
  const m = /^(.+)\.([pstx])(\d+)$/.exec(clientId);
  return m === null ? undefined : { entry: m[1]!, leg: m[2]!, version: Number(m[3]) };
}

const clientIdOf = (id: string): ClientOrderId | undefined => (isClientOrderId(id) ? id : undefined);

function stateOf(o: RawOrder, filled: Big): OrderState {
  switch (o.status) {
    case 'FILLED':
      return 'FILLED';
    case 'PARTIALLY_FILLED':
      return 'PARTIALLY_FILLED';
    case 'CANCELED':
      return 'CANCELED';
    case 'PENDING_CANCEL':
      return 'PENDING_CANCEL';
    case 'REJECTED':
      return 'REJECTED';
    // A market order the book could not fill completely expires with what it got: EXPIRED with
    // filledQty > 0, which the order FSM keeps as reported.
    case 'EXPIRED':
    case 'EXPIRED_IN_MATCH':
      return 'EXPIRED';
    default:
      return filled.gt(0) ? 'PARTIALLY_FILLED' : 'ACCEPTED';
  }
}

const kindOf = (type: string): OrderKind =>
  type === 'MARKET' ? 'market' : type === 'LIMIT' || type === 'LIMIT_MAKER' ? 'limit' : 'stop';

export function orderView(o: RawOrder, symbol: SymbolId): VenueOrder {
  const filledQty = new Big(o.executedQty);
  const id = venueOrderId(o.symbol, o.orderId);
  const clientId = clientIdOf(o.clientOrderId);
  return {
    clientId,
    venueOrderId: id,
    symbol,
    side: o.side === 'BUY' ? 'buy' : 'sell',
    kind: kindOf(o.type),
    state: stateOf(o, filledQty),
    qty: new Big(o.origQty),
    filledQty,
    avgFillPrice: filledQty.gt(0) ? new Big(o.cummulativeQuoteQty).div(filledQty) : undefined,
    // A bought entry is its own ticket: the position's ref is the entry's venue id.
    positionRef: o.side === 'BUY' && clientId !== undefined && filledQty.gt(0) ? id : undefined,
    updatedAt: o.updateTime ?? o.transactTime ?? o.time ?? 0,
  };
}

/** Base-asset commission on an entry's fills: what the bot holds is the fill net of it. */
export function heldQty(o: RawOrder, baseAsset: string, fees: Big = new Big(0)): Big {
  const charged = (o.fills ?? [])
    .filter((f) => f.commissionAsset === baseAsset)
    .reduce((a, f) => a.plus(f.commission), fees);
  return new Big(o.executedQty).minus(charged);
}

export function fillView(
  t: RawTrade,
  symbol: SymbolId,
  order: RawOrder | undefined,
  entryOrderId: (entryClientId: string) => string | undefined,
): Fill {
  const clientOrderId = order?.clientOrderId ?? '';
  const protection = protectionOf(clientOrderId);
  const clientId = clientIdOf(clientOrderId);
  const entry = protection === undefined ? undefined : entryOrderId(protection.entry);
  const reason =
    protection?.leg === 's' ? 'stop' : protection?.leg === 't' ? 'target' : t.isBuyer ? 'entry' : 'close';
  const positionRef =
    reason === 'entry' && clientId !== undefined
      ? venueOrderId(t.symbol, t.orderId)
      : entry === undefined
        ? undefined
        : venueOrderId(t.symbol, entry);
  return {
    broker: 'binance',
    tradeId: `${t.symbol}:${t.id}` as TradeId,
    ...(clientId === undefined ? {} : { clientId }),
    venueOrderId: venueOrderId(t.symbol, t.orderId),
    symbol,
    side: t.isBuyer ? 'buy' : 'sell',
    qty: new Big(t.qty),
    price: new Big(t.price),
    fee: new Big(t.commission),
    feeCurrency: t.commissionAsset,
    time: t.time,
    ...(positionRef === undefined ? {} : { positionRef }),
    reason,
  };
}
