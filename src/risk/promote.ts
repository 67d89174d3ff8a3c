// `divbot promote` (SPEC §9): before live trading, the paper record must show enough trades over
// enough time, fills no worse than the simulation assumes, a clean reconciliation, and breakers
// that were exercised. The answer lists what is missing, in words a person can act on.

export interface PaperFill {
  /** Measured adverse slippage of the fill against its reference price, basis points. */
  readonly slippageBps: number;
  /** What the simulation charges for that instrument (registry `slippageBps`). */
  readonly simulatedSlippageBps: number;
}

export interface PaperRecord {
  /** Open times (UTC ms) of the paper trades. */
  readonly tradeTimes: readonly number[];
  readonly fills: readonly PaperFill[];
  readonly unreconciledEvents: number;
  /** Every breaker (daily loss, drawdown, consecutive losses) tripped at least once in tests or paper. */
  readonly breakersExercised: boolean;
}

export const PROMOTE_MIN_TRADES = 30;
export const PROMOTE_MIN_WEEKS = 4;
const WEEK_MS = 7 * 86_400_000;

export interface PromoteVerdict {
  readonly ready: boolean;
  readonly missing: readonly string[];
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function promoteChecks(record: PaperRecord): PromoteVerdict {
  const missing: string[] = [];
  const n = record.tradeTimes.length;
  if (n < PROMOTE_MIN_TRADES)
    missing.push(`${PROMOTE_MIN_TRADES - n} more paper trades (have ${n} of ${PROMOTE_MIN_TRADES})`);
  const span = n === 0 ? 0 : Math.max(...record.tradeTimes) - Math.min(...record.tradeTimes);
  if (span < PROMOTE_MIN_WEEKS * WEEK_MS) {
    const weeks = Math.floor((span / WEEK_MS) * 10) / 10;
    missing.push(`paper trades spanning ${PROMOTE_MIN_WEEKS} weeks (have ${weeks})`);
  }
  // Per-fill slippage is noisy; the simulation's number is an average, so averages are compared.
  const valid = record.fills.filter(
    (f) => Number.isFinite(f.slippageBps) && Number.isFinite(f.simulatedSlippageBps),
  );
  if (valid.length === 0) missing.push('paper fills with measured slippage');
  else {
    const got = mean(valid.map((f) => f.slippageBps));
    const assumed = mean(valid.map((f) => f.simulatedSlippageBps));
    if (got > assumed) {
      missing.push(
        `paper slippage within the simulation's (mean ${got.toFixed(2)} bps > ${assumed.toFixed(2)} bps)`,
      );
    }
  }
  if (record.unreconciledEvents > 0)
    missing.push(`no unreconciled events (have ${record.unreconciledEvents})`);
  if (!record.breakersExercised)
    missing.push('breakers exercised (daily loss, drawdown, consecutive losses)');
  return { ready: missing.length === 0, missing };
}
