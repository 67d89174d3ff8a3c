// The backtest's signal journal: everything in memory during the run (issue #7: written once at
// the end), in the order the pipeline produced it.
import type { EvaluatedCandidate } from '../domain/divergence.js';
import type { DenialCode } from '../domain/signal.js';
import type { SignalJournal } from '../pipeline/trading-loop.js';

export interface Denial {
  readonly candidate: EvaluatedCandidate;
  readonly code: DenialCode;
  readonly detail: string;
}

export class MemorySignalJournal implements SignalJournal {
  readonly candidates: EvaluatedCandidate[] = [];
  readonly denials: Denial[] = [];
  /** Position id of each traded candidate. */
  readonly positionOf = new Map<EvaluatedCandidate, string>();

  candidate(c: EvaluatedCandidate): void {
    this.candidates.push(c);
  }
  denied(c: EvaluatedCandidate, code: DenialCode, detail: string): void {
    this.denials.push({ candidate: c, code, detail });
  }
  traded(c: EvaluatedCandidate, positionId: string): void {
    this.positionOf.set(c, positionId);
  }
  async flush(): Promise<void> {}
}
