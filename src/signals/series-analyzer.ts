// One symbol/timeframe stream: indicators, pivots and divergence candidates stepped by closed
// candles, each candidate scored and validated at its confirm bar from known data only.
import type { Candle } from '../domain/candle.js';
import type { EvaluatedCandidate } from '../domain/divergence.js';
import type { IndicatorValues } from '../domain/indicator-values.js';
import type { Pivot } from '../domain/pivot.js';
import { IndicatorSet } from '../market/indicators/indicator-set.js';
import { emptyIndicatorValues } from '../market/indicators/indicator-values.js';
import { PivotTracker } from '../market/pivots/pivot-tracker.js';
import { type AnalyzerSettings, BANDWIDTH_WINDOW } from './analyzer-settings.js';
import { CandidateEvaluator, type SeriesContext, SLOPE_BARS } from './candidate-evaluator.js';
import { BarBuffer } from './divergence/bar-buffer.js';
import { DivergenceDetector } from './divergence/detector.js';
import { lookbackBars } from './divergence/settings.js';
import { RollingPercentile } from './rolling-percentile.js';

export type { SeriesContext } from './candidate-evaluator.js';

/** One bar's results. The SAME object is returned by every onCandle call: read it, don't keep it. */
export interface BarAnalysis {
  readonly index: number;
  /** The shared values object of the indicator set: copy it to keep it. */
  readonly values: IndicatorValues;
  readonly pivots: readonly Pivot[];
  readonly candidates: readonly EvaluatedCandidate[];
}

export class SeriesAnalyzer {
  readonly indicators: IndicatorSet;
  private readonly pivots: PivotTracker;
  private readonly buffer: BarBuffer;
  private readonly detector: DivergenceDetector;
  private readonly bandwidths = new RollingPercentile(BANDWIDTH_WINDOW);
  private readonly bandwidthRing: Float64Array;
  private readonly atrRing: Float64Array;
  private index = -1;
  private readonly result: BarResult;
  private readonly evaluator: CandidateEvaluator;
  /** The pivot right length: a pivot confirmed at bar i is at i − right. */
  private readonly right: number;

  constructor(context: SeriesContext, settings: AnalyzerSettings) {
    const d = settings.divergence;
    if (d.window > d.right)
      throw new RangeError(`DIV_OSC_WINDOW ${d.window} exceeds the pivot right length ${d.right}`);
    this.indicators = new IndicatorSet(settings.indicators);
    this.pivots = new PivotTracker(d.left, d.right);
    this.buffer = new BarBuffer(Math.max(lookbackBars(d), SLOPE_BARS + 2));
    this.detector = new DivergenceDetector(d, this.buffer);
    this.bandwidthRing = this.buffer.ring('bb_bandwidth');
    this.atrRing = this.buffer.ring('atr');
    this.result = new BarResult(this.buffer);
    this.evaluator = new CandidateEvaluator(context, settings, this.buffer, this.bandwidths);
    this.right = d.right;
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

  /** ATR of the last bar analysed (NaN before one, and during warm-up), read from its ring. */
  get lastAtr(): number {
    return this.index < 0 ? Number.NaN : this.atrRing[this.index & this.buffer.indexMask]!;
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
    const c2 = index - this.right;
    for (let k = 0; k < n; k++) {
      pivots[k] = this.pivots.pivotAt(k);
      const count = this.detector.detect(this.pivots.isLowAt(k), c2, index);
      if (count === 0) continue;
      const batch = this.detector.batch;
      const evaluated = new Array<EvaluatedCandidate>(count);
      for (let j = 0; j < count; j++) evaluated[j] = this.evaluator.evaluate(batch, j);
      // SPEC §4 order within the confirm bar: by c1, a high pivot's first on ties.
      candidates = candidates.length === 0 ? evaluated : mergeByC1(candidates, evaluated);
    }
    out.pivots = pivots;
    out.candidates = candidates;
    return out;
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
