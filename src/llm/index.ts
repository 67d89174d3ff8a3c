// The LLM review adapter (SPEC §6): the port, the live Claude reviewer, replay, and the fake API.
export { REASONING_MAX_CHARS, REVIEW_TOOL_NAME, ReviewAnswerSchema } from './answer-schema.js';
export { ClaudeReviewer, type ClaudeReviewerDeps, type LlmSettings } from './claude-reviewer.js';
export { buildMessagesRequest } from './messages-request.js';
export { type AnswerMechanism, capabilityOf, MODEL_CAPABILITIES, type ModelCapability } from './models.js';
export { buildReviewPayload, PAYLOAD_VERSION, type ReviewPayload } from './payload.js';
export { costUsd, PRICE_TABLE, type Prices, pricesOf, type TokenUsage } from './pricing.js';
export { REPLAY_MAX_DELAY_MS, ReplayReviewer, type ReplayReviewerDeps } from './replay-reviewer.js';
export { requestHash } from './request-hash.js';
export {
  applyReview,
  type LlmFailureKind,
  LlmFailureKinds,
  type LlmReviewer,
  type Review,
  type ReviewContext,
  type ReviewEffect,
  type ReviewOutcome,
  type ReviewRequest,
  type ReviewVerdict,
  ReviewVerdicts,
} from './reviewer.js';
