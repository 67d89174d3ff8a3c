// The LLM review port (SPEC §6): Claude reviews a candidate that passed every rule except rule 1.
// It can confirm, downgrade or veto; it can never add a trade.
import type { Candidate } from '../domain/divergence.js';
import type { IndicatorValues } from '../domain/indicator-values.js';
import type { Verdict } from '../domain/verdict.js';

/** What the model is told beyond the candidate; the payload turns it into relative values. */
export interface ReviewContext {
  /** The candidate's score, 0–10 (SPEC §5). */
  readonly score: number;
  /** The verdicts of rules 0 and 2–14; rule 1 waits for this review and is not sent. */
  readonly verdicts: readonly Verdict[];
  /** Indicator values at the confirm bar (NaN = not defined yet). */
  readonly indicators: IndicatorValues;
  /** EMA200 twenty bars before the confirm bar, for the trend context; null when unknown. */
  readonly ema200TwentyBarsAgo: number | null;
  /** Volume at c2 over its SMA; null where volume is unknown. */
  readonly volumeRatio: number | null;
}

export interface ReviewRequest {
  readonly candidate: Candidate;
  readonly context: ReviewContext;
}

export const ReviewVerdicts = ['confirm', 'downgrade', 'veto'] as const;
export type ReviewVerdict = (typeof ReviewVerdicts)[number];

export interface Review {
  readonly verdict: ReviewVerdict;
  /** 0..1; feeds rule 1. */
  readonly confidence: number;
  /** At most 500 characters. */
  readonly reasoning: string;
}

export const LlmFailureKinds = [
  'api_error', // 5xx other than 529, connection errors, anything unexpected from the SDK
  'bad_request', // 400/413/422: our request is wrong (e.g. forced tool choice on a 5.5 model)
  'auth_error', // 401/402/403
  'rate_limited', // 429 that outlasted the retries
  'overloaded', // 529 that outlasted the retries
  'timeout', // every attempt timed out (or 408/504)
  'refusal', // stop_reason "refusal"
  'malformed', // no answer block, or its JSON does not parse or has the wrong shape
  'out_of_range', // well-formed, but confidence outside 0..1 or reasoning over 500 characters
  'wrong_tool', // a tool_use block for another tool
  'budget_exhausted', // LLM_DAILY_BUDGET_USD spent today: the API was not called
  'no_recorded_answer', // replay: nothing recorded for this request in time
] as const;
export type LlmFailureKind = (typeof LlmFailureKinds)[number];

export type ReviewOutcome =
  | { readonly ok: true; readonly review: Review }
  | { readonly ok: false; readonly failure: LlmFailureKind; readonly detail: string };

export interface LlmReviewer {
  /** Resolves with a failure for every API or answer problem; never rejects for one. */
  review(request: ReviewRequest): Promise<ReviewOutcome>;
}

export interface ReviewEffect {
  readonly rejectedBy: 'llm_veto' | 'llm_error' | null;
  /** Claude's confidence for rule 1; null when there is none (rule 1 then skips, as with the LLM off). */
  readonly confidence: number | null;
}

/**
 * What a review does to a candidate that passed every other rule (SPEC §6, §7): a veto rejects;
 * a failure rejects unless LLM_FAILURE=algorithmic, except a missing replay answer, which SPEC §6
 * counts as a rejection whatever the setting (a backtest must not trade on answers it never had).
 */
export function applyReview(
  outcome: ReviewOutcome,
  options: { readonly llmFailure: 'closed' | 'algorithmic' },
): ReviewEffect {
  if (outcome.ok) {
    const { verdict, confidence } = outcome.review;
    return { rejectedBy: verdict === 'veto' ? 'llm_veto' : null, confidence };
  }
  const tradeOnRules = options.llmFailure === 'algorithmic' && outcome.failure !== 'no_recorded_answer';
  return { rejectedBy: tradeOnRules ? null : 'llm_error', confidence: null };
}
