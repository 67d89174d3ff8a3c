// Data/indicators, divergence detection and the validator (SPEC §4, §5, §7, §8).

import { brokerSettingFields } from '../broker-overrides.js';
import { booleanField, integerField, numberField } from '../fields.js';
import { setting } from '../var-def.js';

const data = { group: 'data' } as const;
const divergence = { group: 'divergence' } as const;
const validator = { group: 'validator' } as const;
const bars = () => integerField({ min: 1 });
const indicatorLevel = () => numberField({ min: 0, max: 100 });

export const dataVars = {
  PIVOT_LEFT_1H: setting(bars(), 5, { ...data, meaning: 'Pivot left length on 1h, in bars' }),
  PIVOT_RIGHT_1H: setting(bars(), 5, {
    ...data,
    meaning: 'Pivot right length on 1h (a pivot is confirmed this many bars later)',
  }),
  PIVOT_LEFT_4H: setting(bars(), 5, { ...data, meaning: 'Pivot left length on 4h, in bars' }),
  PIVOT_RIGHT_4H: setting(bars(), 3, {
    ...data,
    meaning: 'Pivot right length on 4h (a setup is known 12 h after its swing)',
  }),
};

export const divergenceVars = {
  DIV_MIN_BARS: setting(bars(), 5, {
    ...divergence,
    meaning: 'Fewest bars between the two pivots of a divergence',
  }),
  DIV_MAX_BARS: setting(bars(), 60, {
    ...divergence,
    meaning: 'Most bars between the two pivots; also the TP2 look-back',
  }),
  DIV_MAX_PIVOTS: setting(bars(), 10, {
    ...divergence,
    meaning: 'Most recent earlier pivots paired with each new pivot',
  }),
  DIV_OSC_WINDOW: setting(integerField({ min: 0 }), 2, {
    ...divergence,
    meaning: 'Oscillator window w: O(c) is the min/max over bars c-w..c+w; at most PIVOT_RIGHT_*',
  }),
  DIV_HIDDEN: setting(booleanField(), true, { ...divergence, meaning: 'Detect hidden divergences too' }),
  DIV_LINE_OF_SIGHT: setting(booleanField(), false, {
    ...divergence,
    meaning: 'Require no oscillator value or close between the pivots to cross the lines joining them',
  }),
  DIV_MACD_SAME_SIDE: setting(booleanField(), false, {
    ...divergence,
    meaning: 'Require both macd_hist values on the same side of zero',
  }),
  STOP_ATR_BUFFER: setting(numberField({ min: 0 }), 0.5, {
    ...divergence,
    meaning: 'Stop distance beyond the pivot extreme, in ATR',
  }),
  TP1_MIN_R: setting(numberField({ gt: 0 }), 1.0, {
    ...divergence,
    meaning: 'TP1 at least this many R from the entry (else entry ± TP1_MIN_R × risk)',
  }),
  TP2_R: setting(numberField({ gt: 0 }), 3.0, {
    ...divergence,
    meaning: 'TP2 in R when the pre-c1 extreme does not lie beyond TP1',
  }),
  MIN_DIVERGENCE_SCORE: setting(numberField({ min: 0, max: 10 }), 5.0, {
    ...divergence,
    meaning: 'Candidates scoring below this (0-10) are rejected by "score"',
  }),
};

export const validatorVars = {
  MIN_CONFIDENCE: setting(brokerSettingFields.MIN_CONFIDENCE(), 0.7, {
    ...validator,
    meaning: 'Rule 1: least LLM confidence (0-1) in the LLM modes; per broker with _BINANCE/_OANDA/_IG',
  }),
  MIN_RISK_REWARD: setting(numberField({ gt: 0 }), 2.0, {
    ...validator,
    meaning: 'Rule 4: least blended reward/risk, costs included',
  }),
  RSI_OVERBOUGHT: setting(indicatorLevel(), 70, {
    ...validator,
    meaning: 'Rule 5: no long with RSI above this',
  }),
  RSI_OVERSOLD: setting(indicatorLevel(), 30, {
    ...validator,
    meaning: 'Rule 5: no short with RSI below this',
  }),
  MIN_ATR_MULTIPLE: setting(numberField({ min: 0 }), 0.5, {
    ...validator,
    meaning: 'Rule 6: least stop distance, in ATR',
  }),
  MAX_ATR_MULTIPLE: setting(numberField({ gt: 0 }), 7.0, {
    ...validator,
    meaning: 'Rule 6: most stop distance, in ATR',
  }),
  MIN_ADX: setting(indicatorLevel(), 20, {
    ...validator,
    meaning: 'Rule 7: least ADX at the confirm bar (crypto only)',
  }),
  BB_PERCENTILE: setting(indicatorLevel(), 20, {
    ...validator,
    meaning: 'Rule 8: Bollinger bandwidth must exceed this percentile of its last 250 values',
  }),
  MIN_CONFIRMING_INDICATORS: setting(integerField({ min: 1, max: 4 }), 2, {
    ...validator,
    meaning: 'Rule 9: least confirming oscillator families (of 4)',
  }),
  MIN_SWING_BARS_4H: setting(bars(), 10, {
    ...validator,
    meaning: 'Rule 10: least swing length c2 − c1 on 4h, in bars',
  }),
  MIN_SWING_BARS_1H: setting(bars(), 7, {
    ...validator,
    meaning: 'Rule 10: least swing length c2 − c1 on 1h, in bars',
  }),
  MIN_DIVERGENCE_MAGNITUDE_RSI: setting(indicatorLevel(), 3.0, {
    ...validator,
    meaning: 'Rule 11: least RSI margin of the divergence, in RSI points',
  }),
  MIN_VOLUME_RATIO: setting(numberField({ min: 0 }), 0.05, {
    ...validator,
    meaning: 'Rule 12: confirm-bar volume at least this × its SMA (skipped when volume is unknown)',
  }),
  VOLUME_LOW_THRESHOLD: setting(numberField({ min: 0 }), 0.0, {
    ...validator,
    meaning: 'Rule 13: c2 volume at least this × its SMA; 0 disables the rule',
  }),
  REQUIRE_CANDLE_PATTERN: setting(booleanField(), false, {
    ...validator,
    meaning: 'Rule 14: require a reversal candle pattern at c2 or the bar after',
  }),
  USE_MULTI_TF_CONFIRMATION: setting(booleanField(), true, {
    ...validator,
    meaning: 'Trade 1h signals only as triggers of a live 4h setup',
  }),
  SETUP_TTL_BARS: setting(bars(), 6, { ...validator, meaning: 'Setup lifetime, in trading 4h bars' }),
};
