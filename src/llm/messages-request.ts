// The Messages API request for one review. No temperature/top_p/top_k: API 2026-10-21 (SDK 1.x)
// rejects them. The fixed part (tool definition, system prompt) comes first and carries
// cache_control, so it is cached; the per-candidate payload follows as the user turn.
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages/messages';
import { answerJsonSchema, REVIEW_TOOL_NAME } from './answer-schema.js';
import { capabilityOf, type ModelCapability } from './models.js';
import type { ReviewPayload } from './payload.js';
import { SYSTEM_PROMPT } from './system-prompt.js';

/** Room for adaptive thinking at low effort plus a 500-character answer. */
export const MAX_TOKENS = 4096;

const EPHEMERAL = { type: 'ephemeral' } as const;

export function buildMessagesRequest(
  model: string,
  payload: ReviewPayload,
  capability: ModelCapability = capabilityOf(model),
): MessageCreateParamsNonStreaming {
  const base = {
    model,
    max_tokens: MAX_TOKENS,
    system: [{ type: 'text' as const, text: SYSTEM_PROMPT, cache_control: EPHEMERAL }],
    messages: [{ role: 'user' as const, content: JSON.stringify(payload) }],
  };
  const effort = capability.effort === undefined ? {} : { effort: capability.effort };
  if (capability.mechanism === 'tool') {
    return {
      ...base,
      tools: [
        {
          name: REVIEW_TOOL_NAME,
          description: 'Submit your review of the divergence candidate.',
          input_schema: { ...answerJsonSchema, type: 'object' },
          strict: true,
          cache_control: EPHEMERAL,
        },
      ],
      tool_choice: { type: 'tool', name: REVIEW_TOOL_NAME, disable_parallel_tool_use: true },
      ...(capability.effort === undefined ? {} : { output_config: effort }),
    };
  }
  return {
    ...base,
    output_config: { ...effort, format: { type: 'json_schema', schema: { ...answerJsonSchema } } },
  };
}
