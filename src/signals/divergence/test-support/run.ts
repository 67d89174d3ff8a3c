// Runs the engine and the brute-force reference over the same candles, in comparable shapes.
import type { Candle } from '../../../domain/candle.js';
import type { Oscillator } from '../../../domain/indicator-values.js';
import type { Timeframe } from '../../../domain/timeframe.js';
import { computeIndicators } from '../../../market/indicators/compute-indicators.js';
import type { AnalyzerSettings } from '../../analyzer-settings.js';
import { SeriesAnalyzer } from '../../series-analyzer.js';
import { REFERENCE_OSCILLATORS, type ReferenceCandidate, referenceCandidates } from './reference.js';

export function engineCandidates(
  candles: readonly Candle[],
  timeframe: Timeframe,
  settings: AnalyzerSettings,
) {
  const analyzer = new SeriesAnalyzer(
    { symbol: undefined, timeframe, isCrypto: true, roundTripCost: () => 0 },
    settings,
  );
  const out = [];
  for (const c of candles) out.push(...analyzer.onCandle(c).candidates);
  return out;
}

/** The engine's candidates in the reference's shape. */
export function engineAsReference(
  candles: readonly Candle[],
  timeframe: Timeframe,
  settings: AnalyzerSettings,
) {
  return engineCandidates(candles, timeframe, settings).map(
    (c): ReferenceCandidate => ({
      type: c.type,
      c1: c.pivot1.index,
      c2: c.pivot2.index,
      known_at: c.knownAt.index,
      oscillators: c.oscillators.map((o) => ({ name: o.name, value1: o.value1, value2: o.value2 })),
      entry: c.entry,
      stop: c.stop,
      tp1: c.tp1,
      tp2: c.tp2,
      atr: c.atr,
    }),
  );
}

export function referenceFor(candles: readonly Candle[], settings: AnalyzerSettings): ReferenceCandidate[] {
  const h = computeIndicators(candles, settings.indicators);
  const osc = Object.fromEntries(REFERENCE_OSCILLATORS.map((n) => [n, h.column(n)])) as Record<
    Oscillator,
    Float64Array
  >;
  const d = settings.divergence;
  return referenceCandidates(candles, osc, h.column('atr'), {
    left: d.left,
    right: d.right,
    minBars: d.minBars,
    maxBars: d.maxBars,
    maxPivots: d.maxPivots,
    window: d.window,
    hidden: d.hidden,
    lineOfSight: d.lineOfSight,
    macdSameSide: d.macdSameSide,
    stopAtrBuffer: d.stopAtrBuffer,
    tp1MinR: d.tp1MinR,
    tp2R: d.tp2R,
  });
}
