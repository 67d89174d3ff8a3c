// Loads one CSV input file with its symbol and timeframe resolved as SPEC §16 says: the flag, else
// the file name, else (timeframe only) the most common spacing of its rows.
import { basename } from 'node:path';
import type { Candle } from '../domain/candle.js';
import { UsageError } from '../domain/errors.js';
import type { SymbolId } from '../domain/ids.js';
import { defaultRegistry, type Instrument, symbolFromFileStem } from '../domain/instruments/index.js';
import type { Timeframe } from '../domain/timeframe.js';
import { readCandleFile } from '../market-data/csv.js';
import { resolveSeriesMeta } from '../market-data/file-meta.js';

export interface SeriesFile {
  readonly path: string;
  readonly candles: Candle[];
  readonly symbol: SymbolId | undefined;
  readonly instrument: Instrument | undefined;
  /** `1h` when the caller did not require one and none could be told. */
  readonly timeframe: Timeframe;
}

export async function loadSeriesFile(
  path: string,
  flags: {
    symbol?: string | undefined;
    timeframe?: Timeframe | undefined;
    requireSymbol?: boolean;
    /** Default true; `indicators` needs none (its output does not depend on it). */
    requireTimeframe?: boolean;
  } = {},
): Promise<SeriesFile> {
  const candles = await readCandleFile(path);
  const meta = resolveSeriesMeta({
    path,
    candles,
    symbolFlag: flags.symbol,
    timeframeFlag: flags.timeframe,
    mapStem: (stem) => symbolFromFileStem(stem),
  });
  const requireTimeframe = flags.requireTimeframe !== false;
  if (requireTimeframe) for (const w of meta.warnings) process.stderr.write(`divbot: warning: ${w}\n`);
  let instrument: Instrument | undefined;
  if (meta.symbol !== undefined) {
    try {
      instrument = defaultRegistry.get(meta.symbol);
    } catch (e) {
      // The registry's message names the symbol and suggests close matches.
      throw new UsageError(
        `${meta.symbolSource === 'flag' ? '--symbol' : basename(path)}: ${(e as Error).message}`,
      );
    }
  } else if (flags.requireSymbol) {
    throw new UsageError(
      `--symbol: cannot tell the instrument of ${basename(path)}; pass --symbol or name the file like binance_BTC_USDT-1h.csv`,
    );
  }
  if (meta.timeframe === undefined && requireTimeframe) {
    throw new UsageError(
      `--timeframe: cannot tell the timeframe of ${basename(path)}; pass --timeframe 1h or 4h`,
    );
  }
  // Without a required timeframe, '1h' stands in: the caller does not read it.
  return { path, candles, symbol: instrument?.id, instrument, timeframe: meta.timeframe ?? '1h' };
}
