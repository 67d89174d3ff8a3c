// Dashboard users in the store (`divbot users add`), with the login lockout's counters.
import { count, eq, sql } from 'drizzle-orm';
import { UsageError } from '../domain/errors.js';
import { appendAudit, isUniqueViolation, type Session, schema } from '../store/index.js';
import { isArgon2idHash } from './passwords.js';

const { users } = schema;

export const USER_NAME = /^[a-z0-9_]{1,64}$/;

export interface StoredUser {
  readonly id: number;
  readonly name: string;
  readonly passwordHash: string;
  readonly failedAttempts: number;
  readonly lockedUntil: number | null;
}

/** Lower-cases the name (like DASHBOARD_USER_<NAME>) and checks it. */
export function userName(raw: string): string {
  const name = raw.trim().toLowerCase();
  if (!USER_NAME.test(name)) throw new UsageError(`NAME: expected 1–64 letters, digits or _ (got "${raw}")`);
  return name;
}

export async function findUser(store: Session, name: string): Promise<StoredUser | undefined> {
  const [row] = await store.db.select().from(users).where(eq(users.name, name));
  return row;
}

export async function countUsers(store: Session): Promise<number> {
  const [row] = await store.db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

/**
 * Adds a user, audited unless `audit: false` (the demo's own user is no human action).
 * `replace`: an existing user gets the new hash and is unlocked (the demo's one-time password on
 * each start); otherwise an existing name is refused.
 */
export async function addUser(
  store: Session,
  u: { name: string; passwordHash: string; at: number; actor: string; replace?: boolean; audit?: boolean },
): Promise<void> {
  if (!isArgon2idHash(u.passwordHash)) throw new UsageError('only argon2id hashes are stored');
  await store.transaction(async (tx) => {
    const values = { name: u.name, passwordHash: u.passwordHash, createdAt: u.at };
    try {
      if (u.replace) {
        await tx.db
          .insert(users)
          .values(values)
          .onConflictDoUpdate({
            target: users.name,
            set: { passwordHash: u.passwordHash, failedAttempts: 0, lockedUntil: null },
          });
      } else {
        await tx.db.insert(users).values(values);
      }
    } catch (e) {
      if (isUniqueViolation(e)) throw new UsageError(`user ${u.name} exists already`);
      throw e;
    }
    if (u.audit !== false)
      await appendAudit(tx, { at: u.at, actor: u.actor, action: 'users.add', target: u.name });
  });
}

/** One more failed login; locks the user for `lockMs` once `lockAfter` failures are reached. */
export async function recordLoginFailure(
  store: Session,
  id: number,
  at: number,
  lockAfter: number,
  lockMs: number,
): Promise<{ failedAttempts: number; lockedUntil: number | null }> {
  const [row] = await store.db
    .update(users)
    .set({ failedAttempts: sql`${users.failedAttempts} + 1` })
    .where(eq(users.id, id))
    .returning({ failedAttempts: users.failedAttempts });
  const failedAttempts = row?.failedAttempts ?? lockAfter;
  if (failedAttempts < lockAfter) return { failedAttempts, lockedUntil: null };
  const lockedUntil = at + lockMs;
  await store.db.update(users).set({ lockedUntil, failedAttempts: 0 }).where(eq(users.id, id));
  return { failedAttempts, lockedUntil };
}

export async function recordLoginSuccess(store: Session, id: number, at: number): Promise<void> {
  await store.db
    .update(users)
    .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: at })
    .where(eq(users.id, id));
}
