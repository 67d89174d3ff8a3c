// Dashboard sessions, kept in memory: one divbot instance serves one account (the instance lock),
// so there is no second process to share them with, and a restart asking everyone to log in again
// is a feature (no session outlives the process that checked the password). No table, no
// migration, nothing to clean up in the store.
import { randomSecret } from './secrets.js';

export interface WebSession {
  readonly id: string;
  /** The synchronizer token every mutation must echo in `x-csrf-token`. */
  readonly csrf: string;
  readonly user: string;
  readonly createdAt: number;
  lastSeenAt: number;
}

export interface SessionLimits {
  /** Idle time after which a session ends. */
  readonly idleMs: number;
  /** Age after which a session ends however active. */
  readonly absoluteMs: number;
  /** Sessions kept at most; the least recently used go first. */
  readonly max: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  idleMs: 2 * 3_600_000,
  absoluteMs: 12 * 3_600_000,
  max: 1_000,
};

export class SessionStore {
  // Insertion order = least recently used first (touched sessions are re-inserted).
  readonly #sessions = new Map<string, WebSession>();

  constructor(
    private readonly now: () => number,
    private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS,
  ) {}

  create(user: string): WebSession {
    const at = this.now();
    const session: WebSession = {
      id: randomSecret(32),
      csrf: randomSecret(32),
      user,
      createdAt: at,
      lastSeenAt: at,
    };
    this.#sessions.set(session.id, session);
    while (this.#sessions.size > this.limits.max) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest === undefined) break;
      this.#sessions.delete(oldest);
    }
    return session;
  }

  /** The live session with this id (touched), or undefined. */
  get(id: string): WebSession | undefined {
    const s = this.#sessions.get(id);
    if (s === undefined) return undefined;
    const at = this.now();
    if (at - s.lastSeenAt > this.limits.idleMs || at - s.createdAt > this.limits.absoluteMs) {
      this.#sessions.delete(id);
      return undefined;
    }
    s.lastSeenAt = at;
    this.#sessions.delete(id);
    this.#sessions.set(id, s);
    return s;
  }

  destroy(id: string): void {
    this.#sessions.delete(id);
  }

  /** Ends every session of a user (e.g. when its password changes). */
  destroyUser(user: string): void {
    for (const [id, s] of this.#sessions) if (s.user === user) this.#sessions.delete(id);
  }

  get size(): number {
    return this.#sessions.size;
  }
}
