// SPEC §6–§7: in review mode Claude is asked only about candidates that passed the score and
// every rule but rule 1; a veto rejects, a failure closes (LLM_FAILURE=closed), and the confidence
// settles rule 1. It can never add a trade. With LLM_MODE=off there is no reviewer.
import type { EvaluatedCandidate } from '../domain/divergence.js';
import type { IndicatorValues } from '../domain/indicator-values.js';
import { applyReview, type LlmReviewer } from '../llm/reviewer.js';
import { decideConfidence, eligibleForReview, rejectedBy } from '../signals/validator/validate.js';

export interface ReviewSettings {
  /**
   * review: only candidates that passed the score and every rule but rule 1 are sent.
   * detect (the seed design): every candidate past the score gate is sent and Claude's answer
   * decides rule 1; the other rules still gate it, so Claude can never add a trade.
   */
  readonly mode: 'review' | 'detect';
  readonly llmFailure: 'closed' | 'algorithmic';
  /** MIN_CONFIDENCE for the candidate's broker. */
  minConfidence(c: EvaluatedCandidate): number;
}

export type Finalizer = (
  c: EvaluatedCandidate,
  context: { values: IndicatorValues; ema200TwentyBarsAgo: number | null; volumeRatio: number | null },
) => Promise<EvaluatedCandidate>;

export function llmFinalizer(reviewer: LlmReviewer, s: ReviewSettings): Finalizer {
  return async (c, ctx) => {
    const scorePassed = c.rejectedBy !== 'score';
    if (s.mode === 'review' ? !eligibleForReview(c.verdicts, scorePassed) : !scorePassed) return c;
    const outcome = await reviewer.review({
      candidate: c,
      context: {
        score: c.score,
        verdicts: c.verdicts,
        indicators: { ...ctx.values },
        ema200TwentyBarsAgo: ctx.ema200TwentyBarsAgo,
        volumeRatio: ctx.volumeRatio,
      },
    });
    const applied = applyReview(outcome, { llmFailure: s.llmFailure });
    const verdicts = decideConfidence(c.verdicts, applied.confidence, s.minConfidence(c));
    const rejected = rejectedBy(true, verdicts, applied.rejectedBy);
    return {
      ...c,
      confidence: applied.confidence,
      verdicts,
      rejectedBy: rejected,
      accepted: rejected === null,
    };
  };
}
