// The backtest's signal journal: nothing kept per candidate during the run (a long run sees
// millions): each goes to the rejection book as it comes (rejections.ts); the full objects only
// when asked for (the lookahead proof compares them).
import type { EvaluatedCandidate } from '../domain/divergence.js';
import type { DenialCode } from '../domain/signal.js';
import type { SignalJournal } from '../pipeline/trading-loop.js';

export interface CandidateSink {
  candidate(c: EvaluatedCandidate): void;
  denied(c: EvaluatedCandidate, code: DenialCode): void;
}

export class MemorySignalJournal implements SignalJournal {
  /** The full candidates, only with `keepCandidates`. */
  readonly candidates: EvaluatedCandidate[] = [];
  /** Position id of each traded candidate. */
  readonly positionOf = new Map<EvaluatedCandidate, string>();

  constructor(private readonly o: { keepCandidates?: boolean; sink?: CandidateSink } = {}) {}

  candidate(c: EvaluatedCandidate): void {
    this.o.sink?.candidate(c);
    if (this.o.keepCandidates) this.candidates.push(c);
  }
  denied(c: EvaluatedCandidate, code: DenialCode): void {
    this.o.sink?.denied(c, code);
  }
  traded(c: EvaluatedCandidate, positionId: string): void {
    this.positionOf.set(c, positionId);
  }
  async flush(): Promise<void> {}
}
