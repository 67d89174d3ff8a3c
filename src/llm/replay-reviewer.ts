// `--llm replay` (SPEC §6): answers only from calls recorded live, matched by request hash, and only
// if recorded no later than one hour after the candidate became known (its confirm bar's close), so a backtest never uses
// an answer given with hindsight. Anything else is `no_recorded_answer`, which applyReview counts
// as a rejection. It builds the request exactly as the live reviewer does, so LLM_MODEL (and the
// prompt) must be those of the recording run.
import { HOUR_MS, timeframeMs } from '../domain/timeframe.js';
import { findLlmCall } from '../store/llm-calls-repo.js';
import type { Session } from '../store/store.js';
import { buildMessagesRequest } from './messages-request.js';
import { buildReviewPayload } from './payload.js';
import { outcomeOfRecord } from './recorded-outcome.js';
import { requestHash } from './request-hash.js';
import type { LlmReviewer, ReviewOutcome, ReviewRequest } from './reviewer.js';

/** SPEC §6: recorded_at ≤ known_at + 1 h. */
export const REPLAY_MAX_DELAY_MS = HOUR_MS;

export interface ReplayReviewerDeps {
  readonly store: Session;
  readonly model: string;
}

export class ReplayReviewer implements LlmReviewer {
  constructor(private readonly deps: ReplayReviewerDeps) {}

  async review(request: ReviewRequest): Promise<ReviewOutcome> {
    const params = buildMessagesRequest(this.deps.model, buildReviewPayload(request));
    const hash = requestHash(params);
    const row = await findLlmCall(this.deps.store, hash);
    if (row === undefined)
      return {
        ok: false,
        failure: 'no_recorded_answer',
        detail: `no call recorded for request ${hash.slice(0, 12)}`,
      };
    // known_at is the confirm bar (its open time); the candidate exists from that bar's close,
    // which is when a live run asked: the hour of grace counts from there.
    const c = request.candidate;
    const deadline = c.knownAt.time + timeframeMs[c.timeframe ?? '1h'] + REPLAY_MAX_DELAY_MS;
    if (row.recordedAt > deadline)
      return {
        ok: false,
        failure: 'no_recorded_answer',
        detail: `call ${row.id} was recorded at ${iso(row.recordedAt)}, after known_at's close + 1 h (${iso(deadline)})`,
      };
    return outcomeOfRecord(row);
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
