// The real SDK against the fake Messages API, with every call recorded on an in-memory PGlite.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../clock/simulated-clock.js';
import { createLogger } from '../logging/logger.js';
import { findLlmCall, type Store } from '../store/index.js';
import { answerJsonSchema, REVIEW_TOOL_NAME } from './answer-schema.js';
import { ClaudeReviewer, type LlmSettings } from './claude-reviewer.js';
import type { FakeAnthropic } from './fake/anthropic-fake-server.js';
import * as reply from './fake/replies.js';
import { buildMessagesRequest } from './messages-request.js';
import { buildReviewPayload } from './payload.js';
import { requestHash } from './request-hash.js';
import { applyReview, type LlmFailureKind, type ReviewRequest } from './reviewer.js';
import { closeFakeMessagesApi, openFakeMessagesApi, SAMPLE_KNOWN_AT, sampleRequest } from './test-support.js';

const KEY = 'sk-ant-api03-SECRET-divbot-test-key-0123456789';
const SONNET_55 = 'claude-sonnet-5-5';
const SONNET_46 = 'claude-sonnet-4-6';
const answer = {
  verdict: 'confirm',
  confidence: 0.74,
  reasoning: 'RSI and MACD both diverge; stop is 0.9 ATR.',
};
const recorded = JSON.parse(
  readFileSync(new URL('../test-support/fixtures/anthropic/ToolRunner.json', import.meta.url), 'utf8'),
) as { response: unknown }[];

let fake: FakeAnthropic;
let store: Store;
const clock = new SimulatedClock(SAMPLE_KNOWN_AT + 60_000);
const logLines: string[] = [];
const logger = createLogger({
  format: 'json',
  destination: { write: (line: string) => logLines.push(line) },
});
let variant = 0;
const fresh = () => sampleRequest({ vary: ++variant });

beforeAll(async () => {
  [fake, store] = await openFakeMessagesApi();
});
afterAll(() => closeFakeMessagesApi(fake, store));
beforeEach(() => fake.reset());

function reviewer(settings: Partial<LlmSettings> = {}) {
  const base: LlmSettings = {
    LLM_MODEL: SONNET_55,
    LLM_MAX_RETRIES: 2,
    LLM_TIMEOUT_MS: 2_000,
    LLM_MAX_CONCURRENCY: 4,
    LLM_DAILY_BUDGET_USD: 1_000,
    ANTHROPIC_API_KEY: KEY,
    ANTHROPIC_BASE_URL: fake.baseURL,
  };
  return new ClaudeReviewer({ settings: { ...base, ...settings }, clock, store, logger });
}

const recordOf = (request: ReviewRequest, model = SONNET_55) =>
  findLlmCall(store, requestHash(buildMessagesRequest(model, buildReviewPayload(request))));

