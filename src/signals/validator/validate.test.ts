import { describe, expect, it } from 'vitest';
import type { RuleInputs, ValidatorSettings } from './rule-inputs.js';
import { SAMPLE_RULE_INPUTS } from './sample-inputs.js';
import { decideConfidence, eligibleForReview, rejectedBy, validate } from './validate.js';

const SETTINGS: ValidatorSettings = {
  MIN_CONFIDENCE: 0.7,
  MIN_RISK_REWARD: 2.0,
  TP1_CLOSE_PCT: 0.5,
  RSI_OVERBOUGHT: 70,
  RSI_OVERSOLD: 30,
  MIN_ATR_MULTIPLE: 0.5,
  MAX_ATR_MULTIPLE: 7.0,
  MIN_ADX: 20,
  BB_PERCENTILE: 20,
  MIN_CONFIRMING_INDICATORS: 2,
  MIN_SWING_BARS_4H: 10,
  MIN_SWING_BARS_1H: 7,
  MIN_DIVERGENCE_MAGNITUDE_RSI: 3.0,
  MIN_VOLUME_RATIO: 0.05,
  VOLUME_LOW_THRESHOLD: 0,
  REQUIRE_CANDLE_PATTERN: false,
};

const BASE = SAMPLE_RULE_INPUTS;

const statusOf = (inputs: Partial<RuleInputs>, rule: number, settings: Partial<ValidatorSettings> = {}) =>
  validate({ ...BASE, ...inputs }, { ...SETTINGS, ...settings })[rule]!;

