// Passwords, the login (configured and stored users, lockout, throttling) and sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { ConfigError } from '../domain/errors.js';
import { listAudit, openStore, type Store } from '../store/index.js';
import { Authenticator } from './authenticator.js';
import { LoginThrottle } from './login-throttle.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { SessionStore } from './sessions.js';
import { addUser, findUser, userName } from './users-repo.js';

let store: Store;
let now = 1_000_000;
const clock = () => now;
beforeAll(async () => {
  store = await openStore({ dataDir: '', memory: true });
  await store.migrate();
});
afterAll(async () => {
  await store?.close();
});

describe('passwords', () => {
  it('hashes with argon2id in the form DASHBOARD_USER_<NAME> accepts; plaintext there is refused', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse batterY')).toBe(false);
    expect(await verifyPassword('plaintext', 'plaintext'), 'a stored plaintext never matches').toBe(false);
    expect(loadConfig({ DASHBOARD_USER_Alice: hash }).DASHBOARD_USERS).toEqual({ alice: hash });
    expect(() => loadConfig({ DASHBOARD_USER_ALICE: 'hunter2hunter2' })).toThrow(ConfigError);
  });

  it('normalises and checks user names', () => {
    expect(userName(' Alice ')).toBe('alice');
    expect(() => userName('bob smith')).toThrow(/NAME/);
  });
});

describe('the login', () => {
  it('accepts a configured user, counts failures in memory and locks after the limit', async () => {
    const throttle = new LoginThrottle(clock, { perAddress: 100, windowMs: 1, lockAfter: 3, lockMs: 60_000 });
    const auth = new Authenticator({
      configured: { carol: await hashPassword('carols password') },
      store: () => store,
      now: clock,
      throttle,
    });
    expect(await auth.login('Carol', 'carols password', 'a')).toEqual({ ok: true, user: 'carol' });
    expect(await auth.login('carol', 'nope', 'a')).toEqual({ ok: false, reason: 'invalid' });
    expect(await auth.login('carol', 'nope', 'a')).toEqual({ ok: false, reason: 'invalid' });
    expect(await auth.login('carol', 'nope', 'a')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await auth.login('carol', 'carols password', 'a')).toMatchObject({ ok: false, reason: 'locked' });
    now += 60_001;
    expect(await auth.login('carol', 'carols password', 'a')).toEqual({ ok: true, user: 'carol' });
  });

  it('locks a stored user in the users table, answers unknown names like wrong passwords', async () => {
    await addUser(store, {
      name: 'dave',
      passwordHash: await hashPassword('daves password'),
      at: now,
      actor: 'cli',
    });
    const auth = new Authenticator({
      configured: {},
      store: () => store,
      now: clock,
      throttle: new LoginThrottle(clock, { perAddress: 100, windowMs: 1, lockAfter: 2, lockMs: 60_000 }),
    });
    expect(await auth.login('nobody', 'x', 'a')).toEqual({ ok: false, reason: 'invalid' });
    expect(await auth.login('dave', 'x', 'a')).toEqual({ ok: false, reason: 'invalid' });
    expect((await findUser(store, 'dave'))?.failedAttempts).toBe(1);
    expect(await auth.login('dave', 'x', 'a')).toMatchObject({ ok: false, reason: 'locked' });
    expect((await findUser(store, 'dave'))?.lockedUntil).toBe(now + 60_000);
    expect(await auth.login('dave', 'daves password', 'a')).toMatchObject({ ok: false, reason: 'locked' });
    now += 60_001;
    expect(await auth.login('dave', 'daves password', 'a')).toEqual({ ok: true, user: 'dave' });
    expect(await findUser(store, 'dave')).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('refuses a second user of the same name; audits users.add', async () => {
    const hash = await hashPassword('another password');
    await expect(addUser(store, { name: 'dave', passwordHash: hash, at: now, actor: 'cli' })).rejects.toThrow(
      /exists/,
    );
    await expect(
      addUser(store, { name: 'eve', passwordHash: 'plain', at: now, actor: 'cli' }),
    ).rejects.toThrow(/argon2id/);
    const audit = await listAudit(store);
    expect(audit.filter((a) => a.action === 'users.add').map((a) => a.target)).toEqual(['dave']);
  });

  it('throttles an address after its attempts in the window', () => {
    const t = new LoginThrottle(clock, { perAddress: 2, windowMs: 1_000, lockAfter: 5, lockMs: 1 });
    expect(t.admit('x')).toBeUndefined();
    expect(t.admit('x')).toBeUndefined();
    expect(t.admit('x')).toBe(1_000);
    expect(t.admit('y'), 'another address').toBeUndefined();
    now += 1_000;
    expect(t.admit('x')).toBeUndefined();
  });
});

describe('sessions', () => {
  it('end when idle or too old, and the oldest go beyond the cap', () => {
    const s = new SessionStore(clock, { idleMs: 100, absoluteMs: 250, max: 2 });
    const a = s.create('alice');
    expect(a.id).not.toBe(a.csrf);
    now += 90;
    expect(s.get(a.id)?.user).toBe('alice');
    now += 90;
    expect(s.get(a.id), 'touched 90 ms ago').toBeDefined();
    now += 90;
    expect(s.get(a.id), 'older than 250 ms').toBeUndefined();
    const b = s.create('b');
    s.create('c');
    s.create('d');
    expect(s.get(b.id), 'evicted beyond max').toBeUndefined();
    expect(s.size).toBe(2);
  });
});
