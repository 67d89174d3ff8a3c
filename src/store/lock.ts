// The single-instance lock (SPEC §12): one divbot trades an account at a time. PostgreSQL: a
// session advisory lock on a connection held for the instance's life. PGlite: a PID lock file in
// the data directory, taken over when its process is dead (a SIGKILL leaves it behind).
// Read-only commands do not call this; that is the caller's choice.
import { InstanceLockedError } from './lock-error.js';
import { acquireLockFile } from './lock-file.js';
import { acquirePostgresLock } from './lock-postgres.js';
import type { Store } from './store.js';

export { InstanceLockedError };

export interface InstanceLock {
  /** What is held, for logs: the advisory key and database, or the lock file. */
  readonly description: string;
  /** Set when a stale lock (its process dead) was taken over: log it. */
  readonly warning: string | undefined;
  /** Idempotent. */
  release(): Promise<void>;
}

export interface InstanceLockOptions {
  /** Identifies the account (e.g. `live:oanda:001-...`); hashed to the advisory key. */
  readonly accountKey: string;
  /**
   * PostgreSQL only: the lock's connection died, so the lock is gone and another instance may
   * take it. The instance should stop trading.
   */
  readonly onLost?: ((error: Error) => void) | undefined;
}

/** Throws a `FatalError` naming the holder and what to do when another instance holds the lock. */
export async function acquireInstanceLock(store: Store, options: InstanceLockOptions): Promise<InstanceLock> {
  const target = store.target;
  if (target.kind === 'postgres') {
    return acquirePostgresLock(target.databaseUrl, store.description, options.accountKey, options.onLost);
  }
  if (target.dataDir === null) return acquireMemoryLock(store, options.accountKey);
  return acquireLockFile(target.dataDir, options.accountKey);
}

// An in-memory PGlite is visible to this process only, so the lock is per store object.
const memoryHolders = new WeakSet<Store>();

function acquireMemoryLock(store: Store, accountKey: string): InstanceLock {
  if (memoryHolders.has(store)) {
    throw new InstanceLockedError(
      `another divbot instance in this process holds the lock on ${store.description}`,
    );
  }
  memoryHolders.add(store);
  return {
    description: `in-process lock on ${store.description} for account ${JSON.stringify(accountKey)}`,
    warning: undefined,
    release: async () => {
      memoryHolders.delete(store);
    },
  };
}
