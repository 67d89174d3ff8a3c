// Throughput of each incremental indicator alone and of the whole IndicatorSet over 1,000,000
// generated candles, with the plain batch RSI loop of the baseline suite measured in the same run;
// `derive` adds each case's ratio to it. Every case has its own loop, so each call site stays
// monomorphic (a shared helper would measure V8's megamorphic calls, not the indicator).
import type { Candle } from '../../domain/candle.js';
import {
  Atr,
  Bollinger,
  Cci,
  computeIndicators,
  DirectionalMovement,
  Ema,
  IndicatorHistory,
  IndicatorSet,
  Macd,
  Mfi,
  Rsi,
  Stochastic,
  VolumeSma,
  WilliamsR,
} from '../../market/indicators/index.js';
import type { BenchCase, BenchResult, BenchSuite } from '../harness.js';
import { randomWalkOhlcv } from '../random-walk.js';
import { N, plainRsi } from './baseline.js';

const BASELINE = 'baseline_plain_float64array_rsi14';

export const indicatorsSuite: BenchSuite = {
  name: 'indicators',
  cases() {
    const { open, high, low, close, volume } = randomWalkOhlcv(N);
    const out = new Float64Array(N);
    let history: IndicatorHistory | undefined;
    const candles: Candle[] = Array.from({ length: N }, (_, i) => ({
      time: i * 3_600_000,
      open: open[i]!,
      high: high[i]!,
      low: low[i]!,
      close: close[i]!,
      volume: volume[i]!,
    }));
    const benchCase = (name: string, loop: () => Float64Array): BenchCase => ({
      name,
      units: N,
      unit: 'candles',
      run: loop,
    });
    // Each indicator reads the same candle objects as IndicatorSet; each loop stores one output.
    return [
      benchCase(BASELINE, () => plainRsi(close)),
      benchCase('rsi14', () => {
        const x = new Rsi(14);
        for (let i = 0; i < N; i++) {
          x.update(candles[i]!);
          out[i] = x.value;
        }
        return out;
      }),
      benchCase('ema50', () => {
        const x = new Ema(50);
        for (let i = 0; i < N; i++) {
          x.update(candles[i]!);
          out[i] = x.value;
        }
        return out;
      }),
      benchCase('ema200', () => {
        const x = new Ema(200);
        for (let i = 0; i < N; i++) {
          x.update(candles[i]!);
          out[i] = x.value;
        }
        return out;
      }),
      benchCase('macd_12_26_9', () => {
        const x = new Macd(12, 26, 9);
        for (let i = 0; i < N; i++) {
          x.update(candles[i]!);
          out[i] = x.hist;
        }
        return out;
      }),
      benchCase('stochastic_14_3_3', () => {
        const x = new Stochastic(14, 3, 3);
        for (let i = 0; i < N; i++) {
          x.update(candles[i]!);
          out[i] = x.d;
        }
        return out;
      }),
      benchCase('mfi14', () => {
        const x = new Mfi(14);
        for (let i = 0; i < N; i++) {
          x.update(candles[i]!);
          out[i] = x.value;
        }
        return out;
      }),
      benchCase('cci20', () => {
        const x = new Cci(20);
        for (let i = 0; i < N; i++) {
          x.update(candles[i]!);
          out[i] = x.value;
        }
        return out;
      }),
      benchCase('williams_r14', () => {
        const x = new WilliamsR(14);
        for (let i = 0; i < N; i++) {
          x.update(candles[i]!);
          out[i] = x.value;
        }
        return out;
      }),
      benchCase('atr14', () => {
        const x = new Atr(14);
        for (let i = 0; i < N; i++) {
          x.update(candles[i]!);
          out[i] = x.value;
        }
        return out;
      }),
      benchCase('bollinger_20_2', () => {
        const x = new Bollinger(20, 2);
        for (let i = 0; i < N; i++) {
          x.update(candles[i]!);
          out[i] = x.bandwidth;
        }
        return out;
      }),
      benchCase('adx14', () => {
        const x = new DirectionalMovement(14);
        for (let i = 0; i < N; i++) {
          x.update(candles[i]!);
          out[i] = x.adx;
        }
        return out;
      }),
      benchCase('volume_sma20', () => {
        const x = new VolumeSma(20);
        for (let i = 0; i < N; i++) {
          x.update(candles[i]!);
          out[i] = x.value;
        }
        return out;
      }),
      benchCase('indicator_set', () => {
        const set = new IndicatorSet();
        for (let i = 0; i < N; i++) out[i] = set.update(candles[i]!).bb_bandwidth;
        return out;
      }),
      // Recording every bar into a history kept between runs (what a backtest loop does)...
      benchCase('indicator_set_into_history', () => {
        const set = new IndicatorSet();
        history ??= new IndicatorHistory(N);
        history.clear();
        for (let i = 0; i < N; i++) history.append(set.update(candles[i]!));
        return history.column('rsi');
      }),
      // ...and the batch helper, which also allocates (and first touches) 20 columns of N doubles.
      benchCase('compute_indicators_batch', () => computeIndicators(candles).column('rsi')),
    ];
  },
  derive(results: readonly BenchResult[]) {
    const baseline = results.find((r) => r.name === BASELINE)?.per_second ?? Number.NaN;
    const ratio: Record<string, number> = {};
    for (const r of results) ratio[r.name] = Math.round((r.per_second / baseline) * 1000) / 1000;
    return { ratio_to_baseline_plain_rsi: ratio };
  },
};
