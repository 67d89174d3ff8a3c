// The parts of a position's stored engine state (positions.engine_state, the engine's
// ManagedPosition as JSON) an alert needs: the signal's score, timeframe and R:R verdict and the
// tickets' quantities. Parsed with zod: the JSON is written by another module and may grow.
import { z } from 'zod';

const verdict = z.object({ rule: z.number(), status: z.string(), value: z.unknown() });

const engineState = z.object({
  signal: z.object({
    score: z.number(),
    timeframe: z.string().nullish(),
    verdicts: z.array(verdict).default([]),
  }),
  tickets: z.array(z.object({ qty: z.number(), filledQty: z.number(), target: z.number() })).default([]),
});

export interface PositionSignal {
  readonly score: number;
  readonly timeframe: string | null;
  /** Rule 4's blended reward/risk as the validator measured it (costs included). */
  readonly rewardRisk: number | null;
  /** Ordered quantity of both tickets. */
  readonly qty: number;
}

export function positionSignal(raw: unknown): PositionSignal | undefined {
  const parsed = engineState.safeParse(raw);
  if (!parsed.success) return undefined;
  const { signal, tickets } = parsed.data;
  const rr = signal.verdicts.find((v) => v.rule === 4)?.value;
  return {
    score: signal.score,
    timeframe: signal.timeframe ?? null,
    rewardRisk: typeof rr === 'number' && Number.isFinite(rr) ? rr : null,
    qty: tickets.reduce((s, t) => s + (t.filledQty || t.qty), 0),
  };
}
