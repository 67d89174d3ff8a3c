// The live reviewer: the official SDK against ANTHROPIC_BASE_URL, with the SDK's own retries and
// per-attempt timeout, a concurrency cap, a daily budget, and every call recorded in llm_calls.
// review() resolves with a failure for every API or answer problem; it rejects only when the store
// does (a call that cannot be recorded must not be traded on silently).
import Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages/messages';
import type { Config } from '../config/index.js';
import type { Clock } from '../domain/clock.js';
import { ConfigError } from '../domain/errors.js';
import type { Logger } from '../logging/logger.js';
import { findLlmCall, type LlmCall, llmSpendSince, recordLlmCall } from '../store/llm-calls-repo.js';
import type { Session } from '../store/store.js';
import { DailyBudget } from './daily-budget.js';
import { interpretMessage, tokenUsageOf } from './interpret.js';
import { buildMessagesRequest } from './messages-request.js';
import { capabilityOf, type ModelCapability } from './models.js';
import { buildReviewPayload } from './payload.js';
import { costUsd } from './pricing.js';
import { outcomeOfRecord } from './recorded-outcome.js';
import { requestHash } from './request-hash.js';
import type { LlmReviewer, ReviewOutcome, ReviewRequest } from './reviewer.js';
import { failureFromError } from './sdk-errors.js';
import { Semaphore } from './semaphore.js';

export type LlmSettings = Pick<
  Config,
  | 'LLM_MODEL'
  | 'LLM_MAX_RETRIES'
  | 'LLM_TIMEOUT_MS'
  | 'LLM_MAX_CONCURRENCY'
  | 'LLM_DAILY_BUDGET_USD'
  | 'ANTHROPIC_API_KEY'
  | 'ANTHROPIC_BASE_URL'
>;

export interface ClaudeReviewerDeps {
  readonly settings: LlmSettings;
  readonly clock: Clock;
  readonly store: Session;
  readonly logger?: Logger | undefined;
}

export class ClaudeReviewer implements LlmReviewer {
  private readonly client: Anthropic;
  private readonly capability: ModelCapability;
  private readonly slots: Semaphore;
  private readonly budget: DailyBudget;
  private readonly apiKey: string;
  /** For /health/deep: how the calls have gone lately. */
  private failuresInARow = 0;
  private lastFailure: string | undefined;
  private calls = 0;

  constructor(private readonly deps: ClaudeReviewerDeps) {
    const s = deps.settings;
    if (s.ANTHROPIC_API_KEY === undefined || s.ANTHROPIC_API_KEY === '')
      throw new ConfigError([{ variable: 'ANTHROPIC_API_KEY', message: 'is required for the LLM review' }]);
    this.apiKey = s.ANTHROPIC_API_KEY;
    // Passing the key keeps the SDK from reading credentials from the environment.
    this.client = new Anthropic({
      apiKey: s.ANTHROPIC_API_KEY,
      baseURL: s.ANTHROPIC_BASE_URL,
      maxRetries: s.LLM_MAX_RETRIES,
      timeout: s.LLM_TIMEOUT_MS,
      logLevel: 'off',
    });
    this.capability = capabilityOf(s.LLM_MODEL);
    this.slots = new Semaphore(s.LLM_MAX_CONCURRENCY);
    this.budget = new DailyBudget(s.LLM_DAILY_BUDGET_USD, deps.clock, (from) =>
      llmSpendSince(deps.store, from),
    );
  }

  async review(request: ReviewRequest): Promise<ReviewOutcome> {
    const payload = buildReviewPayload(request);
    const params = buildMessagesRequest(this.deps.settings.LLM_MODEL, payload, this.capability);
    const hash = requestHash(params);
    // The same question was answered before (a restart re-analysing a bar): reuse, do not pay twice.
    const earlier = await findLlmCall(this.deps.store, hash);
    if (earlier?.status === 'ok') return outcomeOfRecord(earlier);
    return this.slots.run(() => this.call(hash, params));
  }

  private async call(hash: string, params: MessageCreateParamsNonStreaming): Promise<ReviewOutcome> {
    if (await this.budget.exhausted())
      return this.fail({
        ok: false,
        failure: 'budget_exhausted',
        detail: `LLM_DAILY_BUDGET_USD ${this.deps.settings.LLM_DAILY_BUDGET_USD} spent today (UTC)`,
      });
    const model = this.deps.settings.LLM_MODEL;
    const started = performance.now();
    const { outcome, record, apiError } = await this.send(params);
    const latencyMs = performance.now() - started;
    const recordedAt = this.deps.clock.now();
    await recordLlmCall(this.deps.store, {
      ...record,
      requestHash: hash,
      model,
      request: params,
      latencyMs,
      recordedAt,
    });
    this.budget.add(Number(record.costUsd), recordedAt);
    this.calls++;
    // Only the API's failures count: an answer that does not parse is not an outage.
    this.failuresInARow = apiError ? this.failuresInARow + 1 : 0;
    if (!outcome.ok) this.lastFailure = `${outcome.failure}: ${outcome.detail}`;
    return outcome.ok ? outcome : this.fail(outcome);
  }

  /** One API call (the SDK retries inside it), as an outcome and the columns to record. */
  private async send(
    params: MessageCreateParamsNonStreaming,
  ): Promise<{ outcome: ReviewOutcome; record: CallRecord; apiError: boolean }> {
    try {
      const message = await this.client.messages.create(params);
      const outcome = interpretMessage(message, this.capability.mechanism);
      const usage = tokenUsageOf(message);
      const record: CallRecord = {
        response: message,
        status: outcome.ok ? 'ok' : 'error',
        error: outcome.ok ? null : `${outcome.failure}: ${outcome.detail}`,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        cacheReadTokens: usage.cacheReadTokens,
        cacheWriteTokens: usage.cacheWriteTokens,
        costUsd: costUsd(params.model, usage),
      };
      return { outcome, record, apiError: false };
    } catch (error) {
      const mapped = failureFromError(error, this.apiKey);
      return {
        outcome: { ok: false, failure: mapped.kind, detail: mapped.detail },
        record: {
          ...NO_TOKENS,
          response: mapped.body,
          status: 'error',
          error: `${mapped.kind}: ${mapped.detail}`,
        },
        apiError: true,
      };
    }
  }

  /**
   * The LLM's part of /health/deep (SPEC §13): failing while today's budget is spent (reviews
   * then fail closed) or after three API failures in a row; pending before the first call.
   */
  async health(): Promise<{ status: 'ok' | 'pending' | 'fail'; detail: string }> {
    const spent = `spent today ${this.budget.spentUsd.toFixed(4)} of ${this.deps.settings.LLM_DAILY_BUDGET_USD} USD`;
    if (await this.budget.exhausted()) return { status: 'fail', detail: `daily budget exhausted (${spent})` };
    if (this.failuresInARow >= 3)
      return {
        status: 'fail',
        detail: `${this.failuresInARow} failed calls in a row, last: ${this.lastFailure}`,
      };
    if (this.calls === 0) return { status: 'pending', detail: `no call yet (${spent})` };
    return { status: 'ok', detail: `${this.calls} calls (${spent})` };
  }

  private fail(outcome: ReviewOutcome & { ok: false }): ReviewOutcome {
    this.deps.logger?.warn({ failure: outcome.failure, detail: outcome.detail }, 'LLM review failed');
    return outcome;
  }
}

type CallRecord = Omit<LlmCall, 'requestHash' | 'model' | 'request' | 'latencyMs' | 'recordedAt'>;

// API errors are not billed.
const NO_TOKENS = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: '0' };
