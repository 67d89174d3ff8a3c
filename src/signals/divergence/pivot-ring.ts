// The earlier pivots of one kind the detector may still pair with, as parallel typed arrays in a
// power-of-two ring: no object, array or Float64Array per pivot, and dropping the oldest is an
// index increment rather than `Array.prototype.shift`.
import { DIVERGENCE_OSCILLATOR_COUNT } from './oscillators.js';

export class PivotRing {
  readonly mask: number;
  /** Bar index c of each pivot (integers: V8 then keeps the index arithmetic on small ints). */
  readonly c: Int32Array;
  readonly price: Float64Array;
  /** O(c) per oscillator (NaN = undefined), DIVERGENCE_OSCILLATORS order, 7 per slot. */
  readonly osc: Float64Array;
  /** The opposite extreme of the DIV_MAX_BARS bars before c (set by the detector's scan of c). */
  readonly before: Float64Array;
  /** Absolute sequence numbers: slots head..tail−1 are live, slot of n is `n & mask`. */
  head = 0;
  tail = 0;

  /** `maxLive`: pivots of one kind within DIV_MAX_BARS bars of a new one, plus that one. */
  constructor(maxLive: number) {
    let size = 1;
    while (size < maxLive) size *= 2;
    this.mask = size - 1;
    this.c = new Int32Array(size);
    this.price = new Float64Array(size);
    this.osc = new Float64Array(size * DIVERGENCE_OSCILLATOR_COUNT);
    this.before = new Float64Array(size);
  }

  /** Starts the next slot (its osc values are written by the caller) and returns it. */
  add(c: number, price: number): number {
    // Full only if pivots came out of order; the oldest then goes, as it is the least useful.
    if (this.tail - this.head > this.mask) this.head++;
    const slot = this.tail++ & this.mask;
    this.c[slot] = c;
    this.price[slot] = price;
    this.before[slot] = Number.NaN;
    return slot;
  }
}
