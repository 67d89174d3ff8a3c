// One SymbolStream per instrument with 1h data: the analyzers of both timeframes with the
// instrument's costs, and its native 4h candles when the data has them (they win over resampling).
import type { Config } from '../config/schema.js';
import { candleArray, type SeriesCandles } from '../domain/candle-columns.js';
import { roundTripCostPerUnit } from '../domain/instruments/index.js';
import type { InstrumentRegistry } from '../domain/instruments/registry.js';
import type { Timeframe } from '../domain/timeframe.js';
import { analyzerSettings } from '../signals/analyzer-settings.js';
import { SeriesAnalyzer } from '../signals/series-analyzer.js';
import { SetupBook } from '../signals/setup-book.js';
import type { Finalizer } from './review.js';
import { SymbolStream } from './symbol-stream.js';
import type { InstrumentFeed } from './trading-loop.js';

export function buildFeeds(
  config: Config,
  registry: InstrumentRegistry,
  series: ReadonlyArray<{ symbol: string; timeframe: Timeframe; candles: SeriesCandles }>,
  finalize?: Finalizer,
): InstrumentFeed[] {
  const setups = new SetupBook({ ttlBars: config.SETUP_TTL_BARS });
  const feeds: InstrumentFeed[] = [];
  for (const s of series.filter((x) => x.timeframe === '1h')) {
    const inst = registry.get(s.symbol);
    const found = series.find((x) => x.symbol === s.symbol && x.timeframe === '4h')?.candles;
    const native4h = found === undefined ? undefined : candleArray(found);
    const context = (tf: Timeframe) => ({
      symbol: inst.id,
      timeframe: tf,
      isCrypto: inst.assetClass === 'crypto',
      roundTripCost: (entry: number, spread: number) => roundTripCostPerUnit(inst, entry, spread),
    });
    const stream = new SymbolStream({
      symbol: inst.id,
      analyzer1h: new SeriesAnalyzer(context('1h'), analyzerSettings(config, '1h', inst.broker)),
      analyzer4h: new SeriesAnalyzer(context('4h'), analyzerSettings(config, '4h', inst.broker)),
      setups,
      multiTimeframe: config.USE_MULTI_TF_CONFIRMATION,
      ...(native4h ? { native4h } : {}),
      instrument: inst,
      ...(finalize ? { finalize } : {}),
    });
    feeds.push({ symbol: inst.id, stream });
  }
  return feeds;
}
