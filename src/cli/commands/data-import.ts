import { basename } from 'node:path';
import { UsageError } from '../../domain/errors.js';
import { defaultRegistry, symbolFromFileStem } from '../../domain/instruments/index.js';
import type { Timeframe } from '../../domain/timeframe.js';
import { readCandleFile } from '../../market-data/csv.js';
import { resolveSeriesMeta } from '../../market-data/file-meta.js';
import { upsertCandles } from '../../store/index.js';
import { type GlobalOptions, loadCliConfig } from '../global-options.js';
import { emit } from '../output.js';
import { withCliStore } from '../store-access.js';

interface DataImportOptions {
  readonly symbol?: string;
  readonly timeframe?: Timeframe;
  readonly demo?: boolean;
  readonly json?: boolean;
}

export async function dataImportCommand(file: string, opts: DataImportOptions, globals: GlobalOptions) {
  const config = loadCliConfig(globals);
  const candles = await readCandleFile(file);
  const meta = resolveSeriesMeta({
    path: file,
    candles,
    symbolFlag: opts.symbol,
    timeframeFlag: opts.timeframe,
    mapStem: (stem) => symbolFromFileStem(stem),
  });
  for (const w of meta.warnings) process.stderr.write(`divbot: warning: ${w}\n`);
  if (meta.symbol === undefined) {
    throw new UsageError(
      `--symbol: cannot tell the instrument of ${basename(file)}; pass --symbol or name the file like binance_BTC_USDT-1h.csv`,
    );
  }
  if (!defaultRegistry.has(meta.symbol)) {
    // The registry's message names the symbol and suggests close matches.
    try {
      defaultRegistry.get(meta.symbol);
    } catch (e) {
      throw new UsageError(
        `${meta.symbolSource === 'flag' ? '--symbol' : 'file name'}: ${(e as Error).message}`,
      );
    }
  }
  if (meta.timeframe === undefined) {
    throw new UsageError(
      `--timeframe: cannot tell the timeframe of ${basename(file)}; pass --timeframe 1h or 4h`,
    );
  }
  const symbol = meta.symbol;
  const timeframe = meta.timeframe;
  const result = await withCliStore(config, { demo: opts.demo === true, write: true }, async (store) => {
    await store.migrate();
    const counts = await upsertCandles(store, symbol, timeframe, candles, 'csv');
    return { file, symbol, timeframe, rows: candles.length, ...counts, database: store.description };
  });
  await emit(
    result,
    () =>
      `${file}: ${result.rows} ${symbol} ${timeframe} candles → ${result.database}: ` +
      `${result.inserted} inserted, ${result.updated} updated, ${result.unchanged} unchanged`,
    { json: opts.json === true },
  );
}
