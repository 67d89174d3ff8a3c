// Time during which an instrument's market was open: cooldowns and data staleness are measured
// in trading time, so a weekend or a night does not use them up (or make data look stale).
import { type HasSession, isOpen, nextClose, nextOpen } from '../domain/instruments/index.js';

/** Bound on session hops; with `stopAfter` the walk ends as soon as the answer is known. */
const MAX_HOPS = 2_000;

/** Open-market milliseconds in [from, to), capped at `stopAfter` when given. */
export function openTimeBetween(
  instrument: HasSession,
  from: number,
  to: number,
  stopAfter = Number.POSITIVE_INFINITY,
): number {
  if (!(to > from)) return 0;
  if (instrument.session.kind === 'always') return Math.min(to - from, stopAfter);
  let total = 0;
  let t = from;
  for (let hop = 0; hop < MAX_HOPS && t < to && total < stopAfter; hop++) {
    if (isOpen(instrument, t)) {
      const end = Math.min(nextClose(instrument, t) ?? to, to);
      if (!(end > t)) break;
      total += end - t;
      t = end;
    } else {
      const open = nextOpen(instrument, t);
      if (open === undefined || open >= to) break;
      t = open;
    }
  }
  return Math.min(total, stopAfter);
}
