import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';
import { issuesOf } from './test-support/issues.js';

describe('cross-field checks', () => {
  it.each([
    [{ DIV_OSC_WINDOW: '4' }, 'DIV_OSC_WINDOW', 'must be <= PIVOT_RIGHT_4H (3), got 4'],
    [{ PIVOT_RIGHT_1H: '1' }, 'DIV_OSC_WINDOW', 'must be <= PIVOT_RIGHT_1H (1), got 2'],
    [{ DIV_MIN_BARS: '70' }, 'DIV_MIN_BARS', 'must be <= DIV_MAX_BARS (60), got 70'],
    [{ MIN_ATR_MULTIPLE: '8' }, 'MIN_ATR_MULTIPLE', 'must be <= MAX_ATR_MULTIPLE (7), got 8'],
    [{ RSI_OVERSOLD: '70' }, 'RSI_OVERSOLD', 'must be < RSI_OVERBOUGHT (70), got 70'],
    [
      { TRAIL_ATR_MULTIPLE_TIGHT: '2.5' },
      'TRAIL_ATR_MULTIPLE_TIGHT',
      'must be <= TRAIL_ATR_MULTIPLE (2), got 2.5',
    ],
    [{ TP2_R: '0.5' }, 'TP2_R', 'must be >= TP1_MIN_R (1), got 0.5'],
  ])('%j', (env, variable, message) => {
    const issue = issuesOf(env).find((i) => i.variable === variable);
    expect(issue?.message.startsWith(message), issue?.message).toBe(true);
  });

  it('each violated pair is its own issue', () => {
    const issues = issuesOf({
      DIV_OSC_WINDOW: '6',
      DIV_MIN_BARS: '70',
      RSI_OVERSOLD: '90',
      MIN_ATR_MULTIPLE: '9',
    });
    expect(issues.map((i) => i.variable)).toEqual([
      'DIV_OSC_WINDOW',
      'DIV_OSC_WINDOW',
      'DIV_MIN_BARS',
      'MIN_ATR_MULTIPLE',
      'RSI_OVERSOLD',
    ]);
  });

  it('skips a check whose input is already reported bad, so nothing is said twice', () => {
    const issues = issuesOf({ DIV_MAX_BARS: 'abc', DIV_MIN_BARS: '70' });
    expect(issues).toEqual([{ variable: 'DIV_MAX_BARS', message: 'expected an integer, got "abc"' }]);
  });

  it('SYMBOLS must name registry instruments of the enabled brokers', () => {
    expect(issuesOf({ SYMBOLS: 'EUR_USD,EUR_USDD' })).toEqual([
      { variable: 'SYMBOLS', message: 'unknown symbol "EUR_USDD" (did you mean EUR_USD?)' },
    ]);
    expect(issuesOf({ BROKERS: 'oanda', SYMBOLS: 'NVDA' })).toEqual([
      { variable: 'SYMBOLS', message: 'NVDA trades on ig, which BROKERS does not enable' },
    ]);
    expect(loadConfig({ BROKERS: 'ig,oanda', SYMBOLS: 'NVDA,EUR_USD' }).SYMBOLS).toEqual(['NVDA', 'EUR_USD']);
    // A bad BROKERS is reported once, by its own field.
    expect(issuesOf({ BROKERS: 'nyse', SYMBOLS: 'NVDA' }).map((i) => i.variable)).toEqual(['BROKERS']);
  });

  it('accepts the boundaries', () => {
    expect(() =>
      loadConfig({
        DIV_OSC_WINDOW: '3',
        DIV_MIN_BARS: '60',
        MIN_ATR_MULTIPLE: '7',
        TRAIL_ATR_MULTIPLE_TIGHT: '2',
        TP2_R: '1',
      }),
    ).not.toThrow();
  });

  it('LLM_MODE review is fine with a key; off never needs one', () => {
    expect(loadConfig({ LLM_MODE: 'review', ANTHROPIC_API_KEY: 'sk-ant-FAKE-SECRET-123' }).LLM_MODE).toBe(
      'review',
    );
    expect(loadConfig({ LLM_MODE: 'off' }).ANTHROPIC_API_KEY).toBeUndefined();
  });
});
