// Options every command inherits: `--set KEY=VALUE` and `--env-file`.
import { loadConfig, parseSetFlags, readDotenvFile } from '../config/load.js';
import type { Config } from '../config/schema.js';

export interface GlobalOptions {
  readonly set?: string[];
  readonly envFile?: string;
}

export interface ConfigSources {
  readonly env: Record<string, string | undefined>;
  readonly overrides: Record<string, string>;
  readonly dotenv: string | undefined;
}

export function configSources(globals: GlobalOptions, extra: Record<string, string> = {}): ConfigSources {
  return {
    env: process.env,
    overrides: { ...parseSetFlags(globals.set ?? []), ...extra },
    dotenv: readDotenvFile(globals.envFile ?? '.env'),
  };
}

export function loadCliConfig(globals: GlobalOptions, extra: Record<string, string> = {}): Config {
  const { env, overrides, dotenv } = configSources(globals, extra);
  return loadConfig(env, { overrides, dotenv });
}
