// One configuration variable = its zod field plus what the README table, `config check` and the
// log scrubber need to know about it.
import type { z } from 'zod';

export const GROUPS = [
  'general',
  'brokers',
  'data',
  'divergence',
  'validator',
  'risk',
  'execution',
  'llm',
  'notify',
  'dashboard',
] as const;
export type Group = (typeof GROUPS)[number];

export const GROUP_TITLES: Readonly<Record<Group, string>> = {
  general: 'General',
  brokers: 'Brokers and market data',
  data: 'Data and indicators',
  divergence: 'Divergence detection and targets',
  validator: 'Validator and multi-timeframe confirmation',
  risk: 'Risk',
  execution: 'Execution',
  llm: 'LLM review',
  notify: 'Notifications and monitoring',
  dashboard: 'Dashboard and API',
};

/**
 * How a URL's value is masked: `credentials` hides a password and every query value;
 * `path` also hides the path (heartbeat services put their token there).
 */
export type UrlMask = 'credentials' | 'path';

export interface VarMeta {
  readonly group: Group;
  /** One line for the README table. */
  readonly meaning: string;
  /** The default as shown to people; undefined when the variable is simply unset by default. */
  readonly default: string | undefined;
  /** The default is an explanation ("(all)"), not a value one could write. */
  readonly defaultIsProse: boolean;
  readonly secret: boolean;
  readonly urlMask?: UrlMask;
  /** Turns a parsed value back into the form a person would write, e.g. `17:00 America/New_York`. */
  readonly display?: (value: unknown) => string;
}

export interface VarDef<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  readonly meta: VarMeta;
}

export interface VarInfo {
  readonly group: Group;
  readonly meaning: string;
  readonly secret?: boolean;
  readonly urlMask?: UrlMask;
  /** Overrides the default's display text with another literal (e.g. `17:00 America/New_York`). */
  readonly defaultText?: string;
  /** Explains what unset means instead of showing a value (e.g. "(all)"). */
  readonly defaultProse?: string;
  readonly display?: (value: unknown) => string;
}

function defaultText(value: unknown): string {
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

function meta(info: VarInfo, shownDefault: string | undefined): VarMeta {
  return {
    group: info.group,
    meaning: info.meaning,
    default: info.defaultProse ?? info.defaultText ?? shownDefault,
    defaultIsProse: info.defaultProse !== undefined,
    secret: info.secret ?? false,
    ...(info.urlMask ? { urlMask: info.urlMask } : {}),
    ...(info.display ? { display: info.display } : {}),
  };
}

/** A variable with a default. */
export function setting<S extends z.ZodType>(
  field: S,
  value: z.util.NoUndefined<z.output<S>>,
  info: VarInfo,
): VarDef<z.ZodDefault<S>> {
  return { schema: field.default(value) as z.ZodDefault<S>, meta: meta(info, defaultText(value)) };
}

/** A variable that may stay unset (its absence means something, e.g. "embedded database"). */
export function optionalSetting<S extends z.ZodType>(field: S, info: VarInfo): VarDef<z.ZodOptional<S>> {
  return { schema: field.optional() as z.ZodOptional<S>, meta: meta(info, undefined) };
}
