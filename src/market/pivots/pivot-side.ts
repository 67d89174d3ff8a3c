/**
 * The two sides of the pivot test (SPEC §4) over a power-of-two ring of values (bar k at
 * `ring[k & mask]`): bar c is a pivot high iff `high[c-j] <= high[c]` for j=1..L and
 * `high[c+j] < high[c]` for j=1..R; a pivot low mirrored (`>=`, `>`). NaN never qualifies.
 *
 * Comparisons are branch-free (`+(a < b)` is a 0/1 without a jump): on real and random-walk data
 * each is a coin flip, and a mispredicted jump per bar cost more than the reads. The two nearest
 * neighbours on each side come first; ~4/5 of bars fail there, and one well-predicted jump then
 * skips the rest (a loop over every neighbour costs ~10 instructions each in V8). Plain functions
 * over the caller's ring (the tracker's own, or the bar buffer's): nothing is copied per bar.
 * @internal
 */
export function isPivotHigh(
  ring: Float64Array,
  mask: number,
  c: number,
  left: number,
  right: number,
): boolean {
  if (left < 2 || right < 2) return isPivotHighFrom(ring, mask, c, left, right, 1);
  const x = ring[c & mask]!;
  const near =
    +(ring[(c + 1) & mask]! < x) &
    +(ring[(c - 1) & mask]! <= x) &
    +(ring[(c + 2) & mask]! < x) &
    +(ring[(c - 2) & mask]! <= x);
  return near === 1 && isPivotHighFrom(ring, mask, c, left, right, 3);
}

/** `isPivotHigh` mirrored, for lows. */
export function isPivotLow(
  ring: Float64Array,
  mask: number,
  c: number,
  left: number,
  right: number,
): boolean {
  if (left < 2 || right < 2) return isPivotLowFrom(ring, mask, c, left, right, 1);
  const x = ring[c & mask]!;
  const near =
    +(ring[(c + 1) & mask]! > x) &
    +(ring[(c - 1) & mask]! >= x) &
    +(ring[(c + 2) & mask]! > x) &
    +(ring[(c - 2) & mask]! >= x);
  return near === 1 && isPivotLowFrom(ring, mask, c, left, right, 3);
}

/**
 * `isPivotHigh`'s comparisons at distances `from`..L and `from`..R only, for a caller that has
 * tested the nearer bars (`isPivotHigh` itself; the tracker's bit histories cover distances 1
 * and 2, so it asks from 3: six comparisons at L = R = 5, not ten).
 * @internal
 */
export function isPivotHighFrom(
  ring: Float64Array,
  mask: number,
  c: number,
  left: number,
  right: number,
  from: number,
): boolean {
  const x = ring[c & mask]!;
  let ok = 1;
  for (let k = from; k <= right; k++) ok &= +(ring[(c + k) & mask]! < x);
  for (let k = from; k <= left; k++) ok &= +(ring[(c - k) & mask]! <= x);
  return ok === 1;
}

/** `isPivotHighFrom` mirrored, for lows. @internal */
export function isPivotLowFrom(
  ring: Float64Array,
  mask: number,
  c: number,
  left: number,
  right: number,
  from: number,
): boolean {
  const x = ring[c & mask]!;
  let ok = 1;
  for (let k = from; k <= right; k++) ok &= +(ring[(c + k) & mask]! > x);
  for (let k = from; k <= left; k++) ok &= +(ring[(c - k) & mask]! >= x);
  return ok === 1;
}

/** Ring size for the tracker: a power of two holding the last L + R + 1 bars. */
export function pivotRingSize(left: number, right: number): number {
  let size = 1;
  while (size < left + right + 1) size *= 2;
  return size;
}
