// Decimal numbers read straight from the file text, without slicing a string per cell.

// Exact powers of ten: every 10^k with k ≤ 22 is a double without rounding.
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The number written in text[start, end), or NaN unless it is a plain decimal
 * `[+-]digits[.digits][(e|E)[+-]digits]` (so no ' 1', '0x1f', 'Infinity'); may return ±Infinity
 * on overflow. Same value as `Number(cell)`: with ≤ 15 digits and ≤ 22 decimals the mantissa and
 * 10^k are exact, so one IEEE division rounds correctly (Clinger's fast path, as V8 uses);
 * anything longer goes through `Number`.
 */
export function scanDecimal(text: string, start: number, end: number): number {
  let i = start;
  let c = text.charCodeAt(i);
  const negative = c === 45;
  if (negative || c === 43) c = text.charCodeAt(++i);
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  while (i < end && c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    c = text.charCodeAt(++i);
  }
  if (i < end && c === 46) {
    c = text.charCodeAt(++i);
    while (i < end && c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      decimals++;
      c = text.charCodeAt(++i);
    }
  }
  if (digits === 0) return Number.NaN;
  if (i === end) {
    if (digits > 15 || decimals > 22) return Number(text.slice(start, end));
    const value = decimals === 0 ? mantissa : mantissa / POW10[decimals]!;
    return negative ? -value : value;
  }
  if (c !== 101 && c !== 69) return Number.NaN;
  c = text.charCodeAt(++i);
  if (i < end && (c === 43 || c === 45)) c = text.charCodeAt(++i);
  const exponentStart = i;
  while (i < end && c >= 48 && c <= 57) c = text.charCodeAt(++i);
  if (i === exponentStart || i !== end) return Number.NaN;
  return Number(text.slice(start, end));
}
