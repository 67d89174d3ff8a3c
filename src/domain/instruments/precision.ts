// Decimal bookkeeping for ticks and steps given as JS numbers (0.00001, 1e-7, 0.25).

/** Number of decimals needed to write `x` exactly as the venue does (0.00001 → 5, 0.25 → 2, 1 → 0). */
export function decimalsOf(x: number): number {
  const match = /^\d+(?:\.(\d+))?(?:e-(\d+))?$/.exec(x.toString());
  if (match === null) return Number.NaN;
  const fraction = match[1]?.length ?? 0;
  const exponent = match[2] === undefined ? 0 : Number(match[2]);
  return fraction + exponent;
}

/** Whether `value` is a whole multiple of `step`, tolerant of binary floating point. */
export function isMultipleOf(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) <= 1e-9 * Math.max(1, Math.abs(ratio));
}

/** The tick for a decimal count: 5 → 0.00001 (written via a string so it is the nearest double). */
export function tickForDecimals(decimals: number): number {
  return Number(`1e-${decimals}`);
}
