// Turn the environment, an optional .env and `--set` flags into the frozen Config, or one
// ConfigError naming every bad variable.
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../domain/errors.js';
import { DASHBOARD_USER_PREFIX } from './dashboard-users.js';
import { type Config, configSchema, DASHBOARD_USERS_FIELD, isKnownVariable } from './schema.js';

export type EnvSource = Readonly<Record<string, string | undefined>>;

export interface LoadOptions {
  /** `--set KEY=VALUE` flags, highest precedence. */
  readonly overrides?: Readonly<Record<string, string>>;
  /** The contents of a .env file, lowest precedence. */
  readonly dotenv?: string;
}

export type Origin = '--set' | 'env' | '.env';

/**
 * Merge the sources: `--set` > environment > .env. The highest source that defines a variable
 * wins, even with an empty value — which then counts as unset, so the default applies (as with
 * dotenv and Node's own loader, an environment variable shadows the .env line; `--set KEY=`
 * restores the default for one run).
 */
export function mergeSources(
  env: EnvSource,
  options: LoadOptions = {},
): { values: Record<string, string>; origins: Record<string, Origin> } {
  const values: Record<string, string> = {};
  const origins: Record<string, Origin> = {};
  const layers: [Origin, EnvSource][] = [
    ['.env', options.dotenv === undefined ? {} : (parseEnv(options.dotenv) as EnvSource)],
    ['env', env],
    ['--set', options.overrides ?? {}],
  ];
  for (const [origin, layer] of layers) {
    for (const [name, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      values[name] = value;
      origins[name] = origin;
    }
  }
  return { values, origins };
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function unknownKey(name: string): ConfigIssue {
  // A key is echoed only when it looks like a variable name: a pasted secret must not reappear.
  const shown = VARIABLE_NAME.test(name) ? name : 'a key that is not a variable name';
  return { variable: '--set', message: `unknown variable ${shown}` };
}

function toConfigIssue(issue: z.core.$ZodIssue): ConfigIssue {
  const [first, second] = issue.path;
  const variable =
    first === DASHBOARD_USERS_FIELD && typeof second === 'string'
      ? `${DASHBOARD_USER_PREFIX}${second}`
      : String(first ?? '(configuration)');
  return { variable, message: issue.message };
}

export function loadConfig(env: EnvSource, options: LoadOptions = {}): Config {
  const issues: ConfigIssue[] = Object.keys(options.overrides ?? {})
    .filter((name) => !isKnownVariable(name))
    .map(unknownKey);
  const result = configSchema.safeParse(mergeSources(env, options).values);
  if (!result.success) issues.push(...result.error.issues.map(toConfigIssue));
  if (issues.length > 0 || !result.success) throw new ConfigError(issues);
  return result.data;
}

/** The contents of a .env file, or undefined when there is none. */
export function readDotenvFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new ConfigError([{ variable: path, message: `cannot read the .env file (${code ?? 'error'})` }]);
  }
}

/** Parse repeated `--set KEY=VALUE` flags; the last one of a key wins. */
export function parseSetFlags(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const issues: ConfigIssue[] = [];
  for (const flag of values) {
    const at = flag.indexOf('=');
    if (at <= 0) {
      // Echoed only when it looks like a variable name: without "=" it may be a bare secret.
      const got = VARIABLE_NAME.test(flag)
        ? `, got "${flag}"`
        : ' (an argument without "=" or without a key)';
      issues.push({ variable: '--set', message: `expected KEY=VALUE${got}` });
      continue;
    }
    const name = flag.slice(0, at);
    if (!isKnownVariable(name)) issues.push(unknownKey(name));
    else out[name] = flag.slice(at + 1);
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return out;
}