describe('validator', () => {
  it('returns all 15 verdicts in rule order, and the base case passes (rule 1 skipped)', () => {
    const v = validate(BASE, SETTINGS);
    expect(v.map((x) => x.rule)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(v.filter((x) => x.status === 'fail')).toEqual([]);
    expect(v[1]!.status).toBe('skip');
    expect(new Set(v.map((x) => x.name)).size).toBe(15);
  });

  // [rule, description, inputs, settings, expected status, expected value]
  const cases: Array<[number, string, Partial<RuleInputs>, Partial<ValidatorSettings>, string, unknown]> = [
    [0, 'no direction', { direction: undefined }, {}, 'fail', null],
    [0, 'short', { direction: 'short', type: 'regular_bearish' }, {}, 'pass', 'short'],
    [2, 'NaN stop', { stop: Number.NaN }, {}, 'fail', 'stop'],
    [2, 'infinite tp2 and atr', { tp2: Number.POSITIVE_INFINITY, atr: Number.NaN }, {}, 'fail', 'tp2,atr'],
    [3, 'stop equal to entry', { stop: 100 }, {}, 'fail', 0],
    [3, 'stop above a long entry', { stop: 101 }, {}, 'fail', -1],
    [
      3,
      'short with stop above',
      { direction: 'short', type: 'regular_bearish', stop: 102, tp1: 96, tp2: 94 },
      {},
      'pass',
      2,
    ],
    [4, 'exactly at the threshold (R 2.0)', { tp1: 103, tp2: 105 }, {}, 'pass', 2],
    [4, 'just below (R 1.99)', { tp1: 103, tp2: 104.96 }, {}, 'fail', 1.99],
    [4, 'costs count in the risk', { roundTripCost: 0.5 }, {}, 'pass', 2],
    [4, 'costs push it below', { roundTripCost: 0.6 }, {}, 'fail', 5 / 2.6],
    [
      4,
      'TP1 weight p = 1',
      { tp1: 104, tp2: 200 },
      { TP1_CLOSE_PCT: 0.99 },
      'pass',
      (0.99 * 4 + 0.01 * 100) / 2,
    ],
    [5, 'long at RSI 70 (the bound)', { rsiAtConfirm: 70 }, {}, 'pass', 70],
    [5, 'long above RSI 70', { rsiAtConfirm: 70.01 }, {}, 'fail', 70.01],
    [
      5,
      'short at RSI 30',
      { direction: 'short', type: 'regular_bearish', stop: 102, tp1: 96, tp2: 94, rsiAtConfirm: 30 },
      {},
      'pass',
      30,
    ],
    [
      5,
      'short below RSI 30',
      { direction: 'short', type: 'regular_bearish', stop: 102, tp1: 96, tp2: 94, rsiAtConfirm: 29.99 },
      {},
      'fail',
      29.99,
    ],
    [5, 'RSI undefined', { rsiAtConfirm: Number.NaN }, {}, 'fail', null],
    [6, 'stop at 0.5 ATR', { stop: 99.5, tp1: 101, tp2: 101.5 }, {}, 'pass', 0.5],
    [6, 'stop under 0.5 ATR', { stop: 99.51, tp1: 101, tp2: 102 }, {}, 'fail', 0.49],
    [6, 'stop at 7 ATR', { atr: 2 / 7 }, {}, 'pass', 7],
    [6, 'stop beyond 7 ATR', { atr: 0.28 }, {}, 'fail', 2 / 0.28],
    [6, 'ATR zero', { atr: 0 }, {}, 'fail', null],
    [7, 'ADX at 20', { adxAtConfirm: 20 }, {}, 'pass', 20],
    [7, 'ADX below 20', { adxAtConfirm: 19.99 }, {}, 'fail', 19.99],
    [7, 'ADX not defined yet', { adxAtConfirm: Number.NaN }, {}, 'fail', null],
    [7, 'not crypto: skip', { isCrypto: false, adxAtConfirm: 5 }, {}, 'skip', null],
    [8, 'bandwidth equal to the percentile', { bandwidthAtConfirm: 0.03 }, {}, 'fail', 0.03],
    [8, 'bandwidth just above', { bandwidthAtConfirm: 0.0300001 }, {}, 'pass', 0.0300001],
    [8, 'fewer than 50 values', { bandwidthThreshold: Number.NaN }, {}, 'fail', 0.05],
    [9, 'one family', { confirmingFamilies: 1 }, {}, 'fail', 1],
    [9, 'two families', { confirmingFamilies: 2 }, {}, 'pass', 2],
    [10, '1h: 7 bars', { swingBars: 7 }, {}, 'pass', 7],
    [10, '1h: 6 bars', { swingBars: 6 }, {}, 'fail', 6],
    [10, '4h: 9 bars', { swingBars: 9, timeframe: '4h' }, {}, 'fail', 9],
    [10, '4h: 10 bars', { swingBars: 10, timeframe: '4h' }, {}, 'pass', 10],
    [11, 'regular bullish margin 3', { rsiAtPivot1: 25, rsiAtPivot2: 28 }, {}, 'pass', 3],
    [11, 'regular bullish margin 2.99', { rsiAtPivot1: 25, rsiAtPivot2: 27.99 }, {}, 'fail', 2.99],
    [
      11,
      'hidden bullish uses RSI(c1) − RSI(c2)',
      { type: 'hidden_bullish', rsiAtPivot1: 40, rsiAtPivot2: 36 },
      {},
      'pass',
      4,
    ],
    [
      11,
      'regular bearish uses RSI(c1) − RSI(c2)',
      {
        type: 'regular_bearish',
        direction: 'short',
        stop: 102,
        tp1: 96,
        tp2: 94,
        rsiAtPivot1: 75,
        rsiAtPivot2: 73,
      },
      {},
      'fail',
      2,
    ],
    [
      11,
      'hidden bearish uses RSI(c2) − RSI(c1)',
      {
        type: 'hidden_bearish',
        direction: 'short',
        stop: 102,
        tp1: 96,
        tp2: 94,
        rsiAtPivot1: 60,
        rsiAtPivot2: 65,
      },
      {},
      'pass',
      5,
    ],
    [11, 'RSI not defined at c1', { rsiAtPivot1: Number.NaN }, {}, 'fail', null],
    [12, 'volume unknown: skip', { volumeAtConfirm: null }, {}, 'skip', null],
    [12, 'zero volume', { volumeAtConfirm: 0 }, {}, 'fail', 0],
    [12, 'ratio exactly 0.05', { volumeAtConfirm: 6 }, {}, 'pass', 0.05],
    [12, 'ratio below 0.05', { volumeAtConfirm: 5.99 }, {}, 'fail', 5.99 / 120],
    [12, 'volume SMA not defined yet', { volumeSmaAtConfirm: Number.NaN }, {}, 'fail', null],
    [13, 'threshold 0: disabled', { volumeAtPivot2: 1 }, { VOLUME_LOW_THRESHOLD: 0 }, 'skip', null],
    [13, 'at the threshold', { volumeAtPivot2: 60 }, { VOLUME_LOW_THRESHOLD: 0.5 }, 'pass', 0.5],
    [13, 'below the threshold', { volumeAtPivot2: 59.9 }, { VOLUME_LOW_THRESHOLD: 0.5 }, 'fail', 59.9 / 120],
    [13, 'volume unknown: skip', { volumeAtPivot2: null }, { VOLUME_LOW_THRESHOLD: 0.5 }, 'skip', null],
    [14, 'not required: skip', { candlePattern: false }, {}, 'skip', null],
    [14, 'required, present', { candlePattern: true }, { REQUIRE_CANDLE_PATTERN: true }, 'pass', true],
    [14, 'required, absent', { candlePattern: false }, { REQUIRE_CANDLE_PATTERN: true }, 'fail', false],
  ];

  it.each(cases)('rule %i: %s', (rule, _what, inputs, settings, status, value) => {
    const v = statusOf(inputs, rule, settings);
    expect(v.rule).toBe(rule);
    expect(v.status).toBe(status);
    if (typeof value === 'number') expect(v.value as number).toBeCloseTo(value, 9);
    else expect(v.value).toEqual(value);
  });

  it('runs every rule even when the first ones fail', () => {
    const v = validate({ ...BASE, direction: undefined, stop: Number.NaN, swingBars: 1 }, SETTINGS);
    expect(v).toHaveLength(15);
    expect(v.filter((x) => x.status === 'fail').map((x) => x.rule)).toEqual(
      expect.arrayContaining([0, 2, 10]),
    );
  });

  it('rejected_by: score first, then the lowest failing rule, then the LLM, then rule 1', () => {
    const ok = validate(BASE, SETTINGS);
    const bad = validate({ ...BASE, swingBars: 3, confirmingFamilies: 1 }, SETTINGS);
    expect(rejectedBy(false, ok)).toBe('score');
    expect(rejectedBy(false, bad)).toBe('score');
    expect(rejectedBy(true, bad)).toBe(9);
    expect(rejectedBy(true, ok)).toBeNull();
    expect(rejectedBy(true, ok, 'llm_veto')).toBe('llm_veto');
    expect(rejectedBy(true, ok, 'llm_error')).toBe('llm_error');
    const lowConfidence = decideConfidence(ok, 0.69, 0.7);
    expect(lowConfidence[1]).toMatchObject({ status: 'fail', value: 0.69, threshold: 0.7 });
    expect(rejectedBy(true, lowConfidence)).toBe(1);
    expect(decideConfidence(ok, 0.7, 0.7)[1]!.status).toBe('pass');
    expect(decideConfidence(ok, null, 0.7)[1]!.status).toBe('skip');
  });

  it('Claude is asked only about candidates that passed the score and every other rule', () => {
    expect(eligibleForReview(validate(BASE, SETTINGS), true)).toBe(true);
    expect(eligibleForReview(validate(BASE, SETTINGS), false)).toBe(false);
    expect(eligibleForReview(validate({ ...BASE, swingBars: 2 }, SETTINGS), true)).toBe(false);
  });
});
