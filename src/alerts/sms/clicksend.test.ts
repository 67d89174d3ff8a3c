import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../alert-event.js';
import { FakeClickSend } from '../fake/clicksend-fake.js';
import { ClickSendNotifier } from './clicksend.js';

const fake = new FakeClickSend();
let baseUrl: string;
const TO = ['+61411111111', '+61422222222'];

beforeAll(async () => {
  baseUrl = await fake.start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.sent.length = 0;
  fake.faults.reset();
});

const sms = (apiKey = fake.apiKey) =>
  new ClickSendNotifier({ baseUrl: `${baseUrl}/`, username: fake.username, apiKey, to: TO });

async function failure(p: Promise<unknown>): Promise<DeliveryError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DeliveryError);
  return e as DeliveryError;
}

describe('ClickSend SMS', () => {
  it('sends one message per SMS_TO number with basic auth', async () => {
    await sms().send('🚨 Kill switch: trading HALTED');
    expect(fake.sent).toEqual(
      TO.map((to) => ({ to, body: '🚨 Kill switch: trading HALTED', source: 'divbot' })),
    );
  });

  it('keeps an SMS to two parts', async () => {
    await sms().send('x'.repeat(1000));
    expect(fake.sent[0]!.body.length).toBe(300);
  });

  it('bad credentials are definitive, and the key is not in the message', async () => {
    const e = await failure(sms('WRONG-KEY').send('hi'));
    expect(e.message).toContain('HTTP 401 UNAUTHORIZED');
    expect(e.options.permanent).toBe(true);
    expect(e.message).not.toContain('WRONG-KEY');
  });

  it('429 is retried after Retry-After; 5xx is retried with backoff', async () => {
    fake.faults.arm('send', { kind: 'http', status: 429, code: 'TOO_MANY_REQUESTS', retryAfter: 7 });
    const limited = await failure(sms().send('hi'));
    expect(limited.options).toEqual({ permanent: false, retryAfterMs: 7_000 });
    fake.faults.arm('send', { kind: 'http', status: 503, code: 'SERVICE_UNAVAILABLE' });
    const down = await failure(sms().send('hi'));
    expect(down.options.permanent).toBe(false);
    expect(fake.sent).toHaveLength(0);
  });

  it('a message the service refused fails the delivery for good, naming the number', async () => {
    fake.faults.arm('send', { kind: 'message_status', status: 'INSUFFICIENT_CREDIT' });
    const e = await failure(sms().send('hi'));
    expect(e.message).toContain('+61411111111 INSUFFICIENT_CREDIT');
    expect(e.options.permanent).toBe(true);
  });
});
