// One symbol/timeframe stream: indicators, pivots and divergence candidates stepped by closed
// candles, each candidate scored and validated at its confirm bar from known data only.
import type { Candle } from '../domain/candle.js';
import type { EvaluatedCandidate } from '../domain/divergence.js';
import { directionOf } from '../domain/divergence.js';
import type { SymbolId } from '../domain/ids.js';
import { type IndicatorValues, OscillatorFamily } from '../domain/indicator-values.js';
import type { Pivot } from '../domain/pivot.js';
import type { Timeframe } from '../domain/timeframe.js';
import { IndicatorSet } from '../market/indicators/indicator-set.js';
import { PivotTracker } from '../market/pivots/pivot-tracker.js';
import { type AnalyzerSettings, BANDWIDTH_MIN_VALUES, BANDWIDTH_WINDOW } from './analyzer-settings.js';
import { isReversalBar } from './candle-patterns.js';
import { BarBuffer } from './divergence/bar-buffer.js';
import { DivergenceDetector, type RawCandidate } from './divergence/detector.js';
import { lookbackBars } from './divergence/settings.js';
import { RollingPercentile } from './rolling-percentile.js';
import { scoreCandidate } from './score.js';
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
  private index = -1;

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
  }

  /** Bars analysed so far. */
  get length(): number {
    return this.index + 1;
  }

  onCandle(candle: Candle): BarAnalysis {
    const index = ++this.index;
    const values = this.indicators.update(candle);
    this.buffer.append(candle, values);
    this.bandwidths.push(values.bb_bandwidth);
    const n = this.pivots.updateCandle(index, candle);
    if (n === 0) return { index, values, pivots: NO_PIVOTS, candidates: NO_CANDIDATES };
    const pivots: Pivot[] = [];
    let raw: RawCandidate[] = [];
    for (let k = 0; k < n; k++) {
      const p = this.pivots.pivotAt(k);
      pivots.push(p);
      raw = raw.concat(this.detector.onPivot(p));
    }
    // SPEC §4 order within the confirm bar: by c1 (stable, so a high pivot's come first on ties).
    if (n > 1) raw.sort((a, b) => a.c1 - b.c1);
    return { index, values, pivots, candidates: raw.map((r) => this.evaluate(r)) };
  }

  private evaluate(r: RawCandidate): EvaluatedCandidate {
    const b = this.buffer;
    const direction = directionOf(r.type);
    const long = direction === 'long';
    const lows = long;
    const families = new Set(r.oscillators.map((o) => OscillatorFamily[o.name])).size;
    const rsi1 = this.detector.windowed('rsi', r.c1, lows);
    const rsi2 = this.detector.windowed('rsi', r.c2, lows);
    const volumeAtC2 = b.get('volume', r.c2);
    const volumeAtConfirm = b.get('volume', r.confirm);
    const ema200Slope = b.get('ema200', r.confirm) - b.get('ema200', r.confirm - SLOPE_BARS);
    const swingBars = r.c2 - r.c1;
    const score = scoreCandidate({
      type: r.type,
      confirmingFamilies: families,
      rsiConfirms: r.oscillators.some((o) => o.name === 'rsi'),
      rsiAtPivot1: rsi1,
      rsiAtPivot2: rsi2,
      swingBars,
      volumeKnown: !Number.isNaN(volumeAtC2),
      volumeAtPivot2: Number.isNaN(volumeAtC2) ? null : volumeAtC2,
      volumeSmaAtPivot2: b.get('volume_sma', r.c2),
      ema200Slope,
    }).score;
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
      candlePattern:
        isReversalBar(r.c2 > 0 ? b.candle(r.c2 - 1) : undefined, b.candle(r.c2), direction) ||
        (r.c2 + 1 <= r.confirm && isReversalBar(b.candle(r.c2), b.candle(r.c2 + 1), direction)),
    };
    const verdicts = validate(inputs, this.settings.validator);
    const scorePassed = score >= this.settings.minScore;
    const rejected = rejectedBy(scorePassed, verdicts);
    return {
      symbol: this.context.symbol,
      timeframe: this.context.timeframe,
      type: r.type,
      direction,
      oscillators: r.oscillators,
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

const NO_PIVOTS: readonly Pivot[] = Object.freeze([]);
const NO_CANDIDATES: readonly EvaluatedCandidate[] = Object.freeze([]);
