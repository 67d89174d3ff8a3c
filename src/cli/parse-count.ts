import { UsageError } from '../domain/errors.js';

/** A whole-number flag (0 or more); the default when absent. */
export function parseCount(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
    throw new UsageError(`${flag}: expected a whole number ≥ 0, got "${value}"`);
  }
  return n;
}
