// Which structured-output transport each model gets, by model-name prefix (longest match wins).
// Forced tool_choice returns 400 on Opus 5.5, Sonnet 5.5 and Fable 5.1 (shared/specs/anthropic.md
// §0.2), so only the models it is documented to work on (Haiku 4.5, Sonnet 4.5/4.6, without
// thinking) use it; everything else, unknown models included, uses output_config.format, which
// works on current models. `effort: low` keeps adaptive thinking short on the 5.x models (Sonnet
// 5.5 defaults to high); it is not sent to models it is not documented for.

export type AnswerMechanism = 'tool' | 'json_schema';

export interface ModelCapability {
  readonly prefix: string;
  readonly mechanism: AnswerMechanism;
  readonly effort?: 'low';
}

export const MODEL_CAPABILITIES: readonly ModelCapability[] = [
  { prefix: 'claude-haiku-4-5', mechanism: 'tool' },
  { prefix: 'claude-sonnet-4-5', mechanism: 'tool' },
  { prefix: 'claude-sonnet-4-6', mechanism: 'tool' },
  { prefix: 'claude-opus-4-', mechanism: 'json_schema' },
  { prefix: 'claude-haiku-5', mechanism: 'json_schema', effort: 'low' },
  { prefix: 'claude-sonnet-5', mechanism: 'json_schema', effort: 'low' },
  { prefix: 'claude-opus-5', mechanism: 'json_schema', effort: 'low' },
  { prefix: 'claude-fable-5', mechanism: 'json_schema', effort: 'low' },
];

const FALLBACK: ModelCapability = { prefix: '', mechanism: 'json_schema' };

export function capabilityOf(model: string): ModelCapability {
  return longestPrefix(MODEL_CAPABILITIES, model) ?? FALLBACK;
}

/** The row whose prefix is the longest one `model` starts with. */
export function longestPrefix<T extends { readonly prefix: string }>(
  rows: readonly T[],
  model: string,
): T | undefined {
  let best: T | undefined;
  for (const row of rows)
    if (model.startsWith(row.prefix) && (best === undefined || row.prefix.length > best.prefix.length))
      best = row;
  return best;
}
