// One symbol/timeframe stream: indicators, pivots and divergence candidates stepped by closed
// candles, each candidate scored and validated at its confirm bar from known data only.
import type { Candle } from '../domain/candle.js';
import type { EvaluatedCandidate } from '../domain/divergence.js';
import { directionOf } from '../domain/divergence.js';
import type { SymbolId } from '../domain/ids.js';
import { type IndicatorValues, OscillatorFamilyBit } from '../domain/indicator-values.js';
import type { Pivot } from '../domain/pivot.js';
import type { Timeframe } from '../domain/timeframe.js';
import { IndicatorSet } from '../market/indicators/indicator-set.js';
import { emptyIndicatorValues } from '../market/indicators/indicator-values.js';
import { PivotTracker } from '../market/pivots/pivot-tracker.js';
import { type AnalyzerSettings, BANDWIDTH_MIN_VALUES, BANDWIDTH_WINDOW } from './analyzer-settings.js';
import { reversalNear } from './candle-patterns.js';
import { BarBuffer } from './divergence/bar-buffer.js';
import type { CandidateBatch } from './divergence/candidate-batch.js';
import { DIVERGENCE_OSCILLATORS, DivergenceDetector } from './divergence/detector.js';
import { lookbackBars } from './divergence/settings.js';
import { RollingPercentile } from './rolling-percentile.js';
import { scoreValue } from './score.js';
import type { RuleInputs } from './validator/rule-inputs.js';
import { rejectedBy, validate } from './validator/validate.js';

export interface SeriesContext {
  readonly symbol: SymbolId | undefined;
  readonly timeframe: Timeframe;
  /** Rule 7 applies to crypto only. */
  readonly isCrypto: boolean;
  /** Round-trip costs per unit at this entry (rule 4); `spread` is the bar's, NaN when unknown. */
  roundTripCost(entry: number, spread: number): number;
}

/** Bars the EMA200 slope spans (SPEC §5 trend context). */
const SLOPE_BARS = 20;

/** One bar's results. The SAME object is returned by every onCandle call: read it, don't keep it. */
export interface BarAnalysis {
  readonly index: number;
  /** The shared values object of the indicator set: copy it to keep it. */
  readonly values: IndicatorValues;
  readonly pivots: readonly Pivot[];
  readonly candidates: readonly EvaluatedCandidate[];
}

/** OscillatorFamilyBit of each DIVERGENCE_OSCILLATORS entry, by index (the batch's confirming bits). */
const FAMILY_BIT = DIVERGENCE_OSCILLATORS.map((o) => OscillatorFamilyBit[o]);

function bitCount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}

export class SeriesAnalyzer {
  readonly indicators: IndicatorSet;
  private readonly pivots: PivotTracker;
  private readonly buffer: BarBuffer;
  private readonly detector: DivergenceDetector;
  private readonly bandwidths = new RollingPercentile(BANDWIDTH_WINDOW);
  private readonly bandwidthRing: Float64Array;
  private index = -1;
  private readonly result: BarResult;

  constructor(
    private readonly context: SeriesContext,
    private readonly settings: AnalyzerSettings,
  ) {
    const d = settings.divergence;
    if (d.window > d.right)
      throw new RangeError(`DIV_OSC_WINDOW ${d.window} exceeds the pivot right length ${d.right}`);
    this.indicators = new IndicatorSet(settings.indicators);
    this.pivots = new PivotTracker(d.left, d.right);
    this.buffer = new BarBuffer(Math.max(lookbackBars(d), SLOPE_BARS + 2));
    this.detector = new DivergenceDetector(d, this.buffer);
    this.bandwidthRing = this.buffer.ring('bb_bandwidth');
    this.result = new BarResult(this.buffer);
  }

