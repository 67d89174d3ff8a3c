// Replay (SPEC §6): answers recorded live by the real client, matched by request hash, used only if
// recorded within 1 h of known_at's close (when a live run asked).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../clock/simulated-clock.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { recordLlmCall, type Store } from '../store/index.js';
import { ClaudeReviewer } from './claude-reviewer.js';
import type { FakeAnthropic } from './fake/anthropic-fake-server.js';
import { badRequestReply, jsonTextReply, overloadedReply } from './fake/replies.js';
import { ReplayReviewer } from './replay-reviewer.js';
import { applyReview } from './reviewer.js';
import {
  closeFakeMessagesApi,
  fakeLlmSettings,
  openFakeMessagesApi,
  SAMPLE_KNOWN_AT,
  sampleRequest,
} from './test-support.js';

const MODEL = 'claude-sonnet-5-5';
const answer = { verdict: 'downgrade', confidence: 0.55, reasoning: 'Single family; weak margin.' };

let fake: FakeAnthropic;
let store: Store;
let variant = 0;
const fresh = () => sampleRequest({ vary: ++variant });

beforeAll(async () => {
  [fake, store] = await openFakeMessagesApi();
});
afterAll(() => closeFakeMessagesApi(fake, store));
beforeEach(() => fake.reset());

/** The sample is a 4h candidate: it exists from its confirm bar's close. */
const KNOWN_CLOSE = SAMPLE_KNOWN_AT + 4 * HOUR_MS;

/** A live reviewer whose Clock says `delayMs` after the sample became known. */
function liveAt(delayMs: number) {
  const settings = fakeLlmSettings(fake.baseURL, { LLM_MODEL: MODEL });
  return new ClaudeReviewer({ settings, clock: new SimulatedClock(KNOWN_CLOSE + delayMs), store });
}
const replay = () => new ReplayReviewer({ store, model: MODEL });

describe('ReplayReviewer', () => {
  it('returns the answer recorded live, without calling the API', async () => {
    const request = fresh();
    fake.enqueue(jsonTextReply(answer, { thinking: true }));
    expect(await liveAt(30 * 60_000).review(request)).toEqual({ ok: true, review: answer });
    expect(await replay().review(request)).toEqual({ ok: true, review: answer });
    expect(fake.requests).toHaveLength(1);
  });

  it("accepts an answer recorded exactly 1 h after known_at's close and refuses one recorded later", async () => {
    const onTime = fresh();
    const late = fresh();
    fake.enqueue(jsonTextReply(answer), jsonTextReply(answer));
    await liveAt(HOUR_MS).review(onTime);
    await liveAt(HOUR_MS + 1).review(late);
    expect(await replay().review(onTime)).toMatchObject({ ok: true });
    const refused = await replay().review(late);
    expect(refused).toMatchObject({
      ok: false,
      failure: 'no_recorded_answer',
      detail: expect.stringMatching(/after known_at/),
    });
  });

  it('a request never recorded is no_recorded_answer, a rejection even with LLM_FAILURE=algorithmic', async () => {
    const outcome = await replay().review(fresh());
    expect(outcome).toMatchObject({ ok: false, failure: 'no_recorded_answer' });
    expect(applyReview(outcome, { llmFailure: 'algorithmic' }).rejectedBy).toBe('llm_error');
  });

  it('replays a recorded failure as that failure, and a model change as no answer', async () => {
    const request = fresh();
    fake.enqueue(badRequestReply());
    await liveAt(60_000).review(request);
    expect(await replay().review(request)).toMatchObject({ ok: false, failure: 'bad_request' });
    const other = new ReplayReviewer({ store, model: 'claude-opus-5-5' });
    expect(await other.review(request), 'another model is another request').toMatchObject({
      failure: 'no_recorded_answer',
    });
  });
});

describe('llm_calls: one row per request hash', () => {
  it('a retry replaces a failed row; an answered request is reused, not paid for twice', async () => {
    const request = fresh();
    const live = liveAt(60_000);
    fake.enqueue(overloadedReply(), jsonTextReply(answer));
    expect(await live.review(request)).toMatchObject({ failure: 'overloaded' });
    expect(await live.review(request)).toEqual({ ok: true, review: answer });
    expect(await live.review(request), 'the recorded answer').toEqual({ ok: true, review: answer });
    expect(fake.requests).toHaveLength(2);
    expect(await replay().review(request)).toEqual({ ok: true, review: answer });
  });

  it('recordLlmCall never overwrites an ok row', async () => {
    const call = {
      requestHash: `test-${++variant}`,
      model: MODEL,
      request: {},
      response: { first: true },
      status: 'ok' as const,
      error: null,
      inputTokens: 1,
      outputTokens: 1,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      costUsd: '0.1',
      latencyMs: 5.4,
      recordedAt: SAMPLE_KNOWN_AT,
    };
    const first = await recordLlmCall(store, call);
    const second = await recordLlmCall(store, {
      ...call,
      status: 'error',
      error: 'api_error: x',
      response: null,
    });
    expect(second).toEqual(first);
    expect(first).toMatchObject({ latencyMs: 5, costUsd: '0.1', response: { first: true } });
  });
});
