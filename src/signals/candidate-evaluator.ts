// A detected candidate scored (SPEC §5) and validated (SPEC §7) at its confirm bar, from the
// analyzer's bar buffer: the EvaluatedCandidate object the journal and the pipeline receive.
//
// It runs for every candidate, so it reads the buffer's rings directly (one range check, then
// `ring[i & mask]`) rather than through `BarBuffer.get(field, …)`, whose lookup by field name is a
// megamorphic keyed load when one call site serves a dozen fields.
import type { EvaluatedCandidate } from '../domain/divergence.js';
import type { SymbolId } from '../domain/ids.js';
import { OscillatorFamilyBit } from '../domain/indicator-values.js';
import type { Timeframe } from '../domain/timeframe.js';
import { type AnalyzerSettings, BANDWIDTH_MIN_VALUES } from './analyzer-settings.js';
import { reversalNear } from './candle-patterns.js';
import type { BarBuffer } from './divergence/bar-buffer.js';
import type { CandidateBatch } from './divergence/candidate-batch.js';
import { DIVERGENCE_OSCILLATORS } from './divergence/oscillators.js';
import type { RollingPercentile } from './rolling-percentile.js';
import { type ScoreInputs, scoreValue } from './score.js';
import type { RuleInputs } from './validator/rule-inputs.js';
import { rejectedBy, validate } from './validator/validate.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface SeriesContext {
  readonly symbol: SymbolId | undefined;
  readonly timeframe: Timeframe;
  /** Rule 7 applies to crypto only. */
  readonly isCrypto: boolean;
  /** Round-trip costs per unit at this entry (rule 4); `spread` is the bar's, NaN when unknown. */
  roundTripCost(entry: number, spread: number): number;
}

/** Bars the EMA200 slope spans (SPEC §5 trend context). */
export const SLOPE_BARS = 20;

/** OscillatorFamilyBit of each DIVERGENCE_OSCILLATORS entry, by index (the batch's confirming bits). */
const FAMILY_BIT = DIVERGENCE_OSCILLATORS.map((o) => OscillatorFamilyBit[o]);

function bitCount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}

export class CandidateEvaluator {
  private readonly mask: number;
  private readonly time: Float64Array;
  private readonly high: Float64Array;
  private readonly low: Float64Array;
  private readonly volume: Float64Array;
  private readonly spread: Float64Array;
  private readonly rsi: Float64Array;
  private readonly adx: Float64Array;
  private readonly ema200: Float64Array;
  private readonly bandwidth: Float64Array;
  private readonly volumeSma: Float64Array;
  // The score's and the rules' inputs, refilled per candidate: neither keeps them, and two
  // objects of ~20 fields per candidate were a good part of the analyzer's garbage.
  private readonly scoreInputs: Mutable<ScoreInputs>;
  private readonly ruleInputs: Mutable<RuleInputs>;

  constructor(
    private readonly context: SeriesContext,
    private readonly settings: AnalyzerSettings,
    private readonly buf: BarBuffer,
    private readonly bandwidths: RollingPercentile,
  ) {
    this.mask = buf.indexMask;
    this.time = buf.ring('time');
    this.high = buf.ring('high');
    this.low = buf.ring('low');
    this.volume = buf.ring('volume');
    this.spread = buf.ring('spread');
    this.rsi = buf.ring('rsi');
    this.adx = buf.ring('adx');
    this.ema200 = buf.ring('ema200');
    this.bandwidth = buf.ring('bb_bandwidth');
    this.volumeSma = buf.ring('volume_sma');
    this.scoreInputs = {
      type: 'regular_bullish',
      confirmingFamilies: 0,
      rsiConfirms: false,
      rsiAtPivot1: Number.NaN,
      rsiAtPivot2: Number.NaN,
      swingBars: 0,
      volumeKnown: false,
      volumeAtPivot2: null,
      volumeSmaAtPivot2: Number.NaN,
      ema200Slope: Number.NaN,
    };
    this.ruleInputs = {
      type: 'regular_bullish',
      direction: 'long',
      timeframe: context.timeframe,
      isCrypto: context.isCrypto,
      entry: Number.NaN,
      stop: Number.NaN,
      tp1: Number.NaN,
      tp2: Number.NaN,
      atr: Number.NaN,
      swingBars: 0,
      roundTripCost: Number.NaN,
      rsiAtConfirm: Number.NaN,
      rsiAtPivot1: Number.NaN,
      rsiAtPivot2: Number.NaN,
      adxAtConfirm: Number.NaN,
      bandwidthAtConfirm: Number.NaN,
      bandwidthThreshold: Number.NaN,
      confirmingFamilies: 0,
      volumeAtConfirm: null,
      volumeSmaAtConfirm: Number.NaN,
      volumeAtPivot2: null,
      volumeSmaAtPivot2: Number.NaN,
      candlePattern: false,
    };
  }

