import type { Timeframe } from '../../domain/timeframe.js';
import { upsertCandles } from '../../store/index.js';
import { type GlobalOptions, loadCliConfig } from '../global-options.js';
import { emit } from '../output.js';
import { loadSeriesFile } from '../series-file.js';
import { withCliStore } from '../store-access.js';

interface DataImportOptions {
  readonly symbol?: string;
  readonly timeframe?: Timeframe;
  readonly demo?: boolean;
  readonly json?: boolean;
}

export async function dataImportCommand(file: string, opts: DataImportOptions, globals: GlobalOptions) {
  const config = loadCliConfig(globals);
  // The same resolution as every file command: flag, else file name, else row spacing.
  const series = await loadSeriesFile(file, {
    symbol: opts.symbol,
    timeframe: opts.timeframe,
    requireSymbol: true,
  });
  const { candles, timeframe } = series;
  const symbol = series.symbol!; // requireSymbol: loadSeriesFile throws without one
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
