import { loadConfig } from '../../config/load.js';
import type { Timeframe } from '../../domain/timeframe.js';
import { findPivots } from '../../market/pivots/pivot-tracker.js';
import { formatUtcTime } from '../../market-data/csv-time.js';
import { configSources, type GlobalOptions } from '../global-options.js';
import { emit } from '../output.js';
import { loadSeriesFile } from '../series-file.js';

interface PivotsOptions {
  readonly data: string;
  readonly timeframe?: Timeframe;
  readonly json?: boolean;
  readonly out?: string;
}

/** Every confirmed pivot with its confirm bar, using the timeframe's pivot lengths. */
export async function pivotsCommand(opts: PivotsOptions, globals: GlobalOptions): Promise<void> {
  const { env, overrides, dotenv } = configSources(globals);
  const config = loadConfig(env, { overrides, dotenv });
  const series = await loadSeriesFile(opts.data, { timeframe: opts.timeframe });
  const four = series.timeframe === '4h';
  const left = four ? config.PIVOT_LEFT_4H : config.PIVOT_LEFT_1H;
  const right = four ? config.PIVOT_RIGHT_4H : config.PIVOT_RIGHT_1H;
  const pivots = findPivots(series.candles, left, right).map((p) => ({
    kind: p.kind,
    index: p.index,
    time: formatUtcTime(p.time),
    price: p.price,
    confirm_index: p.confirmIndex,
    confirm_time: formatUtcTime(p.confirmTime),
  }));
  await emit(
    pivots,
    () =>
      [
        `${series.path}: ${pivots.length} pivots (${series.timeframe}, left ${left}, right ${right})`,
        ...pivots.map((p) => `${p.time}  ${p.kind.padEnd(4)}  ${p.price}  confirmed ${p.confirm_time}`),
      ].join('\n'),
    { json: opts.json === true, ...(opts.out ? { out: opts.out } : {}) },
  );
}
