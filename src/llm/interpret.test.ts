import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerJsonSchema, checkAnswer, REVIEW_TOOL_NAME } from './answer-schema.js';
import { jsonTextReply, refusalReply, toolUseReply, truncatedReply } from './fake/replies.js';
import { interpretMessage, tokenUsageOf } from './interpret.js';
import { buildMessagesRequest } from './messages-request.js';
import { buildReviewPayload } from './payload.js';
import { sampleRequest } from './test-support.js';

const answer = {
  verdict: 'confirm',
  confidence: 0.74,
  reasoning: 'Two families confirm; stop clear of noise.',
};
const bodyOf = (reply: ReturnType<typeof toolUseReply>) => (reply.kind === 'json' ? reply.body : null);
const recorded = JSON.parse(
  readFileSync(new URL('../test-support/fixtures/anthropic/ToolRunner.json', import.meta.url), 'utf8'),
) as { response: Record<string, unknown> }[];

describe('answer schema', () => {
  it('is the one source of the tool input_schema and the output_config schema', () => {
    const payload = buildReviewPayload(sampleRequest());
    const tool = buildMessagesRequest('claude-haiku-4-5', payload);
    const json = buildMessagesRequest('claude-sonnet-5-5', payload);
    expect(tool.tools?.[0]).toMatchObject({ name: REVIEW_TOOL_NAME, input_schema: answerJsonSchema });
    expect(json.output_config?.format?.schema).toEqual(answerJsonSchema);
    expect(answerJsonSchema).toMatchObject({ required: ['verdict', 'confidence', 'reasoning'] });
  });

  it('re-checks the ranges the API cannot enforce', () => {
    expect(checkAnswer(answer)).toEqual({ ok: true, review: answer });
    expect(checkAnswer({ ...answer, confidence: 1.7 })).toMatchObject({ ok: false, failure: 'out_of_range' });
    expect(checkAnswer({ ...answer, confidence: -0.1 })).toMatchObject({
      ok: false,
      failure: 'out_of_range',
    });
    expect(checkAnswer({ ...answer, reasoning: 'x'.repeat(501) })).toMatchObject({ failure: 'out_of_range' });
    expect(checkAnswer({ ...answer, verdict: 'maybe' })).toMatchObject({ failure: 'malformed' });
    expect(checkAnswer({ verdict: 'veto' })).toMatchObject({ failure: 'malformed' });
    expect(checkAnswer('confirm')).toMatchObject({ failure: 'malformed' });
  });
});

describe('interpretMessage', () => {
  it('finds the answer block by type, after a thinking block', () => {
    const tool = bodyOf(toolUseReply(answer, { thinking: true }));
    const text = bodyOf(jsonTextReply(answer, { thinking: true }));
    expect((tool as { content: { type: string }[] }).content[0]?.type).toBe('thinking');
    expect(interpretMessage(tool, 'tool')).toEqual({ ok: true, review: answer });
    expect(interpretMessage(text, 'json_schema')).toEqual({ ok: true, review: answer });
  });

  it('names each way an answer can be unusable', () => {
    expect(interpretMessage(bodyOf(refusalReply()), 'json_schema')).toMatchObject({ failure: 'refusal' });
    expect(interpretMessage(bodyOf(truncatedReply('json_schema')), 'json_schema')).toMatchObject({
      failure: 'malformed',
      detail: expect.stringContaining('max_tokens'),
    });
    expect(interpretMessage(bodyOf(truncatedReply('tool')), 'tool')).toMatchObject({ failure: 'malformed' });
    expect(interpretMessage(bodyOf(toolUseReply(answer, { toolName: 'other' })), 'tool')).toMatchObject({
      failure: 'wrong_tool',
    });
    expect(interpretMessage(bodyOf(toolUseReply('{"verdict":"con')), 'tool')).toMatchObject({
      failure: 'malformed',
    });
    expect(interpretMessage(bodyOf(jsonTextReply(answer)), 'tool')).toMatchObject({ failure: 'malformed' });
    expect(interpretMessage(bodyOf(toolUseReply(answer)), 'json_schema')).toMatchObject({
      failure: 'wrong_tool',
    });
    expect(interpretMessage({ type: 'error' }, 'tool')).toMatchObject({ failure: 'malformed' });
  });

  it('reads a real recorded message: another tool is wrong_tool, the usage is counted', () => {
    const real = recorded[0]!.response;
    expect(interpretMessage(real, 'tool')).toMatchObject({ ok: false, failure: 'wrong_tool' });
    expect(tokenUsageOf(real)).toEqual({
      inputTokens: 415,
      outputTokens: 76,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
    });
  });
});
