// The daily budget (UTC day on the Clock) and the concurrency cap, through the real SDK and the fake.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../clock/simulated-clock.js';
import type { Store } from '../store/index.js';
import { ClaudeReviewer, type LlmSettings } from './claude-reviewer.js';
import { DAY_MS } from './daily-budget.js';
import type { FakeAnthropic } from './fake/anthropic-fake-server.js';
import { errorReply, jsonTextReply, times } from './fake/replies.js';
import { closeFakeMessagesApi, fakeLlmSettings, openFakeMessagesApi, sampleRequest } from './test-support.js';

const answer = { verdict: 'confirm', confidence: 0.8, reasoning: 'ok' };
// 100,000 output tokens on Sonnet 5.5 cost exactly $1.
const dollarReply = () =>
  jsonTextReply(answer, { usage: { input_tokens: 0, output_tokens: 100_000, cache_read_input_tokens: 0 } });

let fake: FakeAnthropic;
let store: Store;
let variant = 0;
const fresh = () => sampleRequest({ vary: ++variant });

beforeAll(async () => {
  [fake, store] = await openFakeMessagesApi();
});
afterAll(() => closeFakeMessagesApi(fake, store));
beforeEach(() => fake.reset());

function reviewer(clock: SimulatedClock, settings: Partial<LlmSettings> = {}) {
  const base = fakeLlmSettings(fake.baseURL, { LLM_DAILY_BUDGET_USD: 1.5 });
  return new ClaudeReviewer({ settings: { ...base, ...settings }, clock, store });
}

describe('daily budget', () => {
  it('stops calling the API once spent, resets on the next UTC day, and survives a restart', async () => {
    // Days far from the other tests' so their spend does not count here.
    const clock = new SimulatedClock(Date.UTC(2031, 0, 10, 22));
    const live = reviewer(clock);
    fake.enqueue(times(4, dollarReply));
    expect(await live.review(fresh())).toMatchObject({ ok: true });
    expect(await live.review(fresh()), '$1 of $1.50 spent: still allowed').toMatchObject({ ok: true });
    expect(await live.review(fresh())).toMatchObject({ ok: false, failure: 'budget_exhausted' });
    expect(fake.requests, 'no request once the budget is spent').toHaveLength(2);

    const restarted = reviewer(clock);
    expect(await restarted.review(fresh()), 'the spend is read back from llm_calls').toMatchObject({
      failure: 'budget_exhausted',
    });
    expect(fake.requests).toHaveLength(2);

    await clock.advanceTo(Math.ceil(clock.now() / DAY_MS) * DAY_MS); // 00:00 UTC next day
    expect(await live.review(fresh())).toMatchObject({ ok: true });
    expect(fake.requests).toHaveLength(3);
  });

  it('a zero budget never calls the API', async () => {
    const outcome = await reviewer(new SimulatedClock(Date.UTC(2032, 0, 1)), {
      LLM_DAILY_BUDGET_USD: 0,
    }).review(fresh());
    expect(outcome).toMatchObject({ ok: false, failure: 'budget_exhausted' });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('concurrency cap', () => {
  it('holds LLM_MAX_CONCURRENCY requests in flight at most, and serves the rest as slots free', async () => {
    const live = reviewer(new SimulatedClock(Date.UTC(2033, 0, 1)), { LLM_MAX_CONCURRENCY: 2 });
    fake.enqueue(times(6, () => jsonTextReply(answer, { delayMs: 60 })));
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => live.review(fresh())));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(fake.requests).toHaveLength(6);
    expect(fake.maxInFlight, 'the fake counted requests in flight').toBe(2);
  });
});

describe('health for /health/deep', () => {
  it('pending before a call, ok after one, failing after three API failures in a row or a spent budget', async () => {
    const clock = new SimulatedClock(Date.UTC(2033, 0, 5, 10));
    const r = reviewer(clock);
    expect((await r.health()).status).toBe('pending');
    fake.enqueue([jsonTextReply(answer)]);
    await r.review(fresh());
    expect(await r.health()).toMatchObject({ status: 'ok' });
    fake.enqueue(times(3, () => errorReply(500, 'api_error', 'Internal server error')));
    for (let i = 0; i < 2; i++) await r.review(fresh());
    expect((await r.health()).status, 'two failures are not an outage yet').toBe('ok');
    await r.review(fresh());
    expect(await r.health()).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/3 failed calls/),
    });
    fake.enqueue([jsonTextReply(answer)]);
    await r.review(fresh());
    expect((await r.health()).status, 'one answer ends the outage').toBe('ok');

    const broke = reviewer(new SimulatedClock(Date.UTC(2034, 0, 5)), { LLM_DAILY_BUDGET_USD: 0 });
    expect(await broke.health()).toMatchObject({ status: 'fail', detail: expect.stringMatching(/budget/) });
  });
});
