// `divbot config check`: print the effective configuration (masked) or every problem with it.
// Pure: the CLI passes the environment and the .env contents and writes the result.
import { ConfigError } from '../domain/errors.js';
import { BROKER_SETTING_KEYS } from './broker-overrides.js';
import { type EnvSource, type LoadOptions, loadConfig, mergeSources } from './load.js';
import { type MaskedValue, maskedConfig } from './mask.js';
import { VARIABLES } from './schema.js';
import { GROUP_TITLES, GROUPS } from './var-def.js';

export interface ConfigCheckOptions extends LoadOptions {
  readonly json?: boolean;
}

export interface ConfigCheckResult {
  readonly exitCode: 0 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

function text(value: MaskedValue): string {
  if (value === null) return '(unset)';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(',');
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? '(none)' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
  }
  return String(value);
}

/** Where a value came from: `--set`, `env`, `.env`, the base variable of a per-broker one, or the default. */
function originOf(name: string, values: Record<string, string>, origins: Record<string, string>): string {
  const set = (key: string) => values[key] !== undefined && values[key].trim() !== '';
  if (set(name)) return origins[name]!;
  const base = BROKER_SETTING_KEYS.find((key) => name.startsWith(`${key}_`) && name !== key);
  if (base && set(base)) return `via ${base}`;
  return 'default';
}

function render(masked: Record<string, MaskedValue>, env: EnvSource, options: LoadOptions): string {
  const { values, origins } = mergeSources(env, options);
  const nameWidth = Math.max(...VARIABLES.map((v) => v.name.length));
  const valueWidth = Math.min(48, Math.max(...VARIABLES.map((v) => text(masked[v.name] ?? null).length)));
  const lines = ['divbot configuration (secrets masked)'];
  for (const group of GROUPS) {
    lines.push('', GROUP_TITLES[group]);
    for (const { name, meta } of VARIABLES) {
      if (meta.group !== group) continue;
      const origin = name === 'DASHBOARD_USERS' ? '' : originOf(name, values, origins);
      lines.push(
        `  ${name.padEnd(nameWidth)}  ${text(masked[name] ?? null).padEnd(valueWidth)}  ${origin}`.trimEnd(),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export function configCheck(env: EnvSource, options: ConfigCheckOptions = {}): ConfigCheckResult {
  const { json = false, ...load } = options;
  try {
    const masked = maskedConfig(loadConfig(env, load));
    const stdout = json ? `${JSON.stringify(masked, null, 2)}\n` : render(masked, env, load);
    return { exitCode: 0, stdout, stderr: '' };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // With --json, stdout stays machine-readable on failure too: only the issues, as JSON.
    const stdout = json ? `${JSON.stringify({ issues: error.issues }, null, 2)}\n` : '';
    return { exitCode: 2, stdout, stderr: `${error.message}\n` };
  }
}
