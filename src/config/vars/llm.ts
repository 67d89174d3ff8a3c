import { enumField, httpUrlField, integerField, numberField, secretField, textField } from '../fields.js';
import { optionalSetting, setting } from '../var-def.js';

export const LLM_MODES = ['off', 'review', 'detect'] as const;
export const LLM_FAILURES = ['closed', 'algorithmic'] as const;

const llm = { group: 'llm' } as const;

export const llmVars = {
  LLM_MODE: setting(enumField(LLM_MODES), 'off', {
    ...llm,
    meaning: 'off, review (Claude reviews survivors; can only veto) or detect (Claude proposes, rules gate)',
  }),
  LLM_FAILURE: setting(enumField(LLM_FAILURES), 'closed', {
    ...llm,
    meaning: 'On an LLM failure: closed (do not trade) or algorithmic (trade on the rules alone)',
  }),
  ANTHROPIC_API_KEY: optionalSetting(secretField(), {
    ...llm,
    secret: true,
    meaning: 'Anthropic API key; needed when LLM_MODE is review or detect',
  }),
  ANTHROPIC_BASE_URL: setting(httpUrlField(), 'https://api.anthropic.com', {
    ...llm,
    urlMask: 'credentials',
    meaning: 'Anthropic API base URL (tests point it at a local fake)',
  }),
  LLM_MODEL: setting(textField(), 'claude-sonnet-5-5', { ...llm, meaning: 'Claude model id' }),
  LLM_MAX_RETRIES: setting(integerField({ min: 0, max: 10 }), 2, { ...llm, meaning: 'Retries per LLM call' }),
  LLM_MAX_CONCURRENCY: setting(integerField({ min: 1 }), 4, { ...llm, meaning: 'Most LLM calls in flight' }),
  LLM_TIMEOUT_MS: setting(integerField({ min: 1 }), 30_000, { ...llm, meaning: 'Timeout per LLM call, ms' }),
  LLM_DAILY_BUDGET_USD: setting(numberField({ min: 0 }), 5, {
    ...llm,
    meaning: 'LLM spend per day, USD; once spent, calls fail per LLM_FAILURE',
  }),
};
