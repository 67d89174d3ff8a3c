// `divbot data fetch --symbol S --timeframe 1h|4h --from T [--to T]`: the venue's closed candles
// into the candle cache (market-data/fetch does the work). Configuration problems — an unknown
// symbol, a missing credential — stop before the store is opened or the venue asked (exit 2).
import { SystemClock } from '../../clock/system-clock.js';
import { UsageError } from '../../domain/errors.js';
import { defaultRegistry, UnknownSymbolError } from '../../domain/instruments/index.js';
import type { Timeframe } from '../../domain/timeframe.js';
import { formatUtcTime } from '../../market-data/csv-time.js';
import { type FetchProgress, fetchIntoCache } from '../../market-data/fetch/fetch-candles.js';
import { candleSourceFor } from '../../market-data/fetch/sources.js';
import { type GlobalOptions, loadCliConfig } from '../global-options.js';
import { emit } from '../output.js';
import { withCliStore } from '../store-access.js';
import { parseTimeFlag } from '../time-flags.js';

interface DataFetchOptions {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly from: string;
  readonly to?: string;
  readonly demo?: boolean;
  readonly json?: boolean;
}

export async function dataFetchCommand(opts: DataFetchOptions, globals: GlobalOptions) {
  const config = loadCliConfig(globals);
  const clock = new SystemClock();
  const instrument = defaultRegistry.tryGet(opts.symbol);
  if (instrument === undefined) {
    throw new UsageError(`--symbol: ${new UnknownSymbolError(opts.symbol, defaultRegistry.ids()).message}`);
  }
  const from = parseTimeFlag('--from', opts.from)!;
  const to = parseTimeFlag('--to', opts.to);
  if (from > clock.now()) throw new UsageError(`--from ${opts.from} is in the future`);
  if (to !== undefined && to < from) throw new UsageError(`--to ${opts.to} is before --from ${opts.from}`);
  const source = candleSourceFor(instrument, config, defaultRegistry, () => clock.now());
  let progress: FetchProgress | undefined;
  const summary = await withCliStore(config, { demo: opts.demo === true, write: true }, async (store) => {
    await store.migrate();
    try {
      // Whole seconds: the summary's `to` reads like the flags do.
      const request = {
        instrument,
        timeframe: opts.timeframe,
        from,
        to: to ?? Math.floor(clock.now() / 1000) * 1000,
      };
      const result = await fetchIntoCache(store, source, request, clock, (p) => {
        progress = p;
      });
      return { ...result, database: store.description };
    } catch (error) {
      if (progress !== undefined) {
        process.stderr.write(
          `divbot: ${progress.fetched} candles from ${progress.pages} page(s) up to ` +
            `${formatUtcTime(progress.last!)} were stored before the failure; the fetch is idempotent: run it again\n`,
        );
      }
      throw error;
    }
  });
  const time = (t: number | undefined) => (t === undefined ? null : formatUtcTime(t));
  const json = {
    symbol: summary.symbol,
    timeframe: summary.timeframe,
    source: summary.source,
    from: formatUtcTime(summary.from),
    to: formatUtcTime(summary.to),
    pages: summary.pages,
    fetched: summary.fetched,
    new: summary.inserted,
    updated: summary.updated,
    unchanged: summary.unchanged,
    first_time: time(summary.first),
    last_time: time(summary.last),
    database: summary.database,
  };
  await emit(
    json,
    () =>
      `${json.symbol} ${json.timeframe} from ${json.source}: ${json.fetched} fetched, ${json.new} new, ` +
      `${json.updated} updated (${json.pages} page${json.pages === 1 ? '' : 's'}), ` +
      `${json.first_time ?? '-'} … ${json.last_time ?? '-'} → ${json.database}`,
    { json: opts.json === true },
  );
}