describe('ClaudeReviewer: valid answers', () => {
  it('claude-sonnet-5-5 asks for JSON-schema output and reads the JSON text answer', async () => {
    const request = fresh();
    fake.enqueue(reply.jsonTextReply(answer));
    expect(await reviewer().review(request)).toEqual({ ok: true, review: answer });

    const [sent] = fake.requests;
    expect(sent?.path).toBe('/v1/messages');
    expect(sent?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent?.headers['anthropic-version']).toBe('2026-10-21');
    const body = sent?.body as Record<string, unknown>;
    for (const removed of ['temperature', 'top_p', 'top_k', 'tools', 'tool_choice'])
      expect(body, `${removed} must not be sent`).not.toHaveProperty(removed);
    expect(body.output_config).toEqual({
      effort: 'low',
      format: { type: 'json_schema', schema: answerJsonSchema },
    });
    expect(body.system).toEqual([
      expect.objectContaining({ type: 'text', cache_control: { type: 'ephemeral' } }),
    ]);
    const messages = body.messages as { role: string; content: string }[];
    expect(JSON.parse(messages[0]!.content)).toEqual(buildReviewPayload(request));

    const row = await recordOf(request);
    expect(row).toMatchObject({
      status: 'ok',
      error: null,
      model: SONNET_55,
      inputTokens: 1200,
      outputTokens: 150,
      cacheReadTokens: 900,
      cacheWriteTokens: 0,
      costUsd: '0.00408',
      recordedAt: clock.now(),
    });
    expect(row?.request, 'the recorded request is what was sent').toEqual(body);
    expect(row?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('claude-sonnet-4-6 forces the review tool, with the tool definition cached', async () => {
    fake.enqueue(reply.toolUseReply(answer, { model: SONNET_46 }));
    expect(await reviewer({ LLM_MODEL: SONNET_46 }).review(fresh())).toEqual({ ok: true, review: answer });
    const body = fake.requests[0]?.body as Record<string, unknown>;
    expect(body.tool_choice).toEqual({
      type: 'tool',
      name: REVIEW_TOOL_NAME,
      disable_parallel_tool_use: true,
    });
    expect(body.tools).toEqual([
      expect.objectContaining({ name: REVIEW_TOOL_NAME, strict: true, cache_control: { type: 'ephemeral' } }),
    ]);
    expect(body).not.toHaveProperty('output_config');
  });

  it('a thinking block before the answer is normal, on both mechanisms', async () => {
    fake.enqueue(
      reply.jsonTextReply(answer, { thinking: true }),
      reply.toolUseReply(answer, { thinking: true }),
    );
    expect(await reviewer().review(fresh())).toMatchObject({ ok: true });
    expect(await reviewer({ LLM_MODEL: SONNET_46 }).review(fresh())).toMatchObject({ ok: true });
  });

  it('a veto rejects the candidate; a 429 within the retries is no failure', async () => {
    fake.enqueue(
      reply.rateLimitedReply(),
      reply.jsonTextReply({ ...answer, verdict: 'veto', confidence: 0.2 }),
    );
    const outcome = await reviewer().review(fresh());
    expect(fake.requests).toHaveLength(2);
    expect(applyReview(outcome, { llmFailure: 'closed' })).toEqual({
      rejectedBy: 'llm_veto',
      confidence: 0.2,
    });
  });
});

interface FailureCase {
  readonly name: string;
  readonly replies: () => reply.FakeReply[];
  readonly settings?: Partial<LlmSettings>;
  readonly kind: LlmFailureKind;
  readonly attempts: number;
}

const tool = { LLM_MODEL: SONNET_46 };
const FAILURES: FailureCase[] = [
  {
    name: '429 outlasting 2 retries',
    replies: () => reply.times(3, reply.rateLimitedReply),
    kind: 'rate_limited',
    attempts: 3,
  },
  {
    name: '529 outlasting 2 retries',
    replies: () => reply.times(3, reply.overloadedReply),
    kind: 'overloaded',
    attempts: 3,
  },
  {
    name: '529 outlasting 1 retry',
    replies: () => reply.times(2, reply.overloadedReply),
    settings: { LLM_MAX_RETRIES: 1 },
    kind: 'overloaded',
    attempts: 2,
  },
  { name: '400 (not retried)', replies: () => [reply.badRequestReply()], kind: 'bad_request', attempts: 1 },
  {
    name: 'a hang longer than the timeout, each attempt',
    replies: () => reply.times(2, () => reply.hangReply(5_000)),
    settings: { LLM_TIMEOUT_MS: 100, LLM_MAX_RETRIES: 1 },
    kind: 'timeout',
    attempts: 2,
  },
  { name: 'a refusal', replies: () => [reply.refusalReply()], kind: 'refusal', attempts: 1 },
  {
    name: 'truncated JSON text',
    replies: () => [reply.truncatedReply('json_schema')],
    kind: 'malformed',
    attempts: 1,
  },
  {
    name: 'truncated tool input',
    replies: () => [reply.truncatedReply('tool')],
    settings: tool,
    kind: 'malformed',
    attempts: 1,
  },
  {
    name: 'confidence 1.7',
    replies: () => [reply.jsonTextReply({ ...answer, confidence: 1.7 })],
    kind: 'out_of_range',
    attempts: 1,
  },
  {
    name: 'a wrong tool name',
    replies: () => [reply.toolUseReply(answer, { toolName: 'report_divergence_signal' })],
    settings: tool,
    kind: 'wrong_tool',
    attempts: 1,
  },
  {
    name: 'a real recorded tool_use message for another tool',
    replies: () => [{ kind: 'json', status: 200, body: recorded[0]!.response }],
    settings: tool,
    kind: 'wrong_tool',
    attempts: 1,
  },
];

describe('ClaudeReviewer: failures', () => {
  it.each(FAILURES)('$name → $kind, recorded, not traded', async ({ replies, settings, kind, attempts }) => {
    const request = fresh();
    fake.enqueue(replies());
    const outcome = await reviewer(settings).review(request);
    expect(outcome).toMatchObject({ ok: false, failure: kind });
    expect(fake.requests, 'attempts the fake saw').toHaveLength(attempts);
    expect(fake.requests.map((r) => r.headers['x-stainless-retry-count'])).toEqual(
      Array.from({ length: attempts }, (_, i) => String(i)),
    );
    expect(applyReview(outcome, { llmFailure: 'closed' })).toEqual({
      rejectedBy: 'llm_error',
      confidence: null,
    });
    expect(applyReview(outcome, { llmFailure: 'algorithmic' })).toEqual({
      rejectedBy: null,
      confidence: null,
    });

    const row = await recordOf(request, settings?.LLM_MODEL ?? SONNET_55);
    expect(row, 'a failed call is recorded too').toMatchObject({ status: 'error', recordedAt: clock.now() });
    expect(row?.error?.startsWith(`${kind}: `)).toBe(true);
    expect(JSON.stringify([outcome, row])).not.toContain(KEY);
  });

  it('records the API error body, and never logs the API key', async () => {
    const request = fresh();
    fake.enqueue(reply.badRequestReply(`echoing the key ${KEY}`));
    const outcome = await reviewer().review(request);
    expect(outcome).toMatchObject({ failure: 'bad_request', detail: expect.stringContaining('[REDACTED]') });
    const row = await recordOf(request);
    expect(row?.response).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(logLines.join('\n')).toContain('LLM review failed');
    expect(logLines.join('\n')).not.toContain(KEY);
    expect(row?.costUsd, 'errors are not billed').toBe('0');
    expect(JSON.stringify(row)).not.toContain(KEY);
  });
});
