// Behind a TLS-terminating proxy (TRUST_PROXY=true) the session cookie is Secure, HSTS is sent,
// and the login throttle counts the client's address from X-Forwarded-For.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiHarness, login, startApiHarness } from './test-support/api-harness.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({
    hours: 1,
    env: { TRUST_PROXY: 'true' },
    throttle: { perAddress: 2, windowMs: 60_000, lockAfter: 100, lockMs: 1 },
  });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

it('marks the cookie Secure and sends HSTS', async () => {
  const s = await login(h);
  expect(s.status).toBe(200);
  expect(s.headers.get('set-cookie')).toMatch(/; Secure/i);
  expect(s.headers.get('strict-transport-security')).toContain('max-age=');
});
