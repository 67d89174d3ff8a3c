import { roundTripCostPerUnit } from '../../domain/instruments/index.js';
import type { Timeframe } from '../../domain/timeframe.js';
import { analyzerSettings } from '../../signals/analyzer-settings.js';
import { type CandidateJson, candidateJson } from '../../signals/candidate-json.js';
import { SeriesAnalyzer } from '../../signals/series-analyzer.js';
import { type GlobalOptions, loadCliConfig } from '../global-options.js';
import { emit } from '../output.js';
import { loadSeriesFile } from '../series-file.js';

interface ScanOptions {
  readonly data: string;
  readonly symbol?: string;
  readonly timeframe?: Timeframe;
  readonly json?: boolean;
  readonly out?: string;
}

/** Every candidate of the file in SPEC §4's order, rejected ones included, with all 15 verdicts. */
export async function scanCommand(opts: ScanOptions, globals: GlobalOptions): Promise<void> {
  const config = loadCliConfig(globals);
  const series = await loadSeriesFile(opts.data, { symbol: opts.symbol, timeframe: opts.timeframe });
  const instrument = series.instrument;
  const analyzer = new SeriesAnalyzer(
    {
      symbol: series.symbol,
      timeframe: series.timeframe,
      isCrypto: instrument?.assetClass === 'crypto',
      roundTripCost: (entry, spread) => (instrument ? roundTripCostPerUnit(instrument, entry, spread) : 0),
    },
    analyzerSettings(config, series.timeframe, instrument?.broker),
  );
  const candidates: CandidateJson[] = [];
  for (const candle of series.candles) {
    for (const c of analyzer.onCandle(candle).candidates) candidates.push(candidateJson(c));
  }
  await emit(
    candidates,
    () => {
      const accepted = candidates.filter((c) => c.accepted);
      const lines = accepted.map(
        (c) =>
          `${c.known_at.time}  ${c.type.padEnd(15)} entry ${c.entry}  stop ${c.stop}  tp1 ${c.tp1}  tp2 ${c.tp2}  score ${c.score}`,
      );
      return [
        `${series.path}: ${series.candles.length} ${series.timeframe} bars, ${candidates.length} candidates, ${accepted.length} accepted`,
        ...lines,
      ].join('\n');
    },
    { json: opts.json === true, ...(opts.out ? { out: opts.out } : {}) },
  );
}
