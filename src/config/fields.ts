// Field parsers for environment values. Every field takes the raw string (blank values never get
// here: they count as unset and the default applies) and reports its own, precise message.
// Values are taken verbatim: no trimming, so ` true` or `5 ` is an error, not a silent fix —
// except the items of comma lists, which are trimmed (`binance, oanda` reads naturally).
import { z } from 'zod';

type Ctx = z.core.$RefinementCtx<string>;

/** Quote a user value in a message: JSON-escaped and cut short, so a pasted blob stays readable. */
export function quote(raw: string): string {
  return JSON.stringify(raw.length > 60 ? `${raw.slice(0, 57)}...` : raw);
}

// Issues never carry the input: a message is the only place a value may appear, and only when the
// field is not a secret.
function reject(ctx: Ctx, message: string): never {
  ctx.issues.push({ code: 'custom', message, input: undefined });
  return z.NEVER;
}

export interface NumberRange {
  readonly gt?: number;
  readonly min?: number;
  readonly lt?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

// Plain decimal notation only: rejects "", "abc", "NaN", "Infinity", "0x10", "1_000" and padding,
// all of which Number() would accept or turn into something surprising.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function describeRange(range: NumberRange): string | undefined {
  const parts: string[] = [];
  if (range.gt !== undefined) parts.push(`> ${range.gt}`);
  if (range.min !== undefined) parts.push(`>= ${range.min}`);
  if (range.lt !== undefined) parts.push(`< ${range.lt}`);
  if (range.max !== undefined) parts.push(`<= ${range.max}`);
  return parts.length === 0 ? undefined : `must be ${parts.join(' and ')}`;
}

function inRange(value: number, range: NumberRange): boolean {
  return (
    (range.gt === undefined || value > range.gt) &&
    (range.min === undefined || value >= range.min) &&
    (range.lt === undefined || value < range.lt) &&
    (range.max === undefined || value <= range.max)
  );
}

export function numberField(range: NumberRange = {}) {
  const expected = range.integer ? 'an integer' : 'a number';
  return z.string().transform((raw, ctx): number => {
    const value = DECIMAL.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isFinite(value)) return reject(ctx, `expected ${expected}, got ${quote(raw)}`);
    if (range.integer && !Number.isSafeInteger(value))
      return reject(ctx, `expected an integer, got ${quote(raw)}`);
    if (!inRange(value, range)) return reject(ctx, `${describeRange(range)}, got ${raw}`);
    return value;
  });
}

export const integerField = (range: Omit<NumberRange, 'integer'> = {}) =>
  numberField({ ...range, integer: true });

// SPEC §17: exactly true/false/1/0. The stringbool is wrapped because its own issue aborts the
// whole object, which would skip the cross-field checks; we want every problem reported at once.
const STRICT_BOOL = z.stringbool({ truthy: ['true', '1'], falsy: ['false', '0'], case: 'sensitive' });

export function booleanField() {
  return z.string().transform((raw, ctx): boolean => {
    const parsed = STRICT_BOOL.safeParse(raw);
    return parsed.success ? parsed.data : reject(ctx, `expected true, false, 1 or 0, got ${quote(raw)}`);
  });
}

export function enumField<const V extends readonly [string, ...string[]]>(values: V) {
  return z.enum(values, {
    error: (issue) => `expected one of ${values.join(', ')}, got ${quote(String(issue.input))}`,
  });
}

export function textField(options: { pattern?: RegExp; expected?: string } = {}) {
  return z.string().transform((raw, ctx): string => {
    if (raw !== raw.trim()) return reject(ctx, `has leading or trailing whitespace, got ${quote(raw)}`);
    if (options.pattern && !options.pattern.test(raw)) {
      return reject(ctx, `expected ${options.expected ?? options.pattern.source}, got ${quote(raw)}`);
    }
    return raw;
  });
}

/** A credential: any non-blank string, never quoted back. Padding is refused (a pasted key with a
 * trailing space otherwise fails later as a confusing 401). */
export function secretField() {
  return z.string().transform((raw, ctx): string => {
    if (raw !== raw.trim())
      return reject(ctx, 'has leading or trailing whitespace (value not shown: a secret)');
    return raw;
  });
}

/** Echo a URL only when it can hold nothing secret (no credentials, no query). */
function safeUrlEcho(raw: string): string {
  try {
    const url = new URL(raw);
    return url.username || url.password || url.search ? '' : `, got ${quote(raw)}`;
  } catch {
    return raw.includes('@') || raw.includes('?') ? '' : `, got ${quote(raw)}`;
  }
}

export interface UrlOptions {
  readonly protocols: readonly string[];
  readonly expected: string;
  /** Base URLs drop trailing slashes so callers can append `/v3/...` without doubling them. */
  readonly base?: boolean;
}

export function urlField(options: UrlOptions) {
  return z.string().transform((raw, ctx): string => {
    if (raw !== raw.trim()) return reject(ctx, 'has leading or trailing whitespace');
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    if (!url || !options.protocols.includes(url.protocol) || url.hostname === '') {
      return reject(ctx, `expected ${options.expected}${safeUrlEcho(raw)}`);
    }
    return options.base ? raw.replace(/\/+$/, '') : raw;
  });
}

export const httpUrlField = (base = true) =>
  urlField({ protocols: ['http:', 'https:'], expected: 'an http(s) URL', base });

/**
 * A comma-separated list: items trimmed, empty items dropped (a trailing comma is harmless),
 * duplicates removed keeping the first. Each item goes through `item`, whose message is reported.
 */
export function listField<T>(item: z.ZodType<T, string>, options: { nonEmpty?: string } = {}) {
  return z.string().transform((raw, ctx): T[] => {
    const out: T[] = [];
    let bad = false;
    for (const part of raw.split(',')) {
      const text = part.trim();
      if (text === '') continue;
      const parsed = item.safeParse(text);
      if (!parsed.success) {
        bad = true;
        for (const issue of parsed.error.issues) reject(ctx, issue.message);
      } else if (!out.includes(parsed.data)) {
        out.push(parsed.data);
      }
    }
    if (bad) return z.NEVER;
    if (options.nonEmpty && out.length === 0) return reject(ctx, options.nonEmpty);
    return out;
  });
}

export interface TimeOfDayInZone {
  readonly hour: number;
  readonly minute: number;
  readonly timeZone: string;
}

export function formatTimeOfDayInZone(t: TimeOfDayInZone): string {
  return `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')} ${t.timeZone}`;
}

/** `HH:MM Area/City`, the zone checked against the runtime's IANA database and canonicalised. */
export function timeOfDayInZoneField() {
  return z.string().transform((raw, ctx): TimeOfDayInZone => {
    const match = /^([01]\d|2[0-3]):([0-5]\d) (\S+)$/.exec(raw);
    if (!match)
      return reject(
        ctx,
        `expected HH:MM followed by an IANA time zone (e.g. 17:00 America/New_York), got ${quote(raw)}`,
      );
    let timeZone: string;
    try {
      timeZone = new Intl.DateTimeFormat('en-US', { timeZone: match[3]! }).resolvedOptions().timeZone;
    } catch {
      return reject(ctx, `unknown time zone ${quote(match[3]!)}`);
    }
    return { hour: Number(match[1]), minute: Number(match[2]), timeZone };
  });
}