  /** What the LLM payload adds about a candidate known at the last bar (SPEC §6). */
  reviewExtras(c: EvaluatedCandidate): { ema200TwentyBarsAgo: number | null; volumeRatio: number | null } {
    const b = this.buffer;
    const ema = b.get('ema200', c.knownAt.index - SLOPE_BARS);
    const vol = b.get('volume', c.pivot2.index);
    const sma = b.get('volume_sma', c.pivot2.index);
    return {
      ema200TwentyBarsAgo: Number.isFinite(ema) ? ema : null,
      volumeRatio: Number.isFinite(vol) && sma > 0 ? vol / sma : null,
    };
  }

  /** Bars analysed so far. */
  get length(): number {
    return this.index + 1;
  }

  onCandle(candle: Candle): BarAnalysis {
    const index = ++this.index;
    // The indicator set writes into the buffer's rings; `values` is read back only if asked for.
    this.buffer.appendStepped(candle, this.indicators);
    this.bandwidths.push(this.bandwidthRing[index & this.buffer.indexMask]!);
    const n = this.pivots.updateAt(index, this.buffer.rings, this.buffer.indexMask);
    const out = this.result;
    out.index = index;
    if (n === 0) {
      out.pivots = NO_PIVOTS;
      out.candidates = NO_CANDIDATES;
      return out;
    }
    const pivots = new Array<Pivot>(n);
    let candidates = NO_CANDIDATES;
    const c2 = index - this.settings.divergence.right;
    for (let k = 0; k < n; k++) {
      pivots[k] = this.pivots.pivotAt(k);
      const count = this.detector.detect(this.pivots.isLowAt(k), c2, index);
      if (count === 0) continue;
      const batch = this.detector.batch;
      const evaluated = new Array<EvaluatedCandidate>(count);
      for (let j = 0; j < count; j++) evaluated[j] = this.evaluate(batch, j);
      // SPEC §4 order within the confirm bar: by c1, a high pivot's first on ties.
      candidates = candidates.length === 0 ? evaluated : mergeByC1(candidates, evaluated);
    }
    out.pivots = pivots;
    out.candidates = candidates;
    return out;
  }

