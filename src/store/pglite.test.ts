// The store contract on PGlite: one on-disk database for the file (initdb is the slow part), as
// `./var/db` is used in production; the lock tests use the same directory.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FatalError } from '../domain/errors.js';
import { acquireInstanceLock } from './lock.js';
import { LOCK_FILE_NAME } from './lock-file.js';
import { openStore } from './open.js';
import type { Store } from './store.js';
import { storeContract } from './store-contract.js';

const dataDir = join(mkdtempSync(join(tmpdir(), 'divbot-pglite-')), 'db');
let opened: Promise<Store> | undefined;
const getStore = () => {
  opened ??= timed('PGlite first open (initdb)', () => openStore({ dataDir }));
  return opened;
};

afterAll(async () => {
  await (await opened)?.close();
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

storeContract('store on PGlite (on disk)', getStore);

describe('instance lock on PGlite', () => {
  const lockPath = join(dataDir, LOCK_FILE_NAME);

  it('refuses a second acquire while the first holds, and allows it after release', async () => {
    const store = await getStore();
    const first = await acquireInstanceLock(store, { accountKey: 'paper:all' });
    expect(first.warning).toBeUndefined();
    expect(readFileSync(lockPath, 'utf8').split('\n')[0]).toBe(String(process.pid));
    const second = acquireInstanceLock(store, { accountKey: 'paper:all' });
    await expect(second).rejects.toThrow(FatalError);
    await expect(second).rejects.toThrow(
      new RegExp(
        `another divbot instance holds the lock on .*\\(PID ${process.pid}, lock file .*Stop it first`,
      ),
    );
    await first.release();
    await first.release(); // idempotent
    expect(existsSync(lockPath)).toBe(false);
    const third = await acquireInstanceLock(store, { accountKey: 'paper:all' });
    await third.release();
  });

  it('refuses while another live process holds the lock file', async () => {
    const store = await getStore();
    const child = spawnLockHolder(lockPath, true);
    try {
      const pid = await child.written;
      await expect(acquireInstanceLock(store, { accountKey: 'k' })).rejects.toThrow(`PID ${pid}`);
    } finally {
      child.process.kill('SIGKILL');
    }
  });

  it('takes over a lock file left by a SIGKILLed process, with a warning', async () => {
    const store = await getStore();
    const child = spawnLockHolder(lockPath, true);
    const pid = await child.written;
    const exited = new Promise((resolve) => child.process.once('exit', resolve));
    child.process.kill('SIGKILL');
    await exited;
    expect(readFileSync(lockPath, 'utf8').trim(), 'the killed process left its lock behind').toBe(
      String(pid),
    );
    const lock = await acquireInstanceLock(store, { accountKey: 'k' });
    expect(lock.warning).toMatch(new RegExp(`stale lock file .*PID ${pid} is no longer running`));
    expect(readFileSync(lockPath, 'utf8').split('\n')[0]).toBe(String(process.pid));
    await lock.release();
  });
});

describe('PGlite in memory', () => {
  it('opens, migrates, and holds an in-process lock', async () => {
    const store = await timed('PGlite in-memory open', () =>
      openStore({ dataDir: '/nonexistent/unused', memory: true }),
    );
    try {
      await store.migrate();
      expect(store.description).toBe('PGlite in memory');
      expect(existsSync('/nonexistent/unused')).toBe(false);
      const lock = await acquireInstanceLock(store, { accountKey: 'dev' });
      await expect(acquireInstanceLock(store, { accountKey: 'dev' })).rejects.toThrow(
        /another divbot instance/,
      );
      await lock.release();
      await (await acquireInstanceLock(store, { accountKey: 'dev' })).release();
    } finally {
      await store.close();
    }
  });
});

/** A `node -e` child that writes its PID into the lock file by hand, as a crashed divbot would leave it. */
function spawnLockHolder(path: string, stayAlive: boolean) {
  const script = `require('fs').writeFileSync(${JSON.stringify(path)}, process.pid + '\\n'); console.log('ok');${
    stayAlive ? ' setInterval(() => {}, 1000);' : ''
  }`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const written = new Promise<number>((resolve, reject) => {
    child.stdout.once('data', () => resolve(child.pid!));
    child.once('error', reject);
  });
  return { process: child, written };
}

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  console.info(`${label}: ${(performance.now() - started).toFixed(0)} ms`);
  return result;
}
