import { describe, expect, it } from 'vitest';
import { applyReview, LlmFailureKinds, type ReviewOutcome } from './reviewer.js';

const reviewed = (verdict: 'confirm' | 'downgrade' | 'veto'): ReviewOutcome => ({
  ok: true,
  review: { verdict, confidence: 0.62, reasoning: 'r' },
});

describe('applyReview (SPEC §6, §7)', () => {
  it('a veto rejects; confirm and downgrade pass the confidence on to rule 1', () => {
    for (const llmFailure of ['closed', 'algorithmic'] as const) {
      expect(applyReview(reviewed('veto'), { llmFailure })).toEqual({
        rejectedBy: 'llm_veto',
        confidence: 0.62,
      });
      expect(applyReview(reviewed('confirm'), { llmFailure })).toEqual({
        rejectedBy: null,
        confidence: 0.62,
      });
      expect(applyReview(reviewed('downgrade'), { llmFailure })).toEqual({
        rejectedBy: null,
        confidence: 0.62,
      });
    }
  });

  it('a failure is not traded with LLM_FAILURE=closed; with algorithmic the rules alone decide', () => {
    for (const failure of LlmFailureKinds) {
      const outcome: ReviewOutcome = { ok: false, failure, detail: 'd' };
      expect(applyReview(outcome, { llmFailure: 'closed' })).toEqual({
        rejectedBy: 'llm_error',
        confidence: null,
      });
      const algorithmic = applyReview(outcome, { llmFailure: 'algorithmic' });
      if (failure === 'no_recorded_answer')
        expect(algorithmic, 'SPEC §6: a missing replay answer counts as a rejection').toEqual({
          rejectedBy: 'llm_error',
          confidence: null,
        });
      else expect(algorithmic).toEqual({ rejectedBy: null, confidence: null });
    }
  });
});
