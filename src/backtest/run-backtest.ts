// The event-driven backtester (SPEC §1, §15): the demo's object graph — the same pipeline, risk
// book and execution engine — on a simulated clock over the SimulatedBroker, stepped hour by hour
// exactly as the demo's analysis job steps it. Nothing here decides a trade; it only drives time
// and collects what happened (in memory, turned into the report once at the end).

import { SimulatedClock } from '../clock/simulated-clock.js';
import type { Config } from '../config/schema.js';
import type { Candle } from '../domain/candle.js';
import { CandleColumns, type SeriesCandles } from '../domain/candle-columns.js';
import type { SymbolId } from '../domain/ids.js';
import { HOUR_MS, type Timeframe } from '../domain/timeframe.js';
import { MemoryExecutionJournal } from '../execution/execution-journal.js';
import type { ManagedPosition } from '../execution/managed-position.js';
import { Atr } from '../market/indicators/atr.js';
import { DEFAULT_INDICATOR_SETTINGS } from '../market/indicators/settings.js';
import type { Finalizer } from '../pipeline/review.js';
import type { RiskBookState } from '../risk/breaker-state.js';
import { resume } from '../risk/manual-control.js';
import { nextTradingDayStart } from '../risk/trading-day.js';
import { composeDemo } from '../run/demo/demo-runtime.js';
import { analyzerSettings } from '../signals/analyzer-settings.js';
import type { CounterfactualSettings } from './counterfactual.js';
import { MemorySignalJournal } from './memory-journal.js';
import { RejectionBook, type Rejections } from './rejections.js';

const timeOf = (c: SeriesCandles, i: number) => (c instanceof CandleColumns ? c.time[i]! : c[i]!.time);

/** The bars opening at or before `t` (a prefix: the series are sorted). */
function upTo(c: SeriesCandles, t: number): SeriesCandles {
  return c instanceof CandleColumns ? c.head(c.lowerBound(t + 1)) : c.filter((x) => x.time <= t);
}

export interface BacktestSeries {
  readonly symbol: SymbolId;
  readonly timeframe: Timeframe;
  readonly candles: SeriesCandles;
}

/** A series read from a file: candles as objects. */
export interface FileSeries extends BacktestSeries {
  readonly candles: readonly Candle[];
}

