// SDK errors to failure kinds. Branches on the HTTP status first (the SDK's class names changed
// between majors; anthropic.md §1.4), on classes for the status-less connection errors. The detail
// carries status, error type, the API's message and the request id, never headers, and the key is
// cut out should anything ever echo it.
import { APIConnectionTimeoutError, APIError } from '@anthropic-ai/sdk';
import type { LlmFailureKind } from './reviewer.js';

export interface MappedFailure {
  readonly kind: LlmFailureKind;
  readonly detail: string;
  /** The API's error body, when there was one, for the llm_calls record. */
  readonly body: unknown;
}

export function failureFromError(error: unknown, secret: string | undefined): MappedFailure {
  const scrub = (text: string) => (secret ? text.split(secret).join('[REDACTED]') : text);
  if (error instanceof APIConnectionTimeoutError)
    return { kind: 'timeout', detail: scrub(error.message), body: null };
  if (error instanceof APIError && error.status !== undefined) {
    const parts = [
      `${error.status}`,
      error.type ?? undefined,
      error.apiMessage ?? undefined,
      error.requestID ? `request-id ${error.requestID}` : undefined,
    ].filter((p) => p !== undefined);
    const body = error.error === undefined ? null : JSON.parse(scrub(JSON.stringify(error.error)));
    return { kind: kindOfStatus(error.status), detail: scrub(parts.join(' ')), body };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { kind: 'api_error', detail: scrub(message), body: null };
}

function kindOfStatus(status: number): LlmFailureKind {
  if (status === 429) return 'rate_limited';
  if (status === 529) return 'overloaded';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 401 || status === 402 || status === 403) return 'auth_error';
  if (status === 400 || status === 413 || status === 422) return 'bad_request';
  return 'api_error';
}
