// One instrument's path through the pipeline (SPEC §1, §8), stepped once per closed 1h bar:
//   4h bars that closed by then (native, or resampled from 1h) → 4h analysis → setups;
//   the 1h close → setup invalidation and late triggers; 1h analysis → triggers.
// Pure: no clock, no I/O. The same object runs in backtests, the demo and live trading.
import type { Candle } from '../domain/candle.js';
import type { EvaluatedCandidate } from '../domain/divergence.js';
import type { IndicatorValues } from '../domain/indicator-values.js';
import { HOUR_MS } from '../domain/timeframe.js';
import type { SessionInstrument } from '../market/resample/bar-range.js';
import { Resampler4h } from '../market/resample/resample-4h.js';
import { type Bar4h, closeTimeOf } from '../market/resample/visibility.js';
import type { BarAnalysis, SeriesAnalyzer } from '../signals/series-analyzer.js';
import type { SetupBook, SetupState, Trigger } from '../signals/setup-book.js';
import type { Finalizer } from './review.js';

export interface StreamEvents {
  /** Every candidate of either timeframe, accepted or not (the journal). */
  onCandidate(c: EvaluatedCandidate): void;
  /** A signal that may now be traded (a trigger, or an accepted 1h/4h signal without MTF). */
  onTradable(signal: EvaluatedCandidate, at: number, trigger: Trigger | undefined): void;
  /** A setup was created, expired, invalidated or triggered (persisted by the journal). */
  onSetup?(setup: SetupState): void;
}

export interface SymbolStreamOptions {
  readonly symbol: string;
  readonly analyzer1h: SeriesAnalyzer;
  readonly analyzer4h: SeriesAnalyzer;
  readonly setups: SetupBook;
  /** SPEC §8; off: every accepted 1h signal is tradable and 4h signals are journaled only. */
  readonly multiTimeframe: boolean;
  /** Native 4h candles in time order (they win over resampling); else built from the 1h bars. */
  readonly native4h?: readonly Bar4h[];
  readonly instrument?: SessionInstrument;
  /** The LLM review of survivors (LLM_MODE=review); absent: rule 1 stays "skip". */
  readonly finalize?: Finalizer;
}

export class SymbolStream {
  private readonly resampler: Resampler4h | undefined;
  private native4hIndex = 0;
  private last1h = Number.NEGATIVE_INFINITY;
  private lastAtr = Number.NaN;

  constructor(
    private readonly o: SymbolStreamOptions,
    private events: StreamEvents = NO_EVENTS,
  ) {
    this.resampler = o.native4h
      ? undefined
      : new Resampler4h(o.instrument ? { instrument: o.instrument } : {});
  }

  /** Where candidates and tradable signals go (set by the trading loop that owns the stream). */
  setEvents(events: StreamEvents): void {
    this.events = events;
  }

  /** ATR of the last analysed 1h bar (NaN during warm-up), for the position monitor. */
  get atr1h(): number {
    return this.lastAtr;
  }

  /**
   * A closed 1h bar (`closeTime` = when it closed; time + 1h for a regular bar). Synchronous
   * unless a reviewer is set (LLM_MODE=review): a backtest steps millions of bars, and a promise
   * per bar and candidate was a good part of its time.
   */
  on1hBar(bar: Candle, closeTime: number = bar.time + HOUR_MS): Promise<void> | undefined {
    if (bar.time <= this.last1h) return undefined; // already analysed: only a new closed candle
    this.last1h = bar.time;
    const bars4h = this.closed4h(bar, closeTime);
    const reviewing = bars4h.length === 0 ? undefined : this.on4hBars(bars4h, 0);
    return reviewing ? reviewing.then(() => this.after4h(bar, closeTime)) : this.after4h(bar, closeTime);
  }

  private on4hBars(bars: readonly Bar4h[], from: number): Promise<void> | undefined {
    for (let i = from; i < bars.length; i++) {
      const pending = this.on4hBar(bars[i]!);
      if (pending) return pending.then(() => this.on4hBars(bars, i + 1));
    }
    return undefined;
  }

