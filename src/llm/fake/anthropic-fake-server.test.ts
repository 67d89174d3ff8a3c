import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeAnthropic, startFakeAnthropic } from './anthropic-fake-server.js';
import { jsonTextReply, rateLimitedReply, toolUseReply } from './replies.js';

const recorded = JSON.parse(
  readFileSync(new URL('../../test-support/fixtures/anthropic/ToolRunner.json', import.meta.url), 'utf8'),
) as { response: Record<string, unknown>; rawHeaders: Record<string, string> }[];

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const body = { model: 'claude-sonnet-5-5', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] };
const post = (headers: Record<string, string>, payload: unknown = body, path = '/v1/messages') =>
  fetch(`${fake.baseURL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
const v1 = { 'anthropic-version': '2026-10-21' };

describe('fake Anthropic Messages API', () => {
  it('answers in the shape of a real recorded message', async () => {
    fake.enqueue(toolUseReply({ verdict: 'confirm', confidence: 0.7, reasoning: 'r' }));
    const res = await post({ ...v1, authorization: 'Bearer sk-test' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('request-id')).toMatch(/^req_/);
    const message = (await res.json()) as Record<string, unknown>;
    const real = recorded[0]!.response;
    for (const key of Object.keys(real)) expect(message, `recorded message key ${key}`).toHaveProperty(key);
    for (const key of Object.keys(real.usage as object))
      expect(message.usage, `recorded usage key ${key}`).toHaveProperty(key);
    expect(recorded[0]!.rawHeaders['request-id']).toMatch(/^req_/);
  });

  it('accepts the key as x-api-key (SDK 0.x) or Authorization: Bearer (1.x), and refuses neither', async () => {
    fake.enqueue(jsonTextReply({}), jsonTextReply({}));
    expect((await post({ ...v1, 'x-api-key': 'sk-test' })).status).toBe(200);
    expect((await post({ 'anthropic-version': '2023-06-01', authorization: 'Bearer sk-test' })).status).toBe(
      200,
    );
    const res = await post(v1);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error' },
      request_id: expect.stringMatching(/^req_/),
    });
  });

  it('refuses a missing anthropic-version, an unknown path and sampling parameters on 2026-10-21', async () => {
    const auth = { 'x-api-key': 'sk-test' };
    expect((await post(auth)).status).toBe(400);
    expect((await post({ ...auth, ...v1 }, body, '/v1/complete')).status).toBe(404);
    const sampled = await post({ ...auth, ...v1 }, { ...body, temperature: 0.2 });
    expect(sampled.status).toBe(400);
    expect(await sampled.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    expect(fake.requests, 'refusals do not consume the queue but are recorded').toHaveLength(3);
  });

  it('sends error replies with retry headers, and a non-retryable 500 when nothing is queued', async () => {
    fake.enqueue(rateLimitedReply());
    const limited = await post({ ...v1, 'x-api-key': 'sk-test' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after-ms')).toBe('1');
    expect(limited.headers.get('retry-after')).toBe('1');
    const empty = await post({ ...v1, 'x-api-key': 'sk-test' });
    expect(empty.status).toBe(500);
    expect(empty.headers.get('x-should-retry')).toBe('false');
    expect(fake.requests.map((r) => r.headers['x-api-key'])).toEqual(['sk-test', 'sk-test']);
  });
});
