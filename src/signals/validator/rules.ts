// SPEC §7: the 15 rules as a table. Each returns its status with the value it measured and the
// threshold it compared against; an input that is not yet defined fails with value null.
import type { VerdictStatus } from '../../domain/verdict.js';
import { blendedRewardRisk, finite, rsiMargin, sideSign } from './measures.js';
import type { RuleInputs, ValidatorSettings } from './rule-inputs.js';

export interface RuleResult {
  readonly status: VerdictStatus;
  readonly value: number | string | boolean | null;
  readonly threshold: number | string | boolean | null;
}

export interface RuleDefinition {
  readonly rule: number;
  readonly name: string;
  /** The result is valid until the next rule runs: copy it (validate does). */
  evaluate(i: RuleInputs, s: ValidatorSettings): RuleResult;
}

// The helpers fill one shared result that `validate` copies into the verdict at once: a rule
// runs for every candidate, and a result object per rule per candidate was most of its garbage.
const scratch: { status: VerdictStatus; value: RuleResult['value']; threshold: RuleResult['threshold'] } = {
  status: 'skip',
  value: null,
  threshold: null,
};
const result = (
  status: VerdictStatus,
  value: RuleResult['value'],
  threshold: RuleResult['threshold'],
): RuleResult => {
  scratch.status = status;
  scratch.value = value;
  scratch.threshold = threshold;
  return scratch;
};
const pass = (value: RuleResult['value'], threshold: RuleResult['threshold']) =>
  result('pass', value, threshold);
const fail = (value: RuleResult['value'], threshold: RuleResult['threshold']) =>
  result('fail', value, threshold);
const skip = (threshold: RuleResult['threshold'] = null) => result('skip', null, threshold);
const check = (ok: boolean, value: number, threshold: RuleResult['threshold']) =>
  ok ? pass(value, threshold) : fail(value, threshold);
// Thresholds are inclusive in real arithmetic: a value computed from prices (entry ± 1R and 3R
// give a blended R of exactly 2) must not fail by one rounding unit. 1e-9 relative, as SPEC §3's
// indicator tolerance.
const EPS = 1e-9;
const geq = (value: number, min: number) => value >= min - EPS * Math.max(1, Math.abs(min));
const leq = (value: number, max: number) => value <= max + EPS * Math.max(1, Math.abs(max));
/** `value ≥ min`, failing with null when the value is not defined. */
const atLeast = (value: number, min: number): RuleResult =>
  finite(value) ? check(geq(value, min), value, min) : fail(null, min);

const REQUIRED = 'entry,stop,tp1,tp2,atr';

// Rule 6's threshold text, built once per settings object rather than per candidate.
const atrRanges = new WeakMap<ValidatorSettings, string>();
function atrRange(s: ValidatorSettings): string {
  let range = atrRanges.get(s);
  if (range === undefined) {
    range = `${s.MIN_ATR_MULTIPLE}..${s.MAX_ATR_MULTIPLE}`;
    atrRanges.set(s, range);
  }
  return range;
}

