// Request bodies for IG's dealing endpoints (brokers.md §2.7, §2.9, §2.10). Prices and sizes
// are JSON numbers on IG, rounded here to the instrument's tick and step from big.js values.
import type Big from 'big.js';
import type { Protection } from '../../domain/broker.js';
import type { Instrument } from '../../domain/instruments/types.js';
import type { OrderIntent, OrderSide } from '../../domain/order.js';

const level = (i: Instrument, x: Big) => Number(x.toFixed(i.pricePrecision));
const sizeDecimals = (i: Instrument) => Math.max(0, -Math.floor(Math.log10(i.sizeStep) + 1e-9));
export const igSize = (i: Instrument, qty: Big): number => Number(qty.toFixed(sizeDecimals(i)));
export const igDirection = (side: OrderSide) => (side === 'buy' ? 'BUY' : 'SELL');

/** POST /positions/otc (v2) for a market entry, or POST /workingorders/otc (v2) for limit/stop. */
export function entryRequest(i: Instrument, intent: OrderIntent): Record<string, unknown> {
  const common = {
    epic: i.venueSymbol,
    expiry: '-',
    direction: igDirection(intent.side),
    size: igSize(i, intent.qty),
    currencyCode: i.quoteCurrency,
    // IG requires forceOpen when a stop or limit is attached; it also keeps each ticket its own position.
    forceOpen: true,
    guaranteedStop: false,
    ...(intent.stop === undefined ? {} : { stopLevel: level(i, intent.stop) }),
    ...(intent.target === undefined ? {} : { limitLevel: level(i, intent.target) }),
    dealReference: intent.clientId,
  };
  if (intent.orderKind === 'market') return { ...common, orderType: 'MARKET' };
  if (intent.price === undefined)
    throw new RangeError(`${intent.orderKind} order ${intent.clientId} has no price`);
  return {
    ...common,
    type: intent.orderKind === 'limit' ? 'LIMIT' : 'STOP',
    level: level(i, intent.price),
    timeInForce: 'GOOD_TILL_CANCELLED',
  };
}

/** PUT /positions/otc/{dealId} (v2): both levels are sent, the kept one as it stands. */
export function amendRequest(
  i: Instrument,
  protection: Protection,
  current: { stop: number | null | undefined; target: number | null | undefined },
): Record<string, unknown> {
  return {
    stopLevel: protection.stop === undefined ? (current.stop ?? null) : level(i, protection.stop),
    limitLevel: protection.target === undefined ? (current.target ?? null) : level(i, protection.target),
    guaranteedStop: false,
    trailingStop: false,
  };
}

/** POST /positions/otc + `_method: DELETE` (v1): the opposite direction, by deal id. */
export function closeRequest(dealId: string, positionSide: 'BUY' | 'SELL', size: number) {
  return {
    dealId,
    direction: positionSide === 'BUY' ? 'SELL' : 'BUY',
    size,
    orderType: 'MARKET',
    timeInForce: 'FILL_OR_KILL',
    level: null,
    quoteId: null,
  };
}
