// The backtest's signal journal: everything in memory during the run (issue #7: written once at
// the end). A long run sees millions of candidates, so each is kept as one row of plain number
// columns (what the rejection table and its counterfactuals need); the full objects only when
// asked for (the lookahead proof compares them).
import type { EvaluatedCandidate, RejectedBy } from '../domain/divergence.js';
import type { DenialCode } from '../domain/signal.js';
import { timeframeMs } from '../domain/timeframe.js';
import type { SignalJournal } from '../pipeline/trading-loop.js';

export interface Denial {
  readonly candidate: EvaluatedCandidate;
  readonly code: DenialCode;
  readonly detail: string;
}

/** `first` codes for the gates that are not one of the 15 rules. */
export const GATE_CODES: Readonly<Record<string, number>> = Object.freeze({
  score: -1,
  llm_veto: -2,
  llm_error: -3,
});
const ACCEPTED = -100;

/** One row per candidate, in the order the pipeline produced them. */
export class CandidateLog {
  readonly symbols: string[] = [];
  private readonly symbolIndex = new Map<string, number>();
  readonly symbol: number[] = [];
  /** +1 long, −1 short. */
  readonly direction: number[] = [];
  readonly entry: number[] = [];
  readonly stop: number[] = [];
  readonly tp1: number[] = [];
  readonly tp2: number[] = [];
  /** When the candidate became known: its confirm bar's close. */
  readonly knownClose: number[] = [];
  /** The rule number that rejected it first, a GATE_CODES value, or ACCEPTED. */
  readonly first: number[] = [];
  /** Bit r set when rule r failed. */
  readonly failed: number[] = [];

  get length(): number {
    return this.first.length;
  }

  add(c: EvaluatedCandidate): void {
    const name = c.symbol ?? '';
    let s = this.symbolIndex.get(name);
    if (s === undefined) {
      s = this.symbols.length;
      this.symbols.push(name);
      this.symbolIndex.set(name, s);
    }
    let mask = 0;
    for (const v of c.verdicts) if (v.status === 'fail') mask |= 1 << v.rule;
    this.symbol.push(s);
    this.direction.push(c.direction === 'long' ? 1 : -1);
    this.entry.push(c.entry);
    this.stop.push(c.stop);
    this.tp1.push(c.tp1);
    this.tp2.push(c.tp2);
    this.knownClose.push(c.knownAt.time + timeframeMs[c.timeframe ?? '1h']);
    this.first.push(c.accepted ? ACCEPTED : firstCode(c.rejectedBy));
    this.failed.push(mask);
  }

  accepted(i: number): boolean {
    return this.first[i] === ACCEPTED;
  }
}

function firstCode(r: RejectedBy): number {
  if (typeof r === 'number') return r;
  return GATE_CODES[r ?? ''] ?? -4;
}

export class MemorySignalJournal implements SignalJournal {
  readonly log = new CandidateLog();
  /** The full candidates, only with `keepCandidates`. */
  readonly candidates: EvaluatedCandidate[] = [];
  readonly denials: Denial[] = [];
  /** Position id of each traded candidate. */
  readonly positionOf = new Map<EvaluatedCandidate, string>();

  constructor(private readonly o: { keepCandidates?: boolean } = {}) {}

  candidate(c: EvaluatedCandidate): void {
    this.log.add(c);
    if (this.o.keepCandidates) this.candidates.push(c);
  }
  denied(c: EvaluatedCandidate, code: DenialCode, detail: string): void {
    this.denials.push({ candidate: c, code, detail });
  }
  traded(c: EvaluatedCandidate, positionId: string): void {
    this.positionOf.set(c, positionId);
  }
  async flush(): Promise<void> {}
}
