// Scripted replies for the fake Messages API, shaped like the real ones (compare the recorded
// message in test-support/fixtures/anthropic/ToolRunner.json). Error replies ask the SDK to wait
// 1 ms before retrying (`retry-after-ms`, which it honours ahead of `retry-after`), so retry tests
// take milliseconds; the real API sends `retry-after` in seconds.
import { randomUUID } from 'node:crypto';
import { REVIEW_TOOL_NAME } from '../answer-schema.js';

export type FakeReply =
  | {
      readonly kind: 'json';
      readonly status: number;
      readonly body: unknown;
      readonly headers?: Readonly<Record<string, string>>;
      /** Answer after this long (a slow model), ms. */
      readonly delayMs?: number;
    }
  | { readonly kind: 'hang'; readonly ms: number };

export interface FakeUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_creation_input_tokens: number;
  readonly cache_read_input_tokens: number;
}

export const DEFAULT_USAGE: FakeUsage = {
  input_tokens: 1200,
  output_tokens: 150,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 900,
};

export interface MessageOptions {
  readonly model?: string;
  readonly thinking?: boolean;
  readonly usage?: Partial<FakeUsage>;
  readonly delayMs?: number;
}

const nextId = (prefix: string) => `${prefix}_fake${randomUUID().replaceAll('-', '').slice(0, 20)}`;

const THINKING_BLOCK = {
  type: 'thinking',
  thinking: 'The oscillator diverges clearly across two families; the stop is wide enough.',
  signature: 'EqQBCkYIBxgCKkBfakeSignature',
};

export function messageBody(
  content: readonly unknown[],
  stopReason: string,
  options: MessageOptions = {},
  stopDetails: unknown = null,
): Record<string, unknown> {
  const usage = { ...DEFAULT_USAGE, ...options.usage };
  return {
    model: options.model ?? 'claude-sonnet-5-5',
    id: nextId('msg'),
    type: 'message',
    role: 'assistant',
    content: options.thinking === true ? [THINKING_BLOCK, ...content] : [...content],
    stop_reason: stopReason,
    stop_sequence: null,
    stop_details: stopDetails,
    container: null,
    diagnostics: null,
    usage: {
      ...usage,
      cache_creation: {
        ephemeral_5m_input_tokens: usage.cache_creation_input_tokens,
        ephemeral_1h_input_tokens: 0,
      },
      service_tier: 'standard',
      inference_geo: null,
      server_tool_use: null,
      output_tokens_details: { thinking_tokens: options.thinking === true ? 40 : 0 },
      speed: null,
    },
  };
}

const ok = (body: unknown, options: MessageOptions): FakeReply => ({
  kind: 'json',
  status: 200,
  body,
  ...(options.delayMs === undefined ? {} : { delayMs: options.delayMs }),
});

/** A forced tool_use answer (`input` as given, so out-of-range values can be sent). */
export function toolUseReply(
  input: unknown,
  options: MessageOptions & { toolName?: string } = {},
): FakeReply {
  const block = { type: 'tool_use', id: nextId('toolu'), name: options.toolName ?? REVIEW_TOOL_NAME, input };
  return ok(messageBody([block], 'tool_use', options), options);
}

/** An output_config.format answer: one text block holding the JSON (or the raw text given). */
export function jsonTextReply(answer: unknown, options: MessageOptions = {}): FakeReply {
  const text = typeof answer === 'string' ? answer : JSON.stringify(answer);
  return ok(messageBody([{ type: 'text', text, citations: null }], 'end_turn', options), options);
}

/** The answer cut off by max_tokens: truncated JSON text, or a partial tool input. */
export function truncatedReply(mechanism: 'tool' | 'json_schema', options: MessageOptions = {}): FakeReply {
  const block =
    mechanism === 'json_schema'
      ? { type: 'text', text: '{"verdict":"confirm","confidence":0.8,"reas', citations: null }
      : { type: 'tool_use', id: nextId('toolu'), name: REVIEW_TOOL_NAME, input: { verdict: 'confirm' } };
  return ok(messageBody([block], 'max_tokens', options), options);
}

export function refusalReply(options: MessageOptions = {}): FakeReply {
  const details = { type: 'refusal', category: 'general_harms', explanation: 'fake refusal' };
  return ok(messageBody([], 'refusal', options, details), options);
}

export function errorBody(type: string, message: string): Record<string, unknown> {
  return { type: 'error', error: { type, message } };
}

export function errorReply(status: number, type: string, message: string, retryAfterMs?: number): FakeReply {
  const headers: Record<string, string> =
    retryAfterMs === undefined
      ? {}
      : { 'retry-after-ms': String(retryAfterMs), 'retry-after': String(Math.ceil(retryAfterMs / 1000)) };
  return { kind: 'json', status, body: errorBody(type, message), headers };
}

export const rateLimitedReply = () => errorReply(429, 'rate_limit_error', 'Rate limited', 1);
export const overloadedReply = () => errorReply(529, 'overloaded_error', 'Overloaded', 1);
export const badRequestReply = (message = 'tool_choice: forced tool use is not supported') =>
  errorReply(400, 'invalid_request_error', message);
export const hangReply = (ms: number): FakeReply => ({ kind: 'hang', ms });

/** `n` copies of a reply (the fake takes arrays too). */
export const times = (n: number, make: () => FakeReply): FakeReply[] => Array.from({ length: n }, make);
