// SPEC §14's security properties, against a running demo-like instance: every /api/v1 route of
// the OpenAPI document refuses a request without credentials, mutations need the CSRF token,
// logins are throttled and lock the user, cookies and headers are as they must be.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../auth/tokens-repo.js';
import { type ApiHarness, login, startApiHarness } from './test-support/api-harness.js';

let h: ApiHarness;
let clock = Date.parse('2030-01-01T00:00:00Z');
beforeAll(async () => {
  h = await startApiHarness({
    hours: 48,
    throttle: { perAddress: 8, windowMs: 60_000, lockAfter: 3, lockMs: 300_000 },
    wallClock: () => clock,
  });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

interface OpenApi {
  paths: Record<string, Record<string, { security?: unknown[] }>>;
}

const PUBLIC = new Set(['post /api/v1/auth/login']);

describe('the /api/v1 routes in the OpenAPI document', () => {
  it('is public at /api/docs/json and lists the API', async () => {
    const r = await fetch(`${h.url}/api/docs/json`);
    expect(r.status).toBe(200);
    const doc = (await r.json()) as OpenApi;
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/overview',
        '/api/v1/signals/{id}/chart',
        '/api/v1/control/killswitch/reset',
      ]),
    );
    expect(
      paths.every((p) => p.startsWith('/api/v1/')),
      'only the API is documented',
    ).toBe(true);
  });

  it('refuses every route without a session or token (401), whatever the body, and with a wrong token', async () => {
    const doc = (await (await fetch(`${h.url}/api/docs/json`)).json()) as OpenApi;
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        if (PUBLIC.has(`${method} ${path}`)) continue;
        const url = `${h.url}${path.replace(/\{[^}]+\}/g, '1')}`;
        const mutation = method !== 'get';
        const bodies = mutation ? ['{}', '{"reason":123,"symbol":[]}', 'not json'] : [undefined];
        for (const body of bodies) {
          for (const auth of [undefined, 'Bearer dvb_wrong', 'Basic ZGVtbzpkZW1v']) {
            const r = await fetch(url, {
              method: method.toUpperCase(),
              headers: {
                ...(body === undefined ? {} : { 'content-type': 'application/json' }),
                ...(auth ? { authorization: auth } : {}),
              },
              ...(body === undefined ? {} : { body }),
            });
            expect(r.status, `${method} ${path} auth=${auth} body=${body}`).toBe(401);
          }
        }
        checked++;
        expect(methods[method]?.security, `${method} ${path} documents its security`).toBeDefined();
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe('sessions and CSRF', () => {
  it('sets an HttpOnly SameSite=Strict cookie, not Secure on plain HTTP; refuses a mutation without the CSRF token', async () => {
    const s = await login(h);
    expect(s.status).toBe(200);
    const setCookie = s.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toMatch(/Secure/i);

    const get = await fetch(`${h.url}/api/v1/overview`, { headers: { cookie: s.cookie } });
    expect(get.status).toBe(200);

    const pause = (headers: Record<string, string>) =>
      fetch(`${h.url}/api/v1/control/pause`, {
        method: 'POST',
        headers: { cookie: s.cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ reason: 'csrf test' }),
      });
    expect((await pause({})).status, 'no CSRF token').toBe(403);
    expect((await pause({ 'x-csrf-token': 'wrong' })).status, 'a wrong CSRF token').toBe(403);
    expect(
      (await pause({ 'x-csrf-token': s.csrf, origin: 'https://evil.example' })).status,
      'another origin',
    ).toBe(403);
    const ok = await pause({ 'x-csrf-token': s.csrf });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ to: 'PAUSED' });
    const resumed = await fetch(`${h.url}/api/v1/control/resume`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'content-type': 'application/json', 'x-csrf-token': s.csrf },
      body: '{}',
    });
    expect(resumed.status).toBe(200);

    const out = await fetch(`${h.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    expect(out.status).toBe(200);
    expect(
      (await fetch(`${h.url}/api/v1/overview`, { headers: { cookie: s.cookie } })).status,
      'logged out',
    ).toBe(401);
  });

  it('ends an idle session', async () => {
    const s = await login(h);
    clock += 3 * 3_600_000;
    expect((await fetch(`${h.url}/api/v1/overview`, { headers: { cookie: s.cookie } })).status).toBe(401);
  });

  it('accepts a bearer token (no CSRF token needed) and attributes its changes', async () => {
    const token = await createApiToken(h.session.store, { name: 'ci', at: 0, actor: 'cli' });
    const auth = { authorization: `Bearer ${token}` };
    expect((await fetch(`${h.url}/api/v1/positions`, { headers: auth })).status).toBe(200);
    const r = await fetch(`${h.url}/api/v1/instruments/disable`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ symbol: 'ETH/USDT', reason: 'token test' }),
    });
    expect(r.status).toBe(200);
    const audit = (await (await fetch(`${h.url}/api/v1/audit`, { headers: auth })).json()) as Array<{
      actor: string;
      action: string;
    }>;
    // One entry, naming the token.
    expect(audit[0] && `${audit[0].actor} ${audit[0].action}`).toBe('token:ci instrument.disable');
    expect(audit.filter((a) => a.action.includes('instrument.disable'))).toHaveLength(1);
  });
});

describe('login throttling', () => {
  it('locks a user after repeated failures (429 even with the right password), and throttles an address', async () => {
    const wrong = () => login(h, 'demo', 'not the password');
    for (let i = 0; i < 2; i++) expect((await wrong()).status).toBe(401);
    const locked = await wrong();
    expect(locked.status, 'the third failure locks').toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login(h)).status, 'locked: the right password is refused too').toBe(429);
    clock += 301_000;
    expect((await login(h)).status, 'the lock has expired').toBe(200);

    clock += 61_000;
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await login(h, `nobody${i}`, 'x')).status);
    expect(
      statuses.slice(0, 8).every((s) => s === 401),
      'unknown names answer like wrong passwords',
    ).toBe(true);
    expect(statuses.slice(8)).toEqual([429, 429]);
  });
});

describe('headers', () => {
  it('sends a strict CSP and the other security headers on the dashboard and the API', async () => {
    for (const path of ['/', '/api/v1/overview']) {
      const r = await fetch(`${h.url}${path}`);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});
