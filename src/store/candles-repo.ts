// The candle cache. Imports are idempotent: re-importing the same rows writes nothing and reports
// them unchanged, so `divbot data import` can be re-run safely and says what it actually changed.
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Candle } from '../domain/candle.js';
import type { Timeframe } from '../domain/timeframe.js';
import { candles } from './schema/market.js';
import type { Session } from './store.js';

export interface UpsertCandlesResult {
  readonly inserted: number;
  readonly unchanged: number;
  readonly updated: number;
}

// 10 parameters a row: 2,000 rows stay far below PostgreSQL's 65,535 bind parameters.
const BATCH_ROWS = 2_000;

/**
 * Inserts new candles and replaces changed ones (the whole row: values, volume, spread, source), in
 * one transaction. Duplicate times in `rows` are a data error and throw before anything is written.
 */
export async function upsertCandles(
  store: Session,
  symbol: string,
  timeframe: Timeframe,
  rows: readonly Candle[],
  source: string,
): Promise<UpsertCandlesResult> {
  const values = toRows(symbol, timeframe, rows, source);
  return store.transaction(async (tx) => {
    let inserted = 0;
    let updated = 0;
    for (let i = 0; i < values.length; i += BATCH_ROWS) {
      const written = await tx.db
        .insert(candles)
        .values(values.slice(i, i + BATCH_ROWS))
        .onConflictDoUpdate({
          target: [candles.symbol, candles.timeframe, candles.time],
          set: {
            open: sql`excluded.open`,
            high: sql`excluded.high`,
            low: sql`excluded.low`,
            close: sql`excluded.close`,
            volume: sql`excluded.volume`,
            spread: sql`excluded.spread`,
            source: sql`excluded.source`,
          },
          // Identical rows are not touched (no dead tuples) and not returned: that is "unchanged".
          setWhere: sql`(${candles.open}, ${candles.high}, ${candles.low}, ${candles.close}, ${candles.volume}, ${candles.spread}, ${candles.source})
            IS DISTINCT FROM (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume, excluded.spread, excluded.source)`,
        })
        // xmax is 0 on a freshly inserted row version and set on one written by the conflict update.
        .returning({ inserted: sql<boolean>`(xmax = 0)` });
      for (const row of written) row.inserted ? inserted++ : updated++;
    }
    return { inserted, updated, unchanged: values.length - inserted - updated };
  });
}

function toRows(symbol: string, timeframe: Timeframe, rows: readonly Candle[], source: string) {
  const seen = new Set<number>();
  return rows.map((c) => {
    if (seen.has(c.time)) throw new RangeError(`duplicate candle ${symbol} ${timeframe} at ${iso(c.time)}`);
    seen.add(c.time);
    const where = `${symbol} ${timeframe} at ${iso(c.time)}`;
    return {
      symbol,
      timeframe,
      time: c.time,
      open: decimal(c.open, 'open', where),
      high: decimal(c.high, 'high', where),
      low: decimal(c.low, 'low', where),
      close: decimal(c.close, 'close', where),
      volume: c.volume === null ? null : decimal(c.volume, 'volume', where),
      spread: c.spread === undefined ? null : decimal(c.spread, 'spread', where),
      source,
    };
  });
}

// String(number) is the shortest text that reads back as the same double, so number → numeric →
// number is exact. NaN and ±Infinity are valid numerics in PostgreSQL and must not get in.
function decimal(value: number, field: string, where: string): string {
  if (!Number.isFinite(value))
    throw new RangeError(`candle ${where}: ${field} is not a finite number (${value})`);
  return String(value);
}

const iso = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms));

export interface CandleRange {
  /** Inclusive, bar open time in UTC ms. */
  readonly from?: number | undefined;
  /** Inclusive. */
  readonly to?: number | undefined;
}

/** Candles ordered by time; `volume` null where unknown, `spread` present only where stored. */
export async function loadCandles(
  store: Session,
  symbol: string,
  timeframe: Timeframe,
  range: CandleRange = {},
): Promise<Candle[]> {
  const rows = await store.db
    .select()
    .from(candles)
    .where(
      and(
        eq(candles.symbol, symbol),
        eq(candles.timeframe, timeframe),
        range.from === undefined ? undefined : gte(candles.time, range.from),
        range.to === undefined ? undefined : lte(candles.time, range.to),
      ),
    )
    .orderBy(asc(candles.time));
  return rows.map((r) => {
    const candle = {
      time: r.time,
      open: Number(r.open),
      high: Number(r.high),
      low: Number(r.low),
      close: Number(r.close),
      volume: r.volume === null ? null : Number(r.volume),
    };
    return r.spread === null ? candle : { ...candle, spread: Number(r.spread) };
  });
}
