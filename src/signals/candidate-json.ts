// The journal's JSON shape of a candidate (SPEC §16: snake_case, ISO-8601 UTC times, 0-based
// indices), used by `divbot scan`, the API and the dashboard alike.
import type { EvaluatedCandidate } from '../domain/divergence.js';
import { formatUtcTime } from '../market-data/csv-time.js';

const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function candidateJson(c: EvaluatedCandidate) {
  return {
    symbol: c.symbol ?? null,
    timeframe: c.timeframe ?? null,
    type: c.type,
    direction: c.direction,
    oscillators: c.oscillators.map((o) => ({ name: o.name, value1: o.value1, value2: o.value2 })),
    pivot1: { index: c.pivot1.index, time: formatUtcTime(c.pivot1.time), price: c.pivot1.price },
    pivot2: { index: c.pivot2.index, time: formatUtcTime(c.pivot2.time), price: c.pivot2.price },
    known_at: { index: c.knownAt.index, time: formatUtcTime(c.knownAt.time) },
    entry: num(c.entry),
    stop: num(c.stop),
    tp1: num(c.tp1),
    tp2: num(c.tp2),
    atr: num(c.atr),
    score: c.score,
    confidence: c.confidence,
    verdicts: c.verdicts.map((v) => ({
      rule: v.rule,
      name: v.name,
      status: v.status,
      value: typeof v.value === 'number' ? num(v.value) : v.value,
      threshold: v.threshold,
    })),
    rejected_by: c.rejectedBy,
    accepted: c.accepted,
  };
}

export type CandidateJson = ReturnType<typeof candidateJson>;
