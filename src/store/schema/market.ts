// The candle cache (SPEC §3, §12). Prices are numeric for exactness; the pipeline reads numbers.
import { check, numeric, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { oneOf, utcMs } from './columns.js';
import { TimeframeValues } from './enums.js';

export const candles = pgTable(
  'candles',
  {
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe', { enum: TimeframeValues }).notNull(),
    /** The bar's open time. */
    time: utcMs('time').notNull(),
    open: numeric('open').notNull(),
    high: numeric('high').notNull(),
    low: numeric('low').notNull(),
    close: numeric('close').notNull(),
    /** NULL = unknown (the source gives none), never 0. */
    volume: numeric('volume'),
    spread: numeric('spread'),
    /** Where the row came from, e.g. `csv:binance_BTC_USDT-1h.csv`, `oanda`, `yahoo`. */
    source: text('source').notNull(),
  },
  (t) => [
    // The primary key's index also serves every range read (symbol, timeframe, time range).
    primaryKey({ name: 'candles_pkey', columns: [t.symbol, t.timeframe, t.time] }),
    check('candles_timeframe_check', oneOf(t.timeframe, TimeframeValues)),
  ],
);
