// Shared by this folder's tests only.
import { ConfigError, type ConfigIssue } from '../../domain/errors.js';
import { type EnvSource, type LoadOptions, loadConfig } from '../load.js';

/** The issues loadConfig reports for `env`; fails the test when it does not throw. */
export function issuesOf(env: EnvSource, options?: LoadOptions): ConfigIssue[] {
  try {
    loadConfig(env, options);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(Object.keys(env))}`);
}

export function messageFor(env: EnvSource, variable: string, options?: LoadOptions): string | undefined {
  return issuesOf(env, options).find((issue) => issue.variable === variable)?.message;
}

// A syntactically valid argon2id PHC string (not a real password's hash).
export const FAKE_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g';
