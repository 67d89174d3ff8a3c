// `--param KEY=LOW..HIGH[:STEP]` (SPEC §16): a configuration variable and the values to try. Each
// value (and then each combination) goes through the configuration schema exactly as `--set`
// would, so a bad key or range stops before anything runs, naming it.
import { loadConfig } from '../config/load.js';
import { isKnownVariable, variableMeta } from '../config/schema.js';
import { ConfigError, UsageError } from '../domain/errors.js';

/** One configuration variable and its values, as the strings handed to the schema. */
export interface ParamRange {
  readonly key: string;
  readonly values: readonly string[];
}

/** Raw configuration values (variable → string), as `--set` gives them. */
export type Settings = Readonly<Record<string, string>>;

const NUMBER = String.raw`-?\d+(?:\.\d+)?`;
const RANGE = new RegExp(`^(${NUMBER})\\.\\.(${NUMBER})(?::(\\d+(?:\\.\\d+)?))?$`);
/** More values than this for one key is a typo, not a search. */
const MAX_VALUES_PER_KEY = 1_000;

const decimals = (s: string) => (s.includes('.') ? s.length - s.indexOf('.') - 1 : 0);

export function parseParam(flag: string): ParamRange {
  const at = flag.indexOf('=');
  if (at <= 0) throw new UsageError(`--param: expected KEY=LOW..HIGH[:STEP], got "${flag}"`);
  const key = flag.slice(0, at);
  const spec = flag.slice(at + 1).trim();
  if (!isKnownVariable(key)) throw new UsageError(`--param ${key}: not a configuration variable`);
  const meta = variableMeta(key);
  if (meta?.secret || key.startsWith('DASHBOARD_USER_')) {
    throw new UsageError(`--param ${key}: a secret cannot be searched`);
  }
  const m = RANGE.exec(spec);
  if (!m) throw new UsageError(`--param ${key}: expected LOW..HIGH[:STEP] (numbers), got "${spec}"`);
  const [, lowText, highText, stepText = '1'] = m as unknown as [string, string, string, string?];
  const low = Number(lowText);
  const high = Number(highText);
  const step = Number(stepText);
  if (high < low) throw new UsageError(`--param ${key}: HIGH ${highText} is below LOW ${lowText}`);
  if (!(step > 0)) throw new UsageError(`--param ${key}: STEP must be above 0, got "${stepText}"`);
  // Whole multiples of the step, written with the inputs' precision: no 0.30000000000000004.
  const digits = Math.max(decimals(lowText), decimals(highText), decimals(stepText));
  const count = Math.floor((high - low) / step + 1e-9) + 1;
  if (count > MAX_VALUES_PER_KEY) {
    throw new UsageError(
      `--param ${key}: ${count} values (at most ${MAX_VALUES_PER_KEY}); use a larger STEP`,
    );
  }
  const values = Array.from({ length: count }, (_, i) => (low + i * step).toFixed(digits));
  return { key, values };
}

/** Parse every flag, check each value against the schema on top of `base`. */
export function parseParams(flags: readonly string[], base: Settings): ParamRange[] {
  if (flags.length === 0) throw new UsageError('--param: give at least one KEY=LOW..HIGH[:STEP]');
  const ranges = flags.map(parseParam);
  const seen = new Set<string>();
  for (const r of ranges) {
    if (seen.has(r.key)) throw new UsageError(`--param ${r.key}: given twice`);
    seen.add(r.key);
    for (const v of r.values) checkSettings({ ...base, [r.key]: v }, `--param ${r.key}=${v}`);
  }
  return ranges;
}

/** Throws a UsageError naming `what` and the schema's complaint. */
export function checkSettings(settings: Settings, what: string): void {
  try {
    loadConfig({}, { overrides: settings });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const detail = e.issues.map((i) => `${i.variable}: ${i.message}`).join('; ');
    throw new UsageError(`${what}: ${detail}`);
  }
}
