// A recorded llm_calls row back to the outcome it had: an answer is re-read from the stored
// response (by the same parser, so replay and live agree), a failure keeps its recorded kind.
import type { StoredLlmCall } from '../store/llm-calls-repo.js';
import { interpretMessage, mechanismOfRequest } from './interpret.js';
import { type LlmFailureKind, LlmFailureKinds, type ReviewOutcome } from './reviewer.js';

export function outcomeOfRecord(row: StoredLlmCall): ReviewOutcome {
  if (row.status === 'ok') return interpretMessage(row.response, mechanismOfRequest(row.request));
  const text = row.error ?? '';
  const colon = text.indexOf(':');
  const kind = colon < 0 ? '' : text.slice(0, colon);
  const failure: LlmFailureKind = isFailureKind(kind) ? kind : 'api_error';
  return {
    ok: false,
    failure,
    detail: `recorded call ${row.id}: ${colon < 0 ? text : text.slice(colon + 1).trim()}`,
  };
}

function isFailureKind(value: string): value is LlmFailureKind {
  return (LlmFailureKinds as readonly string[]).includes(value);
}