  private after4h(bar: Candle, closeTime: number): Promise<void> | undefined {
    const { invalidated, triggers } = this.o.setups.on1hClose(this.o.symbol, closeTime, bar.close);
    for (const s of invalidated) this.events.onSetup?.(s);
    for (const t of triggers) {
      this.events.onSetup?.(t.setup);
      this.events.onTradable(t.signal, closeTime, t);
    }
    const analysis = this.o.analyzer1h.onCandle(bar);
    // Not `analysis.values.atr`: the values object is filled (20 fields) on its first read.
    this.lastAtr = this.o.analyzer1h.lastAtr;
    if (analysis.candidates.length === 0) return undefined; // most bars: no closure for them
    return this.reviewed(this.o.analyzer1h, analysis, (c) => {
      this.events.onCandidate(c);
      if (!c.accepted) return;
      if (!this.o.multiTimeframe) {
        this.events.onTradable(c, closeTime, undefined);
        return;
      }
      const trigger = this.o.setups.on1hSignal(c, closeTime);
      if (!trigger) return;
      this.events.onSetup?.(trigger.setup);
      this.events.onTradable(c, closeTime, trigger);
    });
  }

  private on4hBar(bar: Bar4h): Promise<void> | undefined {
    const closeTime = closeTimeOf(bar);
    for (const s of this.o.setups.on4hClose(this.o.symbol, closeTime)) this.events.onSetup?.(s);
    const analysis = this.o.analyzer4h.onCandle(bar);
    if (analysis.candidates.length === 0) return undefined;
    return this.reviewed(this.o.analyzer4h, analysis, (c) => {
      this.events.onCandidate(c);
      if (!c.accepted || !this.o.multiTimeframe) return;
      // Visible to the 1h stream once the 4h confirm bar has closed: that is this bar.
      // Not inside `onSetup?.(…)`: an optional call would skip evaluating its argument.
      const setup = this.o.setups.addSetup(c, closeTime);
      this.events.onSetup?.(setup);
    });
  }

  /** Each candidate through the reviewer (if any), in order, then to `use`. */
  private reviewed(
    analyzer: SeriesAnalyzer,
    analysis: BarAnalysis,
    use: (c: EvaluatedCandidate) => void,
  ): Promise<void> | undefined {
    const candidates = analysis.candidates;
    if (!this.o.finalize) {
      for (const c of candidates) use(c);
      return undefined;
    }
    // Copied before the first await: the analysis object is the analyzer's, reused per bar.
    const values = { ...analysis.values };
    return (async () => {
      for (const raw of candidates) use(await this.review(analyzer, raw, values));
    })();
  }

  private review(
    analyzer: SeriesAnalyzer,
    c: EvaluatedCandidate,
    values: IndicatorValues,
  ): Promise<EvaluatedCandidate> | EvaluatedCandidate {
    if (!this.o.finalize) return c;
    return this.o.finalize(c, { values, ...analyzer.reviewExtras(c) });
  }

  // 4h bars visible at this 1h close: native ones closed by now, or what the resampler completed.
  private closed4h(bar: Candle, closeTime: number): readonly Bar4h[] {
    // Three bars in four close no 4h bar: no array for them.
    if (this.o.native4h) {
      const bars = this.o.native4h;
      if (this.native4hIndex >= bars.length || closeTimeOf(bars[this.native4hIndex]!) > closeTime)
        return NONE_4H;
      const out: Bar4h[] = [];
      while (this.native4hIndex < bars.length && closeTimeOf(bars[this.native4hIndex]!) <= closeTime) {
        out.push(bars[this.native4hIndex++]!);
      }
      return out;
    }
    const done = this.resampler!.update(bar);
    const flushed = this.resampler!.flush(closeTime);
    if (!done && !flushed) return NONE_4H;
    return done && flushed ? [done, flushed] : [(done ?? flushed)!];
  }
}

const NONE_4H: readonly Bar4h[] = Object.freeze([]);

const NO_EVENTS: StreamEvents = { onCandidate: () => {}, onTradable: () => {} };
