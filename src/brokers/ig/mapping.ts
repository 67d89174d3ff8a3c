// IG payloads as the port's views. An IG deal reference is the bot's client id; the deal id is
// the venue id (a position's or a working order's). What happened to a deal is read from the
// activity history: the opening activity carries the reference, later ones the deal id.
import Big from 'big.js';
import type { VenueOrder, VenuePosition } from '../../domain/broker.js';
import { type ClientOrderId, isClientOrderId, type SymbolId, type VenueOrderId } from '../../domain/ids.js';
import type { Fill, OrderKind, OrderSide, OrderState } from '../../domain/order.js';
import { type Confirm, type IgActivity, type IgPosition, type IgWorkingOrder, parseUtc } from './schemas.js';

export const sideOf = (d: 'BUY' | 'SELL'): OrderSide => (d === 'BUY' ? 'buy' : 'sell');
const clientIdOf = (ref: string) => (isClientOrderId(ref) ? (ref as ClientOrderId) : undefined);
const big = (x: number | null | undefined) => (x === null || x === undefined ? undefined : new Big(x));
const acts = (a: IgActivity, type: RegExp) => a.details.actions.filter((x) => type.test(x.actionType));

export function positionView(p: IgPosition, symbol: SymbolId): VenuePosition {
  const { position } = p;
  return {
    ref: position.dealId,
    clientId: clientIdOf(position.dealReference),
    symbol,
    direction: position.direction === 'BUY' ? 'long' : 'short',
    qty: new Big(position.size),
    entryPrice: new Big(position.level),
    stop: big(position.stopLevel),
    target: big(position.limitLevel),
    openedAt: parseUtc(position.createdDateUTC),
  };
}

export function workingOrderView(w: IgWorkingOrder, symbol: SymbolId, ref: string | undefined): VenueOrder {
  const o = w.workingOrderData;
  return {
    clientId: ref === undefined ? undefined : clientIdOf(ref),
    venueOrderId: o.dealId as VenueOrderId,
    symbol,
    side: sideOf(o.direction),
    kind: o.orderType === 'LIMIT' ? 'limit' : 'stop',
    state: 'ACCEPTED',
    qty: new Big(o.orderSize),
    filledQty: new Big(0),
    avgFillPrice: undefined,
    positionRef: undefined,
    updatedAt: parseUtc(o.createdDateUTC),
  };
}

/** A deal just confirmed: a market deal has filled, a working order rests. */
export function confirmView(c: Confirm, symbol: SymbolId, kind: OrderKind, positionRef?: string): VenueOrder {
  const filled = kind === 'market' && c.dealStatus === 'ACCEPTED';
  const state: OrderState = c.dealStatus === 'REJECTED' ? 'REJECTED' : filled ? 'FILLED' : 'ACCEPTED';
  return {
    clientId: clientIdOf(c.dealReference),
    venueOrderId: (c.dealId ?? c.dealReference) as VenueOrderId,
    symbol,
    side: sideOf(c.direction ?? 'BUY'),
    kind,
    state,
    qty: new Big(c.size ?? 0),
    filledQty: new Big(filled ? (c.size ?? 0) : 0),
    avgFillPrice: filled ? big(c.level) : undefined,
    positionRef: filled ? (positionRef ?? c.dealId ?? undefined) : undefined,
    updatedAt: parseUtc(c.date),
  };
}

/** The order a deal reference opened, followed through the later activities of its deal id. */
export function activityOrderView(
  opening: IgActivity,
  all: readonly IgActivity[],
  symbol: SymbolId,
  clientId: ClientOrderId | undefined,
): VenueOrder {
  const id = opening.dealId;
  const working = acts(opening, /^(LIMIT|STOP)_ORDER_OPENED$/)[0];
  const base = {
    clientId,
    venueOrderId: id as VenueOrderId,
    symbol,
    side: sideOf(opening.details.direction),
    qty: new Big(opening.details.size),
    updatedAt: parseUtc(opening.date),
  };
  if (opening.status !== 'ACCEPTED') {
    const kind: OrderKind =
      working === undefined ? 'market' : working.actionType.startsWith('LIMIT') ? 'limit' : 'stop';
    return {
      ...base,
      kind,
      state: 'REJECTED',
      filledQty: new Big(0),
      avgFillPrice: undefined,
      positionRef: undefined,
    };
  }
  if (working === undefined) {
    const opened = acts(opening, /^POSITION_(OPENED|CLOSED|PARTIALLY_CLOSED)$/)[0];
    const [filledQty, avgFillPrice] = [new Big(opening.details.size), new Big(opening.details.level)];
    return {
      ...base,
      kind: 'market',
      state: 'FILLED',
      filledQty,
      avgFillPrice,
      positionRef: opened?.affectedDealId ?? id,
    };
  }
  const kind: OrderKind = working.actionType.startsWith('LIMIT') ? 'limit' : 'stop';
  const later = all.filter((a) => a !== opening && a.details.actions.some((x) => x.affectedDealId === id));
  const fill = later.find((a) => acts(a, /_ORDER_FILLED$/).some((x) => x.affectedDealId === id));
  if (fill !== undefined) {
    const positionRef = acts(fill, /^POSITION_OPENED$/)[0]?.affectedDealId;
    const updatedAt = parseUtc(fill.date);
    const filledQty = new Big(fill.details.size);
    return {
      ...base,
      kind,
      state: 'FILLED',
      filledQty,
      avgFillPrice: new Big(fill.details.level),
      positionRef,
      updatedAt,
    };
  }
  const deleted = later.find((a) => acts(a, /(WORKING|LIMIT|STOP)_ORDER_DELETED$/).length > 0);
  const state: OrderState = deleted === undefined ? 'ACCEPTED' : 'CANCELED';
  const updatedAt = deleted === undefined ? base.updatedAt : parseUtc(deleted.date);
  return {
    ...base,
    kind,
    state,
    filledQty: new Big(0),
    avgFillPrice: undefined,
    positionRef: undefined,
    updatedAt,
  };
}

/** Each accepted activity that opened or (partly) closed a position is one fill. */
export function fillOf(
  a: IgActivity,
  symbol: SymbolId,
  clientIdFor: (ref: string) => ClientOrderId | undefined,
): Fill | undefined {
  if (a.status !== 'ACCEPTED') return undefined;
  const [move] = acts(a, /^POSITION_(OPENED|CLOSED|PARTIALLY_CLOSED)$/);
  if (move === undefined) return undefined;
  const entry = move.actionType === 'POSITION_OPENED';
  const clientId = clientIdFor(a.details.dealReference);
  const system = a.channel.toUpperCase() === 'SYSTEM' && !entry;
  const reason = entry ? 'entry' : !system ? 'close' : /stop/i.test(a.description) ? 'stop' : 'target';
  return {
    broker: 'ig',
    tradeId: `${move.affectedDealId}:${a.details.dealReference}` as Fill['tradeId'],
    ...(clientId === undefined ? {} : { clientId }),
    venueOrderId: a.dealId as VenueOrderId,
    symbol,
    side: sideOf(a.details.direction),
    qty: new Big(a.details.size),
    price: new Big(a.details.level),
    fee: new Big(0),
    feeCurrency: a.details.currency,
    time: parseUtc(a.date),
    positionRef: move.affectedDealId,
    reason,
  };
}
