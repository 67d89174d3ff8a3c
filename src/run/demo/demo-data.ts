// The demo's market (SPEC §1): the bundled series, each shifted by whole weeks (so weekdays, FX
// weekends and sessions stay true) onto one shared timeline that ends where the newest one ends.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Candle } from '../../domain/candle.js';
import type { SeriesCandles } from '../../domain/candle-columns.js';
import { ConfigError } from '../../domain/errors.js';
import type { SymbolId } from '../../domain/ids.js';
import { symbolFromFileStem } from '../../domain/instruments/index.js';
import type { Timeframe } from '../../domain/timeframe.js';
import { readCandleFile } from '../../market-data/csv.js';
import { parseDataFileName } from '../../market-data/file-meta.js';

const WEEK_MS = 7 * 86_400_000;

export interface DemoSeries {
  readonly symbol: SymbolId;
  readonly timeframe: Timeframe;
  readonly candles: SeriesCandles;
  /** Whole weeks added to the file's times. */
  readonly shiftWeeks: number;
}

export interface DemoMarket {
  readonly series: readonly DemoSeries[];
  /** The latest first bar: before it some instrument has no data. */
  readonly start: number;
  /** The close of the last bar of the longest-running series. */
  readonly end: number;
}

/**
 * The series of `dataDir`; with `selected` (the instruments `BROKERS`/`SYMBOLS` enable), only
 * theirs. None left is a ConfigError naming what the data has.
 */
export async function loadDemoMarket(
  dataDir: string,
  selected?: ReadonlySet<string>,
  selectedBy: 'SYMBOLS' | 'BROKERS' = 'SYMBOLS',
): Promise<DemoMarket> {
  const files = (await readdir(dataDir)).filter((f) => f.endsWith('.csv')).sort();
  const raw: Array<{ symbol: SymbolId; timeframe: Timeframe; candles: Candle[] }> = [];
  const skipped = new Set<string>();
  for (const f of files) {
    const meta = parseDataFileName(f);
    const symbol = symbolFromFileStem(meta.stem);
    if (!symbol || !meta.timeframe) continue;
    if (selected !== undefined && !selected.has(symbol)) {
      skipped.add(symbol);
      continue;
    }
    raw.push({ symbol, timeframe: meta.timeframe, candles: await readCandleFile(join(dataDir, f)) });
  }
  if (raw.length === 0 && skipped.size > 0) {
    throw new ConfigError([
      {
        variable: selectedBy,
        message: `selects none of the demo data's instruments (${[...skipped].join(', ')})`,
      },
    ]);
  }
  if (raw.length === 0)
    throw new Error(`no demo data in ${dataDir}: expected files like binance_BTC_USDT-1h.csv`);
  const lastOf = (c: Candle[]) => c[c.length - 1]!.time;
  const target = Math.max(...raw.map((r) => lastOf(r.candles)));
  const series = raw.map((r) => {
    const shiftWeeks = Math.round((target - lastOf(r.candles)) / WEEK_MS);
    const shift = shiftWeeks * WEEK_MS;
    const candles = shift === 0 ? r.candles : r.candles.map((c) => ({ ...c, time: c.time + shift }));
    return { symbol: r.symbol, timeframe: r.timeframe, candles, shiftWeeks };
  });
  return {
    series,
    start: Math.max(...series.map((s) => s.candles[0]!.time)),
    end: Math.max(
      ...series.map((s) => lastOf(s.candles as Candle[]) + (s.timeframe === '4h' ? 4 : 1) * 3_600_000),
    ),
  };
}
