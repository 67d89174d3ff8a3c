// From a Messages API response to a review. The SDK does not validate responses, so the fields we
// rely on go through zod here (the edge). Content blocks are found by type: a thinking block first
// is normal. Then the answer goes through the one answer schema, ranges included.
import { z } from 'zod';
import { checkAnswer, REVIEW_TOOL_NAME } from './answer-schema.js';
import type { AnswerMechanism } from './models.js';
import type { TokenUsage } from './pricing.js';
import type { ReviewOutcome } from './reviewer.js';

const Block = z.looseObject({ type: z.string() });
const TextBlock = z.looseObject({ type: z.literal('text'), text: z.string() });
const ToolUseBlock = z.looseObject({ type: z.literal('tool_use'), name: z.string(), input: z.unknown() });

const UsageSchema = z.looseObject({
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
  cache_creation_input_tokens: z.number().int().nonnegative().nullish(),
  cache_read_input_tokens: z.number().int().nonnegative().nullish(),
  cache_creation: z
    .looseObject({ ephemeral_1h_input_tokens: z.number().int().nonnegative().nullish() })
    .nullish(),
});

export const ApiMessageSchema = z.looseObject({
  type: z.literal('message'),
  content: z.array(Block),
  stop_reason: z.string().nullish(),
  stop_details: z
    .looseObject({ category: z.string().nullish(), explanation: z.string().nullish() })
    .nullish(),
  usage: UsageSchema,
});
export type ApiMessage = z.infer<typeof ApiMessageSchema>;

const failure = (kind: 'malformed' | 'wrong_tool' | 'refusal', detail: string): ReviewOutcome => ({
  ok: false,
  failure: kind,
  detail,
});

export function interpretMessage(raw: unknown, mechanism: AnswerMechanism): ReviewOutcome {
  const parsed = ApiMessageSchema.safeParse(raw);
  if (!parsed.success) return failure('malformed', `not a Messages API message: ${parsed.error.message}`);
  const message = parsed.data;
  if (message.stop_reason === 'refusal') {
    const d = message.stop_details;
    return failure(
      'refusal',
      `refused (${d?.category ?? 'no category'}): ${d?.explanation ?? 'no explanation'}`,
    );
  }
  const texts = message.content.flatMap((b) => {
    const t = TextBlock.safeParse(b);
    return t.success ? [t.data.text] : [];
  });
  const tools = message.content.flatMap((b) => {
    const t = ToolUseBlock.safeParse(b);
    return t.success ? [t.data] : [];
  });
  const cut = message.stop_reason === 'max_tokens' ? ' (stop_reason max_tokens: cut short)' : '';

  let answer: unknown;
  if (mechanism === 'tool') {
    const ours = tools.find((t) => t.name === REVIEW_TOOL_NAME);
    if (ours === undefined) {
      if (tools.length > 0)
        return failure('wrong_tool', `tool_use for ${tools.map((t) => t.name).join(', ')}`);
      return failure('malformed', `no tool_use block (stop_reason ${message.stop_reason ?? 'null'})`);
    }
    // The API sends input as an object; a string would be raw (possibly truncated) JSON.
    if (typeof ours.input !== 'string') answer = ours.input;
    else {
      const json = parseJson(ours.input);
      if (!json.ok) return failure('malformed', `tool input is not JSON${cut}: ${json.error}`);
      answer = json.value;
    }
  } else {
    if (texts.length === 0) {
      if (tools.length > 0)
        return failure('wrong_tool', `tool_use for ${tools.map((t) => t.name).join(', ')}`);
      return failure('malformed', `no text block (stop_reason ${message.stop_reason ?? 'null'})`);
    }
    const json = parseJson(texts.join(''));
    if (!json.ok) return failure('malformed', `answer is not JSON${cut}: ${json.error}`);
    answer = json.value;
  }
  const checked = checkAnswer(answer);
  return checked.ok ? checked : { ok: false, failure: checked.failure, detail: checked.detail };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The mechanism a recorded request used: tools means forced tool_use. */
export function mechanismOfRequest(request: unknown): AnswerMechanism {
  const tools = (request as { tools?: unknown } | null)?.tools;
  return Array.isArray(tools) && tools.length > 0 ? 'tool' : 'json_schema';
}

/** Token counts of a response, zero where it carries none (an error, or not a message). */
export function tokenUsageOf(raw: unknown): TokenUsage {
  const usage = ApiMessageSchema.safeParse(raw).data?.usage;
  return {
    inputTokens: usage?.input_tokens ?? 0,
    outputTokens: usage?.output_tokens ?? 0,
    cacheReadTokens: usage?.cache_read_input_tokens ?? 0,
    cacheWriteTokens: usage?.cache_creation_input_tokens ?? 0,
    cacheWrite1hTokens: usage?.cache_creation?.ephemeral_1h_input_tokens ?? 0,
  };
}
