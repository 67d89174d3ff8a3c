// Divergence detection on top of the indicator pass (issue #5: it may add at most 30%), and the
// validator's cost per candidate (< 2 µs), over 1,000,000 generated 1h candles.
import { loadConfig } from '../../config/load.js';
import type { Candle } from '../../domain/candle.js';
import { IndicatorSet } from '../../market/indicators/indicator-set.js';
import { PivotTracker } from '../../market/pivots/pivot-tracker.js';
import { analyzerSettings } from '../../signals/analyzer-settings.js';
import { BarBuffer } from '../../signals/divergence/bar-buffer.js';
import { DivergenceDetector } from '../../signals/divergence/detector.js';
import { lookbackBars } from '../../signals/divergence/settings.js';
import { SeriesAnalyzer } from '../../signals/series-analyzer.js';
import type { RuleInputs } from '../../signals/validator/rule-inputs.js';
import { SAMPLE_RULE_INPUTS } from '../../signals/validator/sample-inputs.js';
import { validate } from '../../signals/validator/validate.js';
import { type BenchResult, type BenchSuite, measure, measureInterleaved, median } from '../harness.js';
import { randomWalkOhlcv } from '../random-walk.js';
import { N } from './baseline.js';

const VALIDATIONS = 1_000_000;

/** Per-round times of the interleaved cases (derive reads them for the ratios). */
let rounds: Map<string, number[]> = new Map();

export const detectionSuite: BenchSuite = {
  name: 'detection',
  // The three candle cases run round-robin, and the overheads are the median of the ratios taken
  // within each round: on a shared 2-core VM whole seconds run 1.5x slower at times, and medians
  // of separately timed cases moved the figure by tens of percent from one run to the next.
  async results() {
    const all = await this.cases();
    const paired = all.filter((c) => c.unit === 'candles');
    const { results, times } = measureInterleaved(paired, 11);
    rounds = new Map(paired.map((c, k) => [c.name, times[k]!]));
    return [...results, ...all.filter((c) => c.unit !== 'candles').map((c) => measure(c))];
  },
  cases() {
    const { open, high, low, close, volume } = randomWalkOhlcv(N, 7);
    const candles: Candle[] = Array.from({ length: N }, (_, i) => ({
      time: i * 3_600_000,
      open: open[i]!,
      high: high[i]!,
      low: low[i]!,
      close: close[i]!,
      volume: volume[i]!,
    }));
    const settings = analyzerSettings(loadConfig({}), '1h');
    const context = { symbol: undefined, timeframe: '1h' as const, isCrypto: true, roundTripCost: () => 0 };
    const inputs: RuleInputs = { ...SAMPLE_RULE_INPUTS, roundTripCost: 0.01 };
    return [
      {
        // The denominator: every indicator stepped by every candle, its values written to their
        // storage — the bar buffer's rings, as in the analyzer (IndicatorSet.updateInto) — and read
        // back (RSI summed).
        name: 'indicator_set_only',
        units: N,
        unit: 'candles',
        run: () => {
          const set = new IndicatorSet();
          const buffer = new BarBuffer(lookbackBars(settings.divergence));
          const rings = buffer.indicatorRings;
          const mask = buffer.indexMask;
          let s = 0;
          for (let i = 0; i < N; i++) {
            set.updateInto(candles[i]!, rings, i & mask);
            s += rings.rsi[i & mask]!;
          }
          return s;
        },
      },
      {
        // The indicator pass above plus what SeriesAnalyzer.onCandle does before evaluating: the
        // candle's prices into the same bar buffer, the pivot test on its rings, and every
        // divergence candidate with its targets (left in the detector's CandidateBatch, typed
        // arrays, as the analyzer reads them), before scoring and the rules.
        name: 'detection_only',
        units: N,
        unit: 'candles',
        run: () => {
          const d = settings.divergence;
          const set = new IndicatorSet();
          const buffer = new BarBuffer(lookbackBars(d));
          const pivots = new PivotTracker(d.left, d.right);
          const detector = new DivergenceDetector(d, buffer);
          const rings = buffer.rings;
          const mask = buffer.indexMask;
          let n = 0;
          for (let i = 0; i < N; i++) {
            buffer.appendStepped(candles[i]!, set);
            const k = pivots.updateAt(i, rings, mask);
            for (let j = 0; j < k; j++) n += detector.detect(pivots.isLowAt(j), i - d.right, i);
          }
          return n;
        },
      },
      {
        // Everything: SeriesAnalyzer.onCandle, every candidate an EvaluatedCandidate object, scored
        // and validated with all 15 verdicts (SPEC §7).
        name: 'series_analyzer',
        units: N,
        unit: 'candles',
        run: () => {
          const a = new SeriesAnalyzer(context, settings);
          let n = 0;
          for (let i = 0; i < N; i++) n += a.onCandle(candles[i]!).candidates.length;
          return n;
        },
      },
      {
        // The 15 rules alone on a fixed candidate, alternating two inputs.
        name: 'validator',
        units: VALIDATIONS,
        unit: 'candidates',
        run: () => {
          let fails = 0;
          const short = { ...inputs, swingBars: 3 };
          for (let i = 0; i < VALIDATIONS; i++) {
            const v = validate(i & 1 ? inputs : short, settings.validator);
            if (v[10]!.status === 'fail') fails++;
          }
          return fails;
        },
      },
    ];
  },
  derive(results: readonly BenchResult[]) {
    const get = (n: string) => results.find((r) => r.name === n)!;
    const indicators = get('indicator_set_only');
    const detection = get('detection_only');
    const analyzer = get('series_analyzer');
    const validator = get('validator');
    const pct = (x: number) => Math.round((x - 1) * 1000) / 10;
    // Median over rounds of (case time / indicator time in the same round).
    const overhead = (r: BenchResult) => {
      const base = rounds.get(indicators.name);
      const own = rounds.get(r.name);
      if (!base || !own) return pct(r.median_ms / indicators.median_ms);
      return pct(median(own.map((t, i) => t / base[i]!)));
    };
    return {
      method: 'median over 11 interleaved rounds of (case / indicator_set_only) in the same round',
      detection_overhead_pct: overhead(detection),
      detection_overhead_pct_of_minimums: pct(detection.min_ms / indicators.min_ms),
      analyzer_overhead_pct: overhead(analyzer),
      validator_us_per_candidate: Math.round((validator.median_ms * 1000 * 1000) / VALIDATIONS) / 1000,
    };
  },
};
