// Request bodies for orders and protection, in the wire's terms: signed unit strings, prices on
// the tick, the intent's client id as `clientExtensions.id` (and as the trade's, so the position
// it opens is found by the same id), and the stop and target attached on fill.
import type Big from 'big.js';
import type { Protection } from '../../domain/broker.js';
import type { Instrument } from '../../domain/instruments/types.js';
import type { OrderIntent } from '../../domain/order.js';
import { formatPrice, signedUnits } from './format.js';

export type MarketTimeInForce = 'FOK' | 'IOC';

export function orderRequest(instrument: Instrument, intent: OrderIntent, marketTif: MarketTimeInForce) {
  const price = (p: Big) => formatPrice(instrument, p);
  const common = {
    instrument: instrument.venueSymbol,
    units: signedUnits(instrument, intent.qty, intent.side),
    positionFill: 'DEFAULT',
    clientExtensions: { id: intent.clientId },
    tradeClientExtensions: { id: intent.clientId },
    ...(intent.stop === undefined
      ? {}
      : { stopLossOnFill: { price: price(intent.stop), timeInForce: 'GTC' } }),
    ...(intent.target === undefined
      ? {}
      : { takeProfitOnFill: { price: price(intent.target), timeInForce: 'GTC' } }),
  };
  if (intent.orderKind === 'market') return { order: { type: 'MARKET', timeInForce: marketTif, ...common } };
  if (intent.price === undefined)
    throw new RangeError(`${intent.clientId}: a ${intent.orderKind} order needs a price`);
  const type = intent.orderKind === 'limit' ? 'LIMIT' : 'STOP';
  return { order: { type, price: price(intent.price), timeInForce: 'GTC', ...common } };
}

/** `PUT trades/{id}/orders`: an omitted key leaves that dependent order as it is. */
export function protectionRequest(instrument: Instrument, protection: Protection) {
  const level = (p: Big) => ({ price: formatPrice(instrument, p), timeInForce: 'GTC' });
  return {
    ...(protection.stop === undefined ? {} : { stopLoss: level(protection.stop) }),
    ...(protection.target === undefined ? {} : { takeProfit: level(protection.target) }),
  };
}
