// How CLI commands reach the store (SPEC §12): DATABASE_URL when set, else the embedded PGlite
// under VAR_DIR/db (or VAR_DIR/demo with --demo). PGlite is single-process: opening its directory
// while a divbot instance runs could corrupt it, so a command that would do that is refused
// (state-changing commands will go through the running instance's local API, issue #6).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { FatalError } from '../domain/errors.js';
import { openStore, type Store } from '../store/index.js';
import { acquireLockFile, isRunning, LOCK_FILE_NAME, parsePid } from '../store/lock-file.js';

export interface CliStoreOptions {
  readonly demo?: boolean;
  /** The command changes state: on PGlite it holds the directory's lock while it works. */
  readonly write: boolean;
}

export function pgliteDir(config: Config, demo: boolean): string {
  return resolve(config.VAR_DIR, demo ? 'demo' : 'db');
}

export async function withCliStore<T>(
  config: Config,
  options: CliStoreOptions,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const demo = options.demo === true;
  const databaseUrl = demo ? undefined : config.DATABASE_URL;
  if (databaseUrl) {
    const store = await openStore({ databaseUrl, dataDir: '' });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }
  const dataDir = pgliteDir(config, demo);
  mkdirSync(dataDir, { recursive: true });
  const lock = options.write ? await acquireLockFile(dataDir, 'cli') : undefined;
  if (!lock) refuseIfInstanceRuns(dataDir);
  try {
    const store = await openStore({ dataDir });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  } finally {
    await lock?.release();
  }
}

function refuseIfInstanceRuns(dataDir: string): void {
  const path = join(dataDir, LOCK_FILE_NAME);
  if (!existsSync(path)) return;
  const pid = parsePid(readFileSync(path, 'utf8'));
  if (pid !== undefined && pid !== process.pid && isRunning(pid)) {
    throw new FatalError(
      `the embedded database ${dataDir} is in use by a running divbot (PID ${pid}); ` +
        'run this command again once it has stopped, or set DATABASE_URL to use PostgreSQL',
    );
  }
}
