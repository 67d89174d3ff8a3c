// The signal journal in the store: candidates buffered during a step and written in one batch,
// denials attached after (SPEC §7, §9), and each traded signal linked to its position and entry orders.
import type { EvaluatedCandidate } from '../../domain/divergence.js';
import type { DenialCode } from '../../domain/signal.js';
import type { SignalJournal } from '../../pipeline/trading-loop.js';
import type { SetupState } from '../../signals/setup-book.js';
import { journalCandidates, linkTraded, markDenied, type Session, saveSetup } from '../../store/index.js';
import type { RunMode } from '../../store/schema/enums.js';

export class StoreSignalJournal implements SignalJournal {
  private pending: EvaluatedCandidate[] = [];
  private denials: Array<{ c: EvaluatedCandidate; code: DenialCode }> = [];
  private setups = new Map<string, SetupState>();
  private trades: Array<{ c: EvaluatedCandidate; positionId: string }> = [];
  counts = { candidates: 0, accepted: 0, denied: 0, traded: 0 };

  constructor(
    private readonly session: Session,
    private readonly runId: string,
    private readonly mode: RunMode,
    /** SETUP_TTL_BARS × 4h: the nominal expiry stored with each setup. */
    private readonly setupTtlMs: number,
    /** The store row of an engine position (the execution journal's), to link traded signals. */
    private readonly positionRow?: (positionId: string) => number | undefined,
  ) {}

  /** A resumed demo's counts so far, so its summary covers the whole replay. */
  resumeCounts(counts: { candidates: number; accepted: number; denied: number; traded: number }): void {
    this.counts = { ...counts };
  }

  candidate(c: EvaluatedCandidate): void {
    this.pending.push(c);
    this.counts.candidates++;
    if (c.accepted) this.counts.accepted++;
  }

  denied(c: EvaluatedCandidate, code: DenialCode): void {
    this.denials.push({ c, code });
    this.counts.denied++;
  }

  traded(c: EvaluatedCandidate, positionId: string): void {
    this.counts.traded++;
    this.trades.push({ c, positionId });
  }

  setup(s: SetupState): void {
    this.setups.set(s.id, s);
  }

  async flush(): Promise<void> {
    const entries = this.pending.map((candidate) => ({ candidate }));
    const denials = this.denials;
    this.pending = [];
    this.denials = [];
    if (entries.length) await journalCandidates(this.session, this.runId, this.mode, entries);
    for (const d of denials) await markDenied(this.session, this.runId, d.c, d.code);
    // After the candidates: a traded signal's row exists now, and its position's since open().
    const trades = this.trades;
    this.trades = [];
    for (const t of trades) {
      const row = this.positionRow?.(t.positionId);
      if (row !== undefined) await linkTraded(this.session, this.runId, t.c, row);
    }
    const setups = [...this.setups.values()];
    this.setups.clear();
    for (const s of setups) {
      await saveSetup(this.session, this.runId, {
        signal: s.signal,
        status: s.status,
        visibleAt: s.visibleAt,
        expiresAt: s.visibleAt + this.setupTtlMs,
        resolvedAt: s.resolvedAt,
        trigger: s.trigger,
      });
    }
  }
}
