// The one schema of Claude's answer (SPEC §6). Both transports derive from it: the tool's
// input_schema and output_config.format's schema, via the SDK's zodOutputFormat (which moves
// minimum/maximum/maxLength into descriptions, since the API's constrained decoding cannot enforce
// them). So the ranges are hints to the model and are enforced here, after parsing.
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import { z } from 'zod';
import { type Review, ReviewVerdicts } from './reviewer.js';

export const REASONING_MAX_CHARS = 500;

export const ReviewAnswerSchema = z.object({
  verdict: z
    .enum(ReviewVerdicts)
    .describe('confirm: a sound setup; downgrade: tradeable but weaker; veto: do not trade'),
  confidence: z.number().min(0).max(1).describe('Probability-like confidence that the trade works, 0..1'),
  reasoning: z.string().max(REASONING_MAX_CHARS).describe('Why, in at most 500 characters'),
});

/** The tool the forced-tool_use transport asks for. */
export const REVIEW_TOOL_NAME = 'submit_review';

/** The JSON schema sent to the API, without the SDK helper's parse function (it must serialise). */
export const answerJsonSchema: Readonly<Record<string, unknown>> = Object.freeze(
  zodOutputFormat(ReviewAnswerSchema).schema,
);

export type AnswerCheck =
  | { readonly ok: true; readonly review: Review }
  | { readonly ok: false; readonly failure: 'malformed' | 'out_of_range'; readonly detail: string };

// Issues that mean "right shape, value outside its range" rather than "not the answer's shape".
const RANGE_CODES: ReadonlySet<string> = new Set(['too_big', 'too_small']);

/** Checks a parsed answer against the schema, ranges included. */
export function checkAnswer(value: unknown): AnswerCheck {
  const parsed = ReviewAnswerSchema.safeParse(value);
  if (parsed.success) return { ok: true, review: parsed.data };
  const issues = parsed.error.issues;
  const detail = issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  const rangeOnly = issues.every((i) => RANGE_CODES.has(i.code));
  return { ok: false, failure: rangeOnly ? 'out_of_range' : 'malformed', detail };
}
