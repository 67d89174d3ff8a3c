// What the simulated venue refuses, as a real one would: shorts where shorting is impossible,
// sizes off the step or under the minimum, prices off the tick, protection on the wrong side.
import type Big from 'big.js';
import type { Direction } from '../../domain/divergence.js';
import { RejectedError } from '../../domain/errors.js';
import type { Instrument } from '../../domain/instruments/index.js';
import type { OrderIntent } from '../../domain/order.js';
import { directionOfSide, isOnStep } from './pricing.js';

export function checkSize(instrument: Instrument, qty: Big): void {
  const id = instrument.id;
  if (!qty.gt(0)) throw new RejectedError(`${id}: size ${qty} must be positive`);
  if (qty.lt(instrument.minSize))
    throw new RejectedError(`${id}: size ${qty} is below the minimum ${instrument.minSize}`);
  if (instrument.maxSize !== undefined && qty.gt(instrument.maxSize)) {
    throw new RejectedError(`${id}: size ${qty} is above the maximum ${instrument.maxSize}`);
  }
  if (!isOnStep(qty, instrument.sizeStep)) {
    throw new RejectedError(`${id}: size ${qty} is not a multiple of the size step ${instrument.sizeStep}`);
  }
}

export function checkTick(instrument: Instrument, what: string, price: Big | undefined): void {
  if (price === undefined) return;
  if (!price.gt(0)) throw new RejectedError(`${instrument.id}: ${what} ${price} must be positive`);
  if (!isOnStep(price, instrument.tickSize)) {
    throw new RejectedError(`${instrument.id}: ${what} ${price} is not on the tick ${instrument.tickSize}`);
  }
}

/** A long's stop lies below its target (and below a limit price), a short's above. */
export function checkProtectionSides(
  instrument: Instrument,
  direction: Direction,
  levels: { stop?: Big | undefined; target?: Big | undefined; price?: Big | undefined },
): void {
  const below = (a: Big | undefined, b: Big | undefined) =>
    a === undefined || b === undefined || (direction === 'long' ? a.lt(b) : a.gt(b));
  const { stop, target, price } = levels;
  if (!below(stop, target) || !below(stop, price) || !below(price, target)) {
    const side = direction === 'long' ? 'below' : 'above';
    throw new RejectedError(
      `${instrument.id}: a ${direction}'s stop (${stop}) must lie ${side} its entry (${price ?? 'market'}) and target (${target})`,
    );
  }
}

/** Everything an entry must satisfy before the venue accepts it. */
export function checkEntry(
  instrument: Instrument,
  intent: OrderIntent,
  referencePrice: number | undefined,
): void {
  const direction = directionOfSide(intent.side);
  if (intent.kind !== 'entry') {
    throw new RejectedError(
      `${instrument.id}: placeOrder opens tickets only (got a ${intent.kind} intent); exits go through closePosition, protection through amendProtection`,
    );
  }
  if (direction === 'short' && !instrument.canShort) {
    throw new RejectedError(
      `${instrument.id} cannot be shorted (${instrument.broker} ${instrument.assetClass})`,
    );
  }
  checkSize(instrument, intent.qty);
  if (intent.orderKind !== 'market' && intent.price === undefined) {
    throw new RejectedError(`${instrument.id}: a ${intent.orderKind} entry needs a price`);
  }
  checkTick(instrument, 'price', intent.price);
  checkTick(instrument, 'stop', intent.stop);
  checkTick(instrument, 'target', intent.target);
  checkProtectionSides(instrument, direction, {
    stop: intent.stop,
    target: intent.target,
    price: intent.orderKind === 'market' ? undefined : intent.price,
  });
  const price = intent.price?.toNumber() ?? referencePrice;
  const notional = price === undefined ? undefined : intent.qty.toNumber() * price;
  if (instrument.minNotional !== undefined && notional !== undefined && notional < instrument.minNotional) {
    throw new RejectedError(
      `${instrument.id}: order value ${notional} is below the minimum ${instrument.minNotional}`,
    );
  }
}
