// `--from` / `--to`: an ISO-8601 UTC time (as in the files) or a plain date meaning 00:00 UTC.
import { UsageError } from '../domain/errors.js';
import { describeTimeProblem, parseUtcTime } from '../market-data/csv-time.js';

export function parseTimeFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = /^\d{4}-\d\d-\d\d$/.test(value) ? parseUtcTime(`${value}T00:00:00Z`) : parseUtcTime(value);
  if (Number.isNaN(t)) {
    throw new UsageError(
      `${flag}: expected a time like 2024-01-31T00:00:00Z or a date like 2024-01-31: ${describeTimeProblem(value)}`,
    );
  }
  return t;
}

/** Inclusive output filter of SPEC §16 (computation always uses the whole input). */
export function inRange(t: number, from: number | undefined, to: number | undefined): boolean {
  return (from === undefined || t >= from) && (to === undefined || t <= to);
}
