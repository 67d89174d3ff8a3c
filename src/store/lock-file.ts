// PGlite instance lock: `divbot.lock` in the data directory, holding the owner's PID. PGlite is
// single-process, so the lock is per directory whatever the account. A lock whose PID is no longer
// running (SIGKILL, power loss) is stale and taken over with a warning.
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { InstanceLock } from './lock.js';
import { InstanceLockedError } from './lock-error.js';

export const LOCK_FILE_NAME = 'divbot.lock';

// Lock files this process holds. A file naming our own PID that we do not hold was left by an
// earlier process that had the same PID (PID 1 in a container, restarted): stale, not ours.
const heldByThisProcess = new Set<string>();

export async function acquireLockFile(dataDir: string, accountKey: string): Promise<InstanceLock> {
  const path = join(dataDir, LOCK_FILE_NAME);
  const content = `${process.pid}\n${JSON.stringify({ account_key: accountKey, host: hostname(), acquired_at: new Date().toISOString() })}\n`;
  let warning: string | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(path, content)) {
      heldByThisProcess.add(path);
      return lockHandle(path, content, warning);
    }
    const existing = readOrUndefined(path);
    if (existing === undefined) continue; // released meanwhile: try again
    const pid = parsePid(existing);
    if (pid !== undefined && isRunning(pid) && (pid !== process.pid || heldByThisProcess.has(path))) {
      throw new InstanceLockedError(
        `another divbot instance holds the lock on ${dataDir} (PID ${pid}, lock file ${path}). ` +
          `Stop it first (\`kill -TERM ${pid}\` shuts it down cleanly); if no divbot runs as PID ${pid}, ` +
          'delete the lock file.',
      );
    }
    // Remove the stale file only if it is still the one we judged, not a fresh lock taken meanwhile.
    if (readOrUndefined(path) === existing) unlinkQuietly(path);
    warning =
      pid === undefined
        ? `took over an unreadable lock file ${path}`
        : `took over a stale lock file ${path}: PID ${pid} is no longer running`;
  }
  throw new InstanceLockedError(
    `could not take the lock file ${path}: it keeps changing; is another divbot starting?`,
  );
}

function lockHandle(path: string, content: string, warning: string | undefined): InstanceLock {
  let released = false;
  return {
    description: `lock file ${path} (PID ${process.pid})`,
    warning,
    async release() {
      if (released) return;
      released = true;
      heldByThisProcess.delete(path);
      if (readOrUndefined(path) === content) unlinkQuietly(path);
    },
  };
}

/**
 * Writes a private temp file and hard-links it into place: the link fails if the lock exists, and a
 * reader never sees a half-written lock file (which it would have to call stale).
 */
function createExclusive(path: string, content: string): boolean {
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temp, content, { flag: 'wx', mode: 0o644 });
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkQuietly(temp);
  }
}

export function parsePid(content: string): number | undefined {
  const first = content.split('\n', 1)[0]?.trim() ?? '';
  if (!/^[1-9][0-9]*$/.test(first)) return undefined;
  return Number(first);
}

/** Signal 0 checks existence only; EPERM means it exists under another user. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
