// Which candidates become signals, and in what order signals compete for the last slot (SPEC §9).
import { DivergenceTypes, type EvaluatedCandidate } from '../domain/divergence.js';
import type { Signal } from '../domain/signal.js';

const keyOf = (c: EvaluatedCandidate) => `${c.symbol}|${c.timeframe}|${c.pivot2.time}|${c.direction}`;

/** Higher score first; ties: regular before hidden (the listed type order), then the later c1. */
function better(a: EvaluatedCandidate, b: EvaluatedCandidate): boolean {
  if (a.score !== b.score) return a.score > b.score;
  const ta = DivergenceTypes.indexOf(a.type);
  const tb = DivergenceTypes.indexOf(b.type);
  if (ta !== tb) return ta < tb;
  return a.pivot1.time > b.pivot1.time;
}

/**
 * Among accepted candidates sharing symbol, timeframe, c2 and direction (one swing seen by
 * several oscillators or first pivots), only the best becomes a signal. Rejected candidates are
 * dropped; the winners keep their input order.
 */
export function bestCandidates(candidates: readonly EvaluatedCandidate[]): EvaluatedCandidate[] {
  const best = new Map<string, EvaluatedCandidate>();
  for (const c of candidates) {
    if (!c.accepted) continue;
    const held = best.get(keyOf(c));
    if (held === undefined || better(c, held)) best.set(keyOf(c), c);
  }
  const winners = new Set(best.values());
  return candidates.filter((c) => winners.has(c));
}

/** Simultaneous signals in the order they are offered risk: score, then id, so the result is deterministic. */
export function rankSignals(signals: readonly Signal[]): Signal[] {
  return [...signals].sort((a, b) => {
    if (a.candidate.score !== b.candidate.score) return b.candidate.score - a.candidate.score;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}
