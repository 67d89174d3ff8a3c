// Structured logs (pino). JSON in production, readable on a terminal; secrets never printed.
// Two layers: path redaction for keys that are secrets by name, and a last-chance scrub of the
// serialized line for every known secret value (a secret can hide inside an error message or URL).
import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

export type LogFormat = 'auto' | 'json' | 'pretty';

export interface LoggerSettings {
  readonly level?: string;
  readonly format?: LogFormat;
  /** Values to scrub from every log line (API keys, tokens, passwords). */
  readonly secrets?: readonly string[];
  /** Where lines go; default stderr (stdout is reserved for `--json` output). */
  readonly destination?: DestinationStream;
  readonly name?: string;
}

export const REDACTED = '[REDACTED]';

// Keys that hold secrets wherever they appear (headers, options objects, config dumps).
const REDACT_PATHS = [
  'password',
  'secret',
  'token',
  'apiKey',
  'api_key',
  'authorization',
  'cookie',
  '*.password',
  '*.secret',
  '*.token',
  '*.apiKey',
  '*.api_key',
  '*.authorization',
  '*.Authorization',
  '*.cookie',
  '*.headers.authorization',
  '*.headers.Authorization',
  '*.headers.cookie',
  '*.headers["x-ig-api-key"]',
  '*.headers["X-IG-API-KEY"]',
  '*.headers["x-api-key"]',
  '*.headers.cst',
  '*.headers.CST',
  '*.headers["x-security-token"]',
  '*.headers["X-SECURITY-TOKEN"]',
];

/** Secrets shorter than this are not scrubbed by value (they would mangle ordinary words). */
const MIN_SCRUB_LENGTH = 6;

export function scrubSecrets(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const s of secrets) {
    if (s.length < MIN_SCRUB_LENGTH) continue;
    if (out.includes(s)) out = out.split(s).join(REDACTED);
    // The same value as it appears inside a JSON string (quotes, backslashes escaped).
    const escaped = JSON.stringify(s).slice(1, -1);
    if (escaped !== s && out.includes(escaped)) out = out.split(escaped).join(REDACTED);
  }
  return out;
}

export function createLogger(settings: LoggerSettings = {}): Logger {
  const secrets = [...new Set(settings.secrets ?? [])].sort((a, b) => b.length - a.length);
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    base: settings.name ? { name: settings.name } : {},
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    hooks: { streamWrite: (s) => scrubSecrets(s, secrets) },
  };
  const pretty = resolveFormat(settings.format ?? 'auto', settings.destination) === 'pretty';
  const destination =
    settings.destination ?? (pretty ? prettyStream() : pino.destination({ fd: 2, sync: true }));
  return pino(options, destination);
}

function resolveFormat(format: LogFormat, destination: DestinationStream | undefined): 'json' | 'pretty' {
  if (format !== 'auto') return format;
  if (destination) return 'json';
  return process.stderr.isTTY ? 'pretty' : 'json';
}

function prettyStream(): DestinationStream {
  // Synchronous pretty printing on stderr: no worker thread, nothing lost on exit.
  const require = createRequire(import.meta.url);
  const pinoPretty = require('pino-pretty') as (o: object) => DestinationStream;
  return pinoPretty({
    destination: 2,
    sync: true,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
  });
}
