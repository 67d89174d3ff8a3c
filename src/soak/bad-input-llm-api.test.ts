// The bad-input corpus, part 3 (issue #12): LLM answers through the fake Messages API and API
// requests to a running instance. A bad answer is a named failure (recorded as an error call and
// never traded); a bad request is refused with a 4xx naming the field, and the trading state and
// the audit log are as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, login, startApiHarness } from '../api/test-support/api-harness.js';
import { SimulatedClock } from '../clock/simulated-clock.js';
import { ClaudeReviewer } from '../llm/claude-reviewer.js';
import type { FakeAnthropic } from '../llm/fake/anthropic-fake-server.js';
import * as reply from '../llm/fake/replies.js';
import { buildMessagesRequest } from '../llm/messages-request.js';
import { buildReviewPayload } from '../llm/payload.js';
import { requestHash } from '../llm/request-hash.js';
import { applyReview, type LlmFailureKind } from '../llm/reviewer.js';
import {
  closeFakeMessagesApi,
  openFakeMessagesApi,
  SAMPLE_KNOWN_AT,
  sampleRequest,
} from '../llm/test-support.js';
import { createLogger } from '../logging/logger.js';
import { findLlmCall, listAudit, type Store } from '../store/index.js';

const MODEL = 'claude-sonnet-5-5';
const good = { verdict: 'confirm', confidence: 0.7, reasoning: 'RSI diverges.' };
// [case, the model's answer (text of the JSON-schema reply), the failure it must be]
const ANSWERS: readonly [string, unknown, LlmFailureKind][] = [
  ['an unknown verdict', { ...good, verdict: 'maybe' }, 'malformed'],
  ['no reasoning', { verdict: 'confirm', confidence: 0.7 }, 'malformed'],
  ['confidence as a string', { ...good, confidence: '0.7' }, 'malformed'],
  ['confidence null', { ...good, confidence: null }, 'malformed'],
  ['a negative confidence', { ...good, confidence: -0.1 }, 'out_of_range'],
  ['reasoning of 600 characters', { ...good, reasoning: 'x'.repeat(600) }, 'out_of_range'],
  ['prose, not JSON', 'I think this divergence looks great, go long!', 'malformed'],
  ['a JSON array', [good], 'malformed'],
  ['an HTML page in the text', '<html><body>502 Bad Gateway</body></html>', 'malformed'],
  ['an empty text', '', 'malformed'],
];

describe('bad LLM answers through the fake Messages API', () => {
  let fake: FakeAnthropic;
  let store: Store;
  const clock = new SimulatedClock(SAMPLE_KNOWN_AT + 60_000);
  let variant = 1000;
  beforeAll(async () => {
    [fake, store] = await openFakeMessagesApi();
  });
  afterAll(() => closeFakeMessagesApi(fake, store));

  it.each(ANSWERS)('%s → %s, recorded as an error, never traded', async (_name, answer, kind) => {
    fake.reset();
    const request = sampleRequest({ vary: ++variant });
    fake.enqueue([reply.jsonTextReply(answer)]);
    const reviewer = new ClaudeReviewer({
      settings: {
        LLM_MODEL: MODEL,
        LLM_MAX_RETRIES: 0,
        LLM_TIMEOUT_MS: 2_000,
        LLM_MAX_CONCURRENCY: 1,
        LLM_DAILY_BUDGET_USD: 1_000,
        ANTHROPIC_API_KEY: 'sk-ant-SECRET-corpus-key-0123456789',
        ANTHROPIC_BASE_URL: fake.baseURL,
      },
      clock,
      store,
      logger: createLogger({ level: 'silent' }),
    });
    const outcome = await reviewer.review(request);
    expect(outcome).toMatchObject({ ok: false, failure: kind });
    expect(applyReview(outcome, { llmFailure: 'closed' }).rejectedBy).toBe('llm_error');
    const row = await findLlmCall(
      store,
      requestHash(buildMessagesRequest(MODEL, buildReviewPayload(request))),
    );
    expect(row, 'the failed call is recorded as one').toMatchObject({ status: 'error' });
  });
});

describe('bad API requests to a running instance', () => {
  let h: ApiHarness;
  let auth: { cookie: string; csrf: string };
  beforeAll(async () => {
    h = await startApiHarness({ hours: 24 });
    auth = await login(h);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const send = (method: string, path: string, body?: string) =>
    fetch(`${h.url}/api/v1${path}`, {
      method,
      headers: {
        cookie: auth.cookie,
        'x-csrf-token': auth.csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body }),
    });
  // [method, path, body, a word the error must name]
  const REQUESTS: readonly [string, string, string | undefined, string][] = [
    ['POST', '/control/pause', '{"reason":', 'JSON'],
    ['POST', '/control/close', '{}', 'symbol'],
    ['POST', '/control/close', '{"symbol":"NOPE"}', 'NOPE'],
    ['POST', '/control/close', '{"symbol":"BTC/USDT","all":true}', 'symbol'],
    ['POST', '/control/killswitch/reset', '{"reason":""}', 'reason'],
    ['POST', '/control/killswitch/reset', '{}', 'reason'],
    ['POST', '/instruments/risk', '{"symbol":"BTC/USDT","multiplier":"abc"}', 'multiplier'],
    ['POST', '/instruments/risk', '{"symbol":"BTC/USDT","multiplier":50}', 'multiplier'],
    ['POST', '/instruments/disable', '{"symbol":"NOPE"}', 'NOPE'],
    ['GET', '/signals?limit=abc', undefined, 'limit'],
    ['GET', '/signals?limit=-5', undefined, 'limit'],
    ['GET', '/audit?limit=1e9', undefined, 'limit'],
  ];

  it('each is refused naming what is wrong; nothing changed', async () => {
    const state = JSON.stringify(h.session.risk.tradingState);
    const audit = (await listAudit(h.session.store, { limit: 1000 })).length;
    const controls = JSON.stringify(await (await send('GET', '/instruments')).json());
    for (const [method, path, body, word] of REQUESTS) {
      const r = await send(method, path, body);
      const text = await r.text();
      expect(r.status, `${method} ${path} ${body ?? ''}: ${text}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `${method} ${path}: ${text}`).toBeLessThan(500);
      expect(text.toLowerCase(), `${method} ${path} ${body ?? ''}`).toContain(word.toLowerCase());
    }
    expect(JSON.stringify(h.session.risk.tradingState)).toBe(state);
    expect((await listAudit(h.session.store, { limit: 1000 })).length, 'nothing audited').toBe(audit);
    expect(JSON.stringify(await (await send('GET', '/instruments')).json())).toBe(controls);
  }, 60_000);
});
