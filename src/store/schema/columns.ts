// Column types shared by every table. Times are `timestamptz` in the database (readable and
// range-queryable in psql) and UTC milliseconds in TypeScript, like `Candle.time` and `Clock.now()`.
// Money and prices are plain `numeric` (no scale: `numeric(p,s)` pads, and exact round-trips matter)
// read back as strings, for big.js.
import { type SQL, sql } from 'drizzle-orm';
import { customType, type PgColumn } from 'drizzle-orm/pg-core';

// Both drivers hand timestamptz over as PostgreSQL's text form, e.g. `2024-01-01 10:00:00.123+10`,
// in the session's time zone. Parsed by hand: Date.parse rejects second-precision offsets.
const TIMESTAMPTZ_TEXT =
  /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?|Z)?$/;

export function parseTimestamptz(text: string): number {
  const m = TIMESTAMPTZ_TEXT.exec(text);
  if (m === null) throw new RangeError(`unsupported timestamptz value: ${text}`);
  const [, y, mo, d, h, mi, s, frac, sign, oh, om, os] = m;
  const ms = frac === undefined ? 0 : Math.trunc(Number(`0.${frac}`) * 1000);
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const offsetSeconds = (Number(oh ?? 0) * 60 + Number(om ?? 0)) * 60 + Number(os ?? 0);
  return local - (sign === '-' ? -1 : 1) * offsetSeconds * 1000;
}

function toTimestamptz(ms: number): string {
  if (!Number.isSafeInteger(ms)) throw new RangeError(`a time must be integer UTC milliseconds, got ${ms}`);
  return new Date(ms).toISOString();
}

/** `timestamptz` column holding UTC milliseconds. */
export const utcMs = customType<{ data: number; driverData: string | Date }>({
  dataType: () => 'timestamp with time zone',
  toDriver: toTimestamptz,
  fromDriver: (value) => (value instanceof Date ? value.getTime() : parseTimestamptz(value)),
});

/** `CHECK (column IN (...))` for a text column restricted to a closed set of values. */
export function oneOf(column: PgColumn, values: readonly string[]): SQL {
  const list = values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');
  return sql`${column} IN (${sql.raw(list)})`;
}