export const RULES: readonly RuleDefinition[] = [
  {
    rule: 0,
    name: 'direction',
    evaluate: (i) => (i.direction ? pass(i.direction, 'long|short') : fail(null, 'long|short')),
  },
  // Rule 1 is decided after the LLM review (see confidence.ts); this placeholder is replaced there.
  { rule: 1, name: 'confidence', evaluate: (_i, s) => skip(s.MIN_CONFIDENCE) },
  {
    rule: 2,
    name: 'required_fields',
    evaluate: (i) => {
      // The common case without the array and string the failure message needs.
      if (finite(i.entry) && finite(i.stop) && finite(i.tp1) && finite(i.tp2) && finite(i.atr))
        return pass(true, REQUIRED);
      const missing = (['entry', 'stop', 'tp1', 'tp2', 'atr'] as const).filter((k) => !finite(i[k]));
      return fail(missing.join(','), REQUIRED);
    },
  },
  {
    rule: 3,
    name: 'stop_side',
    evaluate: (i) => {
      if (!finite(i.entry) || !finite(i.stop))
        return fail(null, i.direction === 'short' ? 'above entry' : 'below entry');
      const distance = (i.entry - i.stop) * sideSign(i);
      return check(distance > 0, distance, 0);
    },
  },
  {
    rule: 4,
    name: 'risk_reward',
    evaluate: (i, s) => atLeast(blendedRewardRisk(i, s.TP1_CLOSE_PCT), s.MIN_RISK_REWARD),
  },
  {
    rule: 5,
    name: 'rsi_not_extreme',
    evaluate: (i, s) => {
      const short = i.direction === 'short';
      const threshold = short ? s.RSI_OVERSOLD : s.RSI_OVERBOUGHT;
      if (!finite(i.rsiAtConfirm)) return fail(null, threshold);
      return check(
        short ? i.rsiAtConfirm >= threshold : i.rsiAtConfirm <= threshold,
        i.rsiAtConfirm,
        threshold,
      );
    },
  },
  {
    rule: 6,
    name: 'stop_atr_range',
    evaluate: (i, s) => {
      const range = atrRange(s);
      const multiple = Math.abs(i.entry - i.stop) / i.atr;
      if (!finite(multiple) || !(i.atr > 0)) return fail(null, range);
      return check(geq(multiple, s.MIN_ATR_MULTIPLE) && leq(multiple, s.MAX_ATR_MULTIPLE), multiple, range);
    },
  },
  {
    rule: 7,
    name: 'adx_trend',
    evaluate: (i, s) => (i.isCrypto ? atLeast(i.adxAtConfirm, s.MIN_ADX) : skip(s.MIN_ADX)),
  },
  {
    rule: 8,
    name: 'not_ranging',
    evaluate: (i) => {
      if (!finite(i.bandwidthAtConfirm) || !finite(i.bandwidthThreshold)) {
        return fail(
          finite(i.bandwidthAtConfirm) ? i.bandwidthAtConfirm : null,
          finite(i.bandwidthThreshold) ? i.bandwidthThreshold : null,
        );
      }
      return check(i.bandwidthAtConfirm > i.bandwidthThreshold, i.bandwidthAtConfirm, i.bandwidthThreshold);
    },
  },
  {
    rule: 9,
    name: 'confirming_families',
    evaluate: (i, s) => atLeast(i.confirmingFamilies, s.MIN_CONFIRMING_INDICATORS),
  },
  {
    rule: 10,
    name: 'swing_length',
    evaluate: (i, s) =>
      atLeast(i.swingBars, i.timeframe === '4h' ? s.MIN_SWING_BARS_4H : s.MIN_SWING_BARS_1H),
  },
  {
    rule: 11,
    name: 'rsi_margin',
    evaluate: (i, s) =>
      atLeast(rsiMargin(i.type, i.rsiAtPivot1, i.rsiAtPivot2), s.MIN_DIVERGENCE_MAGNITUDE_RSI),
  },
  {
    rule: 12,
    name: 'volume_present',
    evaluate: (i, s) => {
      if (i.volumeAtConfirm === null) return skip(s.MIN_VOLUME_RATIO);
      if (!finite(i.volumeSmaAtConfirm)) return fail(null, s.MIN_VOLUME_RATIO);
      const ratio = i.volumeSmaAtConfirm > 0 ? i.volumeAtConfirm / i.volumeSmaAtConfirm : 0;
      return check(i.volumeAtConfirm > 0 && ratio >= s.MIN_VOLUME_RATIO, ratio, s.MIN_VOLUME_RATIO);
    },
  },
  {
    rule: 13,
    name: 'low_volume_gate',
    evaluate: (i, s) => {
      if (s.VOLUME_LOW_THRESHOLD === 0 || i.volumeAtPivot2 === null) return skip(s.VOLUME_LOW_THRESHOLD);
      if (!finite(i.volumeSmaAtPivot2)) return fail(null, s.VOLUME_LOW_THRESHOLD);
      const ratio = i.volumeSmaAtPivot2 > 0 ? i.volumeAtPivot2 / i.volumeSmaAtPivot2 : 0;
      return check(ratio >= s.VOLUME_LOW_THRESHOLD, ratio, s.VOLUME_LOW_THRESHOLD);
    },
  },
  {
    rule: 14,
    name: 'candle_pattern',
    evaluate: (i, s) =>
      s.REQUIRE_CANDLE_PATTERN ? (i.candlePattern ? pass(true, true) : fail(false, true)) : skip(false),
  },
];
