import { describe, expect, it } from 'vitest';
import { capabilityOf } from './models.js';
import { costUsd, pricesOf } from './pricing.js';

const none = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  cacheWrite1hTokens: 0,
};

describe('model capabilities', () => {
  it('uses forced tool_use only where it is documented to work, JSON-schema output elsewhere', () => {
    expect(capabilityOf('claude-sonnet-5-5')).toMatchObject({ mechanism: 'json_schema', effort: 'low' });
    expect(capabilityOf('claude-opus-5-5')).toMatchObject({ mechanism: 'json_schema' });
    expect(capabilityOf('claude-fable-5-1')).toMatchObject({ mechanism: 'json_schema' });
    expect(capabilityOf('claude-haiku-4-5-20251001')).toMatchObject({ mechanism: 'tool' });
    expect(capabilityOf('claude-sonnet-4-6')).toMatchObject({ mechanism: 'tool' });
    expect(capabilityOf('claude-sonnet-4-6').effort).toBeUndefined();
    expect(capabilityOf('claude-opus-4-8')).toMatchObject({ mechanism: 'json_schema' });
    expect(capabilityOf('some-future-model')).toEqual({ prefix: '', mechanism: 'json_schema' });
  });
});

describe('cost', () => {
  it('prices input, output and cache reads/writes per million tokens, exactly', () => {
    const usage = {
      inputTokens: 1200,
      outputTokens: 150,
      cacheReadTokens: 900,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
    };
    // Sonnet 5.5: 1200 × 2 + 150 × 10 + 900 × 0.2 = 4080 µUSD.
    expect(costUsd('claude-sonnet-5-5', usage)).toBe('0.00408');
    // Haiku 4.5: 1000 × 1.25 (5m write) + 1000 × 2 (1h write) = 3250 µUSD.
    expect(costUsd('claude-haiku-4-5', { ...none, cacheWriteTokens: 2000, cacheWrite1hTokens: 1000 })).toBe(
      '0.00325',
    );
    expect(costUsd('claude-sonnet-5-5', none)).toBe('0');
  });

  it('prices the longest matching prefix, long Haiku 5.5 prompts higher, unknown models as the dearest', () => {
    expect(pricesOf('claude-sonnet-5-5').output).toBe(10);
    expect(pricesOf('claude-opus-5').input).toBe(5);
    expect(pricesOf('claude-opus-5-5').input).toBe(4);
    expect(pricesOf('claude-haiku-5-5', 100_001).input).toBe(0.5);
    expect(pricesOf('claude-haiku-5-5', 1000).input).toBe(0.1);
    expect(pricesOf('claude-unknown-9').output).toBe(50);
  });
});
