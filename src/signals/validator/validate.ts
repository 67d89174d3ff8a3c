import type { RejectedBy } from '../../domain/divergence.js';
import type { Verdict } from '../../domain/verdict.js';
import type { RuleInputs, ValidatorSettings } from './rule-inputs.js';
import { RULES } from './rules.js';

/**
 * Runs every rule on the candidate (SPEC §7): the journal records all 15 verdicts whatever the
 * score. Rule 1 comes back as "skip" here; `decideConfidence` settles it after the LLM review.
 */
export function validate(inputs: RuleInputs, settings: ValidatorSettings): Verdict[] {
  const out = new Array<Verdict>(RULES.length);
  for (let k = 0; k < RULES.length; k++) {
    const rule = RULES[k]!;
    const r = rule.evaluate(inputs, settings);
    out[k] = { rule: rule.rule, name: rule.name, status: r.status, value: r.value, threshold: r.threshold };
  }
  return out;
}

/** The lowest-numbered failing rule, or null. */
export function firstFailure(verdicts: readonly Verdict[]): number | null {
  for (const v of verdicts) if (v.status === 'fail') return v.rule;
  return null;
}

/** Whether Claude may be asked: only about candidates that passed the score and every other rule. */
export function eligibleForReview(verdicts: readonly Verdict[], scorePassed: boolean): boolean {
  return scorePassed && firstFailure(verdicts) === null;
}

/**
 * Rule 1 after the review: skip with the LLM off or when Claude was not asked; otherwise the
 * confidence against MIN_CONFIDENCE (per broker).
 */
export function decideConfidence(
  verdicts: readonly Verdict[],
  confidence: number | null,
  minConfidence: number,
): Verdict[] {
  return verdicts.map((v) => {
    if (v.rule !== 1) return v;
    if (confidence === null) return { ...v, status: 'skip', value: null, threshold: minConfidence };
    return {
      ...v,
      status: confidence >= minConfidence ? 'pass' : 'fail',
      value: confidence,
      threshold: minConfidence,
    };
  });
}

/** SPEC §7's `rejected_by`: the score gate first, then the lowest failing rule, then the LLM. */
export function rejectedBy(
  scorePassed: boolean,
  verdicts: readonly Verdict[],
  llm: 'llm_veto' | 'llm_error' | null = null,
): RejectedBy {
  if (!scorePassed) return 'score';
  for (const v of verdicts) if (v.rule !== 1 && v.status === 'fail') return v.rule;
  if (llm) return llm;
  return firstFailure(verdicts);
}