export interface BacktestInput {
  readonly config: Config;
  /** 1h series (required per instrument) and optional native 4h series. */
  readonly series: readonly BacktestSeries[];
  /** First 1h bar (open time) that may trade; earlier bars only warm up. Default: the first bar. */
  readonly from?: number | undefined;
  /** Last 1h bar (open time) processed; positions still open after it are `open_at_end`. */
  readonly to?: number | undefined;
  /** LLM review (`--llm replay`); none with LLM_MODE=off. */
  readonly finalize?: Finalizer | undefined;
  /** Keep every candidate object in the journal (the lookahead proof). */
  readonly keepCandidates?: boolean | undefined;
  /**
   * A book PAUSED by its loss streak waits for a person (SPEC §9). `next-day` plays that person:
   * it resumes at the next trading day's start (default); `never` leaves it paused. HALTED (the
   * drawdown kill switch) is never lifted in a backtest.
   */
  readonly resumePaused?: 'next-day' | 'never' | undefined;
  /** Called after each simulated hour with the hours done and the total. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

/**
 * The 1h ATR the position monitor sees at each bar's close: the analyzer's own indicator and
 * period over the same bars, computed up front so counterfactuals can run as candidates come.
 */
function atrOf(bars: CandleColumns, config: Config): Float64Array {
  const period = analyzerSettings(config, '1h').indicators?.atrPeriod ?? DEFAULT_INDICATOR_SETTINGS.atrPeriod;
  const atr = new Atr(period);
  const out = new Float64Array(bars.length);
  const bar = { high: 0, low: 0, close: 0 };
  for (let i = 0; i < bars.length; i++) {
    bar.high = bars.high[i]!;
    bar.low = bars.low[i]!;
    bar.close = bars.close[i]!;
    atr.update(bar);
    out[i] = atr.value;
  }
  return out;
}

export function counterfactualSettings(c: Config): CounterfactualSettings {
  return {
    ENTRY_MODE: c.ENTRY_MODE,
    LIMIT_ENTRY_BARS: c.LIMIT_ENTRY_BARS,
    TRAIL_ATR_MULTIPLE: c.TRAIL_ATR_MULTIPLE,
    TRAIL_ATR_MULTIPLE_TIGHT: c.TRAIL_ATR_MULTIPLE_TIGHT,
    MAX_HOLD_BARS: c.MAX_HOLD_BARS,
  };
}

/** Per instrument: its 1h bars and the 1h ATR the position monitor saw at each bar's close. */
export interface InstrumentTape {
  readonly symbol: SymbolId;
  readonly bars: CandleColumns;
  readonly atr: Float64Array;
}

export interface BacktestRun {
  readonly config: Config;
  /** Close time of the first bar that could trade, and of the last bar processed. */
  readonly start: number;
  readonly end: number;
  readonly positions: readonly ManagedPosition[];
  readonly journal: MemorySignalJournal;
  /** Per rule and gate, with the counterfactual outcomes (rejections.ts). */
  readonly rejections: Rejections;
  readonly tapes: ReadonlyMap<SymbolId, InstrumentTape>;
  /** Account equity (USD, the simulated account's currency) after each hour start..end. */
  readonly equity: Float64Array;
  /** Hours with at least one position open. */
  readonly exposedHours: number;
  readonly startingEquity: number;
  /** Every change of the trading state, in order. */
  readonly states: readonly StateChange[];
}

export interface StateChange {
  readonly time: number;
  readonly state: string;
  readonly reason: string | null;
}

export async function runBacktest(input: BacktestInput): Promise<BacktestRun> {
  const { config } = input;
  const hourly = input.series.filter((s) => s.timeframe === '1h' && s.candles.length > 0);
  if (hourly.length === 0) throw new RangeError('backtest: no 1h candles to replay');
  const firstBar = Math.min(...hourly.map((s) => timeOf(s.candles, 0)));
  const lastBar = Math.max(...hourly.map((s) => timeOf(s.candles, s.candles.length - 1)));
  const fromBar = Math.max(firstBar, input.from ?? firstBar);
  const toBar = Math.min(lastBar, input.to ?? lastBar);
  if (toBar < fromBar) throw new RangeError('backtest: --to is before --from (or outside the data)');
  // Bars after --to are never seen: the run ends there (no lookahead into the report window).
  // 1h series become columns once, shared by the venue and the tapes (4h ones stay as given).
  const series = input.series.map((s) => {
    const candles = upTo(s.candles, toBar);
    const columns = s.timeframe === '1h' && !(candles instanceof CandleColumns);
    return {
      symbol: s.symbol,
      timeframe: s.timeframe,
      candles: columns ? CandleColumns.fromCandles(candles) : candles,
      shiftWeeks: 0,
    };
  });
  const start = fromBar + HOUR_MS;
  const end = toBar + HOUR_MS;
  const clock = new SimulatedClock(firstBar);
  const tapes = new Map<SymbolId, InstrumentTape>();
  for (const s of series) {
    if (s.timeframe !== '1h') continue;
    const bars = s.candles instanceof CandleColumns ? s.candles : CandleColumns.fromCandles(s.candles);
    tapes.set(s.symbol, { symbol: s.symbol, bars, atr: atrOf(bars, config) });
  }
  const rejections = new RejectionBook(tapes, counterfactualSettings(config));
  const journal = new MemorySignalJournal({
    keepCandidates: input.keepCandidates === true,
    sink: rejections,
  });
  const states: StateChange[] = [];
  let lastState = 'ACTIVE';
  const onState = (b: RiskBookState) => {
    if (b.state === lastState) return;
    lastState = b.state;
    states.push({ time: b.since ?? b.updatedAt ?? clock.now(), state: b.state, reason: b.reason });
  };
  const { broker, engine, loop, risk } = composeDemo(
    config,
    { series, start: firstBar, end },
    clock,
    fromBar,
    {
      journal,
      execution: new MemoryExecutionJournal(),
      namespace: 'bt',
      onState,
      ...(input.finalize ? { finalize: input.finalize } : {}),
    },
  );
  // One slot per hour from start; a close between whole hours (stocks' bars at :30 in a book
  // whose first bar is at :00) is the state at the next whole hour, so it rounds up: as an index
  // of a typed array a fraction would be silently dropped (and a fractional length truncated).
  const hours = Math.ceil((end - start) / HOUR_MS) + 1;
  const slotOf = (closeTime: number) => Math.ceil((closeTime - start) / HOUR_MS);
  const resumeAuto = (input.resumePaused ?? 'next-day') === 'next-day';
  const equity = new Float64Array(hours).fill(Number.NaN);
  const exposure = new Uint8Array(hours);
  const bars1h = new Map<string, CandleColumns>([...tapes.values()].map((t) => [t.symbol, t.bars]));
  const none = new CandleColumns(0);
  await loop.runBulk({
    bars: (symbol) => bars1h.get(symbol) ?? none,
    advanceClock: (t) => clock.jumpTo(t),
    // PAUSED waits for its resume and REDUCING for the next trading day, so their hours all
    // count; HALTED is never lifted in a backtest, so with nothing open it is as quiet as ACTIVE.
    quiet: () =>
      engine.quiet() && (risk.tradingState.state === 'ACTIVE' || risk.tradingState.state === 'HALTED'),
    afterBar: async (closeTime) => {
      if (resumeAuto) await resumeIfDue(closeTime);
      const h = slotOf(closeTime);
      equity[h] = (await broker.fetchBalance()).equity;
      exposure[h] = engine.active().some((p) => p.status === 'open') ? 1 : 0;
    },
    progress: (f) => input.onProgress?.(Math.round(f * hours), hours),
  });
  // Hours the loop skipped (nothing open: the equity stood still) and hours without a bar
  // anywhere (weekends of a weekday-only book) changed nothing.
  let exposed = 0;
  for (let h = 0; h < hours; h++) {
    if (Number.isNaN(equity[h]!)) {
      equity[h] = h > 0 ? equity[h - 1]! : config.STARTING_EQUITY;
      exposure[h] = h > 0 ? exposure[h - 1]! : 0;
    }
    exposed += exposure[h]!;
  }
  return {
    config,
    states,
    start,
    end,
    positions: engine.all(),
    journal,
    rejections: rejections.result(),
    tapes,
    equity,
    exposedHours: exposed,
    startingEquity: config.STARTING_EQUITY,
  };

  async function resumeIfDue(t: number): Promise<void> {
    const b = risk.tradingState;
    if (b.state !== 'PAUSED' || b.since === null) return;
    if (t < nextTradingDayStart(b.since, config.TRADING_DAY_START)) return;
    await risk.setState(
      resume(b, 'backtest: resumed at the next trading day (--resume-paused next-day)', t).state,
    );
  }
}