  /** Candidate k of the detector's batch, scored and validated. */
  private evaluate(batch: CandidateBatch, k: number): EvaluatedCandidate {
    const b = this.buffer;
    const r = {
      type: batch.type(k),
      c1: batch.c1(k),
      c2: batch.c2,
      confirm: batch.confirm,
      entry: batch.entry,
      stop: batch.stop,
      tp1: batch.tp1(k),
      tp2: batch.tp2(k),
      atr: batch.atr,
    };
    const direction = directionOf(r.type);
    const long = direction === 'long';
    const confirming = batch.confirming(k);
    let bits = 0;
    for (let j = 0; j < FAMILY_BIT.length; j++) if (confirming & (1 << j)) bits |= FAMILY_BIT[j]!;
    const families = bitCount(bits);
    const rsi1 = batch.osc1(k, 0);
    const rsi2 = batch.osc2(0);
    const volumeAtC2 = b.get('volume', r.c2);
    const volumeAtConfirm = b.get('volume', r.confirm);
    const ema200Slope = b.get('ema200', r.confirm) - b.get('ema200', r.confirm - SLOPE_BARS);
    const swingBars = r.c2 - r.c1;
    const score = scoreValue({
      type: r.type,
      confirmingFamilies: families,
      rsiConfirms: (confirming & 1) !== 0, // RSI is oscillator 0
      rsiAtPivot1: rsi1,
      rsiAtPivot2: rsi2,
      swingBars,
      volumeKnown: !Number.isNaN(volumeAtC2),
      volumeAtPivot2: Number.isNaN(volumeAtC2) ? null : volumeAtC2,
      volumeSmaAtPivot2: b.get('volume_sma', r.c2),
      ema200Slope,
    });
    const inputs: RuleInputs = {
      type: r.type,
      direction,
      timeframe: this.context.timeframe,
      isCrypto: this.context.isCrypto,
      entry: r.entry,
      stop: r.stop,
      tp1: r.tp1,
      tp2: r.tp2,
      atr: r.atr,
      swingBars,
      roundTripCost: this.context.roundTripCost(r.entry, b.get('spread', r.confirm)),
      rsiAtConfirm: b.get('rsi', r.confirm),
      rsiAtPivot1: rsi1,
      rsiAtPivot2: rsi2,
      adxAtConfirm: b.get('adx', r.confirm),
      bandwidthAtConfirm: b.get('bb_bandwidth', r.confirm),
      bandwidthThreshold: this.bandwidths.percentile(
        this.settings.validator.BB_PERCENTILE,
        BANDWIDTH_MIN_VALUES,
      ),
      confirmingFamilies: families,
      volumeAtConfirm: Number.isNaN(volumeAtConfirm) ? null : volumeAtConfirm,
      volumeSmaAtConfirm: b.get('volume_sma', r.confirm),
      volumeAtPivot2: Number.isNaN(volumeAtC2) ? null : volumeAtC2,
      volumeSmaAtPivot2: b.get('volume_sma', r.c2),
      // Rule 14 reads raw rings; only when the rule is on (it costs four bar objects).
      candlePattern:
        this.settings.validator.REQUIRE_CANDLE_PATTERN &&
        reversalNear(
          { open: b.ring('open'), high: b.ring('high'), low: b.ring('low'), close: b.ring('close') },
          b.indexMask,
          r.c2,
          r.confirm,
          direction,
        ),
    };
    const verdicts = validate(inputs, this.settings.validator);
    const scorePassed = score >= this.settings.minScore;
    const rejected = rejectedBy(scorePassed, verdicts);
    return {
      symbol: this.context.symbol,
      timeframe: this.context.timeframe,
      type: r.type,
      direction,
      oscillators: batch.readings(k),
      pivot1: {
        index: r.c1,
        time: b.get('time', r.c1),
        price: long ? b.get('low', r.c1) : b.get('high', r.c1),
      },
      pivot2: {
        index: r.c2,
        time: b.get('time', r.c2),
        price: long ? b.get('low', r.c2) : b.get('high', r.c2),
      },
      knownAt: { index: r.confirm, time: b.get('time', r.confirm) },
      entry: r.entry,
      stop: r.stop,
      tp1: r.tp1,
      tp2: r.tp2,
      atr: r.atr,
      score,
      confidence: null,
      verdicts,
      rejectedBy: rejected,
      accepted: rejected === null,
    };
  }
}

/** The one BarAnalysis of an analyzer; `values` is filled from the buffer at the first read of a bar. */
class BarResult implements BarAnalysis {
  index = -1;
  pivots: readonly Pivot[] = NO_PIVOTS;
  candidates: readonly EvaluatedCandidate[] = NO_CANDIDATES;
  private readonly shared = emptyIndicatorValues();
  private filledAt = -1;

  constructor(private readonly buffer: BarBuffer) {}

  get values(): IndicatorValues {
    if (this.filledAt !== this.index) {
      this.buffer.valuesAt(this.index, this.shared);
      this.filledAt = this.index;
    }
    return this.shared;
  }
}

/** `a` and `b` (each sorted by c1) merged by c1, `a`'s first on ties. */
function mergeByC1(a: readonly EvaluatedCandidate[], b: readonly EvaluatedCandidate[]): EvaluatedCandidate[] {
  const out = new Array<EvaluatedCandidate>(a.length + b.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < out.length; k++) {
    out[k] = j >= b.length || (i < a.length && a[i]!.pivot1.index <= b[j]!.pivot1.index) ? a[i++]! : b[j++]!;
  }
  return out;
}

const NO_PIVOTS: readonly Pivot[] = Object.freeze([]);
const NO_CANDIDATES: readonly EvaluatedCandidate[] = Object.freeze([]);