  /** Candidate k of the detector's batch, scored and validated. */
  evaluate(batch: CandidateBatch, k: number): EvaluatedCandidate {
    const b = this.buf;
    const mask = this.mask;
    const type = batch.type(k);
    const c1 = batch.c1(k);
    const c2 = batch.c2;
    const confirm = batch.confirm;
    const { entry, stop, atr } = batch;
    const tp1 = batch.tp1(k);
    const tp2 = batch.tp2(k);
    // The detector read c1..confirm; the slope's start may be before the series (then NaN).
    b.check(c1);
    b.check(confirm);
    const i1 = c1 & mask;
    const i2 = c2 & mask;
    const ic = confirm & mask;
    const slopeFrom = confirm - SLOPE_BARS;
    let emaBefore = Number.NaN;
    if (slopeFrom >= 0) {
      b.check(slopeFrom);
      emaBefore = this.ema200[slopeFrom & mask]!;
    }
    const long = batch.lows;
    const direction = long ? 'long' : 'short';
    const confirming = batch.confirming(k);
    let bits = 0;
    for (let j = 0; j < FAMILY_BIT.length; j++) if (confirming & (1 << j)) bits |= FAMILY_BIT[j]!;
    const families = bitCount(bits);
    const rsi1 = batch.osc1(k, 0);
    const rsi2 = batch.osc2(0);
    const volumeAtC2 = this.volume[i2]!;
    const volumeAtConfirm = this.volume[ic]!;
    const volumeSmaAtC2 = this.volumeSma[i2]!;
    const swingBars = c2 - c1;
    const sc = this.scoreInputs;
    sc.type = type;
    sc.confirmingFamilies = families;
    sc.rsiConfirms = (confirming & 1) !== 0; // RSI is oscillator 0
    sc.rsiAtPivot1 = rsi1;
    sc.rsiAtPivot2 = rsi2;
    sc.swingBars = swingBars;
    sc.volumeKnown = !Number.isNaN(volumeAtC2);
    sc.volumeAtPivot2 = Number.isNaN(volumeAtC2) ? null : volumeAtC2;
    sc.volumeSmaAtPivot2 = volumeSmaAtC2;
    sc.ema200Slope = this.ema200[ic]! - emaBefore;
    const score = scoreValue(sc);
    const validator = this.settings.validator;
    const inputs = this.ruleInputs;
    inputs.type = type;
    inputs.direction = direction;
    inputs.entry = entry;
    inputs.stop = stop;
    inputs.tp1 = tp1;
    inputs.tp2 = tp2;
    inputs.atr = atr;
    inputs.swingBars = swingBars;
    inputs.roundTripCost = this.context.roundTripCost(entry, this.spread[ic]!);
    inputs.rsiAtConfirm = this.rsi[ic]!;
    inputs.rsiAtPivot1 = rsi1;
    inputs.rsiAtPivot2 = rsi2;
    inputs.adxAtConfirm = this.adx[ic]!;
    inputs.bandwidthAtConfirm = this.bandwidth[ic]!;
    inputs.bandwidthThreshold = this.bandwidths.percentile(validator.BB_PERCENTILE, BANDWIDTH_MIN_VALUES);
    inputs.confirmingFamilies = families;
    inputs.volumeAtConfirm = Number.isNaN(volumeAtConfirm) ? null : volumeAtConfirm;
    inputs.volumeSmaAtConfirm = this.volumeSma[ic]!;
    inputs.volumeAtPivot2 = Number.isNaN(volumeAtC2) ? null : volumeAtC2;
    inputs.volumeSmaAtPivot2 = volumeSmaAtC2;
    // Rule 14 reads raw rings; only when the rule is on (it costs four bar objects).
    inputs.candlePattern =
      validator.REQUIRE_CANDLE_PATTERN &&
      reversalNear(
        { open: b.ring('open'), high: this.high, low: this.low, close: b.ring('close') },
        mask,
        c2,
        confirm,
        direction,
      );
    const verdicts = validate(inputs, validator);
    const rejected = rejectedBy(score >= this.settings.minScore, verdicts);
    return {
      symbol: this.context.symbol,
      timeframe: this.context.timeframe,
      type,
      direction,
      oscillators: batch.readings(k),
      pivot1: { index: c1, time: this.time[i1]!, price: long ? this.low[i1]! : this.high[i1]! },
      pivot2: { index: c2, time: this.time[i2]!, price: long ? this.low[i2]! : this.high[i2]! },
      knownAt: { index: confirm, time: this.time[ic]! },
      entry,
      stop,
      tp1,
      tp2,
      atr,
      score,
      confidence: null,
      verdicts,
      rejectedBy: rejected,
      accepted: rejected === null,
    };
  }
}
