// Runs the engine over planted series and scores it against the plants.
import { loadConfig } from '../../../config/load.js';
import type { Candle } from '../../../domain/candle.js';
import { type DivergenceType, directionOf, type EvaluatedCandidate } from '../../../domain/divergence.js';
import { analyzerSettings } from '../../analyzer-settings.js';
import { SeriesAnalyzer } from '../../series-analyzer.js';
import type { Plant, PlantedSeries } from './series.js';

export const TOLERANCE_BARS = 2;

const settings = analyzerSettings(loadConfig({}), '1h');

export function engineCandidates(candles: readonly Candle[]): EvaluatedCandidate[] {
  const analyzer = new SeriesAnalyzer(
    { symbol: undefined, timeframe: '1h', isCrypto: true, roundTripCost: () => 0 },
    settings,
  );
  const out: EvaluatedCandidate[] = [];
  for (const c of candles) out.push(...analyzer.onCandle(c).candidates);
  return out;
}

export const matches = (c: EvaluatedCandidate, p: Plant): boolean =>
  c.type === p.type &&
  Math.abs(c.pivot1.index - p.c1) <= TOLERANCE_BARS &&
  Math.abs(c.pivot2.index - p.c2) <= TOLERANCE_BARS;

/**
 * Per planted type:
 * - recall = recalled / plants: plants with at least one matching candidate (same type, pivot1 and
 *   pivot2 each within ±2 bars of c1 and c2);
 * - precision = matching / inSpan, where inSpan counts the candidates *of the plant's direction*
 *   whose pivot2 lies in the plant after its first bar (start < pivot2 ≤ end, i.e. known_at in the
 *   plant's span shifted by R) and matching those of them that match that plant. The first bar is
 *   left out because it is where the plant leaves the quiet segment, so it may be that segment's
 *   own swing; a pivot inside the plant is the plant's business.
 * - boundary: candidates of the plant's direction known inside the plant (start ≤ known_at ≤ end)
 *   whose pivot2 is at or before its first bar — divergences of the quiet segment before it,
 *   confirmed R bars late. Reading "known_at within the span" literally would count them against
 *   precision; they are reported, not scored.
 * - rsi: recalled plants whose matching candidate lists `rsi` (the divergence is real on RSI);
 *   accepted: recalled plants with a matching candidate that passed the score and all rules.
 */
export interface TypeStats {
  plants: number;
  recalled: number;
  rsi: number;
  accepted: number;
  inSpan: number;
  matching: number;
  boundary: number;
}

export function measure(series: readonly PlantedSeries[]): Record<DivergenceType, TypeStats> {
  const stats = {} as Record<DivergenceType, TypeStats>;
  for (const s of series) {
    const candidates = engineCandidates(s.candles);
    for (const p of s.plants) {
      stats[p.type] ??= { plants: 0, recalled: 0, rsi: 0, accepted: 0, inSpan: 0, matching: 0, boundary: 0 };
      const t = stats[p.type];
      const mine = candidates.filter(
        (c) => c.direction === directionOf(p.type) && c.pivot2.index > p.start && c.pivot2.index <= p.end,
      );
      const hits = mine.filter((c) => matches(c, p));
      t.boundary += candidates.filter(
        (c) =>
          c.direction === directionOf(p.type) &&
          c.pivot2.index <= p.start &&
          c.knownAt.index >= p.start &&
          c.knownAt.index <= p.end,
      ).length;
      t.plants++;
      t.inSpan += mine.length;
      t.matching += hits.length;
      if (hits.length === 0) continue;
      t.recalled++;
      if (hits.some((c) => c.oscillators.some((o) => o.name === 'rsi'))) t.rsi++;
      if (hits.some((c) => c.accepted)) t.accepted++;
    }
  }
  return stats;
}
