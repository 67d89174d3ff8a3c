// What may be shown of the configuration (config check, dashboard settings, start-up log) and
// what the logger must scrub.
import type { Config } from './schema.js';
import { DASHBOARD_USERS_FIELD, VARIABLES } from './schema.js';
import type { UrlMask, VarMeta } from './var-def.js';

export const MASK = '********';

export type MaskedValue =
  | string
  | number
  | boolean
  | null
  | readonly (string | number)[]
  | Readonly<Record<string, string>>;

function splitQuery(search: string): string[][] {
  return search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const at = part.indexOf('=');
      return at < 0 ? [part, ''] : [part.slice(0, at), part.slice(at + 1)];
    });
}

/** Hide a URL's password and query values (and, for `path`, its path and fragment). */
export function maskUrl(raw: string, mask: UrlMask): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return MASK;
  }
  if (url.password) url.password = MASK;
  if (url.search)
    url.search = splitQuery(url.search)
      .map(([key]) => `${key}=${MASK}`)
      .join('&');
  if (mask === 'path') {
    if (url.pathname !== '/') url.pathname = url.pathname.replace(/[^/]+/g, MASK);
    if (url.hash) url.hash = MASK;
  }
  const out = url.toString();
  // URL adds a "/" to a bare origin; show the value as written.
  return url.pathname === '/' && out.endsWith('/') && !raw.endsWith('/') ? out.slice(0, -1) : out;
}

function display(meta: VarMeta, value: unknown): MaskedValue {
  if (value === undefined || value === null) return null;
  if (meta.secret) return MASK;
  if (meta.urlMask && typeof value === 'string') return maskUrl(value, meta.urlMask);
  if (meta.display) return meta.display(value);
  if (Array.isArray(value)) return [...(value as (string | number)[])];
  return value as string | number | boolean;
}

/** The effective configuration, safe to print: secrets `********` when set, null when unset. */
export function maskedConfig(config: Config): Record<string, MaskedValue> {
  const values = config as unknown as Readonly<Record<string, unknown>>;
  const out: Record<string, MaskedValue> = {};
  for (const { name, meta } of VARIABLES) {
    out[name] =
      name === DASHBOARD_USERS_FIELD
        ? Object.fromEntries(Object.keys(config.DASHBOARD_USERS).map((user) => [user, MASK]))
        : display(meta, values[name]);
  }
  return out;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// URL pieces shorter than this are not scrubbed: a path segment like "ping" or a query value like
// "1" is no secret, and scrubbing it would mangle every log line that contains it.
const MIN_URL_PIECE = 8;

function urlSecrets(raw: string, mask: UrlMask): string[] {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return [raw];
  }
  const pieces = url.password ? [url.password, decoded(url.password)] : [];
  const long = (text: string) => text.length >= MIN_URL_PIECE;
  for (const [, value] of splitQuery(url.search)) pieces.push(...[value!, decoded(value!)].filter(long));
  if (mask === 'path') {
    pieces.push(raw);
    for (const segment of url.pathname.split('/')) pieces.push(...[segment, decoded(segment)].filter(long));
  }
  return pieces;
}

/**
 * Every secret value set, URL passwords and tokens included, longest first (so a scrubber that
 * replaces them in order never leaves the tail of a longer one).
 */
export function secretValues(config: Config): string[] {
  const values = config as unknown as Readonly<Record<string, unknown>>;
  const found = new Set<string>();
  for (const { name, meta } of VARIABLES) {
    const value = values[name];
    if (typeof value !== 'string') continue;
    if (meta.secret) found.add(value);
    else if (meta.urlMask) for (const piece of urlSecrets(value, meta.urlMask)) found.add(piece);
  }
  for (const hash of Object.values(config.DASHBOARD_USERS)) found.add(hash);
  found.delete('');
  return [...found].sort((a, b) => b.length - a.length);
}
