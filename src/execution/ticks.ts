// Prices and sizes cross the broker boundary rounded to the instrument's tick and step (big.js).
import Big from 'big.js';

export function toTick(price: number, tick: number): Big {
  const t = new Big(tick);
  return new Big(price).div(t).round(0, Big.roundHalfUp).times(t);
}

/** Rounded down to the size step: never more than was sized. */
export function toStep(qty: Big | number, step: number): Big {
  const s = new Big(step);
  return new Big(qty).div(s).round(0, Big.roundDown).times(s);
}
