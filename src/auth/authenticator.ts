// Who may log in (SPEC §14): users from DASHBOARD_USER_<NAME> (a hash in the configuration) and
// users added with `divbot users add` (rows in the store). A configured name wins over a row of
// the same name. Every answer to a failed login is the same 401, whether the name exists or not;
// only a lockout or an over-eager address is told to wait.
import type { Session } from '../store/index.js';
import { LoginThrottle } from './login-throttle.js';
import { burnVerification, verifyPassword } from './passwords.js';
import { findUser, recordLoginFailure, recordLoginSuccess, USER_NAME } from './users-repo.js';

export type LoginResult =
  | { readonly ok: true; readonly user: string }
  | { readonly ok: false; readonly reason: 'invalid' }
  | { readonly ok: false; readonly reason: 'throttled' | 'locked'; readonly retryAfterMs: number };

export interface AuthenticatorOptions {
  /** DASHBOARD_USERS: lower-cased name → argon2id hash. */
  readonly configured: Readonly<Record<string, string>>;
  readonly store: () => Session | undefined;
  readonly now: () => number;
  readonly throttle?: LoginThrottle;
}

export class Authenticator {
  readonly throttle: LoginThrottle;

  constructor(private readonly o: AuthenticatorOptions) {
    this.throttle = o.throttle ?? new LoginThrottle(o.now);
  }

  async login(rawName: string, password: string, address: string): Promise<LoginResult> {
    const wait = this.throttle.admit(address);
    if (wait !== undefined) return { ok: false, reason: 'throttled', retryAfterMs: wait };
    const name = rawName.trim().toLowerCase();
    if (!USER_NAME.test(name)) {
      await burnVerification(password);
      return { ok: false, reason: 'invalid' };
    }
    const configured = this.o.configured[name];
    if (configured !== undefined) return this.configuredLogin(name, configured, password);
    const store = this.o.store();
    const user = store === undefined ? undefined : await findUser(store, name);
    if (store === undefined || user === undefined) {
      await burnVerification(password);
      return { ok: false, reason: 'invalid' };
    }
    const at = this.o.now();
    if (user.lockedUntil !== null && user.lockedUntil > at)
      return { ok: false, reason: 'locked', retryAfterMs: user.lockedUntil - at };
    if (await verifyPassword(user.passwordHash, password)) {
      await recordLoginSuccess(store, user.id, at);
      return { ok: true, user: name };
    }
    const { lockAfter, lockMs } = this.throttle.limits;
    const after = await recordLoginFailure(store, user.id, at, lockAfter, lockMs);
    if (after.lockedUntil !== null) return { ok: false, reason: 'locked', retryAfterMs: lockMs };
    return { ok: false, reason: 'invalid' };
  }

  private async configuredLogin(name: string, hash: string, password: string): Promise<LoginResult> {
    const locked = this.throttle.lockedFor(name);
    if (locked !== undefined) return { ok: false, reason: 'locked', retryAfterMs: locked };
    if (await verifyPassword(hash, password)) {
      this.throttle.succeeded(name);
      return { ok: true, user: name };
    }
    this.throttle.failed(name);
    const now = this.throttle.lockedFor(name);
    return now === undefined
      ? { ok: false, reason: 'invalid' }
      : { ok: false, reason: 'locked', retryAfterMs: now };
  }
}
