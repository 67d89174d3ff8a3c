// Where a running instance tells the CLI how to reach its local API (SPEC §12): a 0600 file under
// VAR_DIR holding a random bearer token, the API's loopback URL and the instance's PID. The main
// instance uses VAR_DIR/local-api.token; the demo VAR_DIR/demo/local-api.token, beside its store,
// so `--demo` and the default store never reach each other's instance.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isRunning } from '../store/lock-file.js';

export const TOKEN_FILE_NAME = 'local-api.token';

export interface LocalApiEndpoint {
  readonly token: string;
  /** e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  readonly pid: number;
}

export function tokenFilePath(varDir: string, demo: boolean): string {
  return resolve(varDir, ...(demo ? ['demo'] : []), TOKEN_FILE_NAME);
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Written fresh with mode 0600 (an older file is replaced, never reused). */
export function writeTokenFile(path: string, endpoint: LocalApiEndpoint): void {
  mkdirSync(dirname(path), { recursive: true });
  rmSync(path, { force: true });
  writeFileSync(path, `${JSON.stringify(endpoint)}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
}

/** Removes the file if it is still this process's. */
export function removeTokenFile(path: string, pid = process.pid): void {
  const current = readTokenFile(path);
  if (current === undefined || current.pid === pid) rmSync(path, { force: true });
}

/** The endpoint, or undefined when there is no file, it is unreadable, or its process is gone. */
export function readLiveEndpoint(path: string): LocalApiEndpoint | undefined {
  const endpoint = readTokenFile(path);
  if (endpoint === undefined || !isRunning(endpoint.pid)) return undefined;
  return endpoint;
}

function readTokenFile(path: string): LocalApiEndpoint | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LocalApiEndpoint>;
    if (typeof parsed.token !== 'string' || typeof parsed.url !== 'string' || typeof parsed.pid !== 'number')
      return undefined;
    return { token: parsed.token, url: parsed.url, pid: parsed.pid };
  } catch {
    return undefined;
  }
}

/** The server's address as the CLI on this machine reaches it (a wildcard bind → loopback). */
export function loopbackUrl(serverUrl: string): string {
  const u = new URL(serverUrl);
  if (['0.0.0.0', 'localhost'].includes(u.hostname)) u.hostname = '127.0.0.1';
  if (u.hostname === '[::]') u.hostname = '[::1]';
  return u.origin;
}
