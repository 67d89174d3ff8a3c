// The wire's number and time formats. OANDA sends and expects decimals as strings and refuses
// over-precision (PRICE_PRECISION_EXCEEDED, UNITS_PRECISION_EXCEEDED), so every price and size is
// rounded with big.js to the instrument's tick and step here, never written from a double.
// Times are RFC3339 with nanoseconds and a Z; we keep milliseconds.
import Big from 'big.js';
import { decimalsOf } from '../../domain/instruments/precision.js';
import type { Instrument } from '../../domain/instruments/types.js';

type Precision = Pick<Instrument, 'tickSize' | 'pricePrecision' | 'sizeStep'>;

/** A price on the instrument's tick (half-up: the caller already chose the level), with its decimals. */
export function formatPrice(instrument: Precision, price: Big): string {
  const tick = new Big(instrument.tickSize);
  return price.div(tick).round(0, Big.roundHalfUp).times(tick).toFixed(instrument.pricePrecision);
}

/** A size down to the size step (never more than asked), unsigned. */
export function formatUnits(instrument: Precision, qty: Big): string {
  const step = new Big(instrument.sizeStep);
  const units = qty.abs().div(step).round(0, Big.roundDown).times(step);
  return units.toFixed(decimalsOf(instrument.sizeStep));
}

/** Signed units: + buys (long), − sells (short). */
export function signedUnits(instrument: Precision, qty: Big, side: 'buy' | 'sell'): string {
  const units = formatUnits(instrument, qty);
  return side === 'sell' ? `-${units}` : units;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/;

/** `2016-10-17T19:35:00.123456789Z` → ms (nanoseconds truncated, never rounded into the next ms). */
export function parseTime(text: string): number {
  const m = RFC3339.exec(text);
  if (m === null) throw new RangeError(`not an RFC3339 UTC time: "${text}"`);
  const ms = Number((m[2] ?? '').padEnd(3, '0').slice(0, 3));
  return Date.parse(`${m[1]}Z`) + ms;
}

/** ms → the venue's nanosecond form. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}
