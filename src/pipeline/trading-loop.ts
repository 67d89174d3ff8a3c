// The one pipeline (SPEC §1) for the demo, paper and live trading and the backtester: closed 1h
// bars in time order across instruments; for each bar time the venue state is synced, each
// instrument's bar analysed (1h and 4h, setups), its open positions managed on the closed bar,
// and the signals that became tradable sent through risk to execution. Time comes from the
// caller (the Clock), market access from the Broker.
import type { Broker } from '../domain/broker.js';
import type { Candle } from '../domain/candle.js';
import type { CandleColumns } from '../domain/candle-columns.js';
import type { EvaluatedCandidate } from '../domain/divergence.js';
import type { SignalId } from '../domain/ids.js';
import type { DenialCode, Signal } from '../domain/signal.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { type EntryTicketPlan, type ExecutionEngine, positionIdOf } from '../execution/execution-engine.js';
import type { Logger } from '../logging/logger.js';
import { bestCandidates, rankSignals } from '../risk/ranking.js';
import type { SetupState } from '../signals/setup-book.js';
import type { SymbolStream } from './symbol-stream.js';

/** The risk manager as the loop sees it: approve with ticket sizes, or deny with a code. */
export interface RiskGate {
  evaluate(
    signal: EvaluatedCandidate,
    at: number,
    setupId: string | undefined,
  ): Promise<{ ok: true; tickets: EntryTicketPlan[] } | { ok: false; code: DenialCode; detail: string }>;
  /** After fills and exits: breakers, daily counters. */
  onSynced?(at: number): Promise<void>;
}

/** Where every candidate and decision goes (the store, or memory in a backtest). */
export interface SignalJournal {
  candidate(c: EvaluatedCandidate): void;
  denied(c: EvaluatedCandidate, code: DenialCode, detail: string): void;
  traded(c: EvaluatedCandidate, positionId: string): void;
  setup?(s: SetupState): void;
  flush(): Promise<void>;
}

export interface InstrumentFeed {
  readonly symbol: string;
  readonly stream: SymbolStream;
}

export interface TradingLoopOptions {
  readonly broker: Broker;
  readonly engine: ExecutionEngine;
  readonly risk: RiskGate;
  readonly journal: SignalJournal;
  readonly feeds: readonly InstrumentFeed[];
  /** Bars before this time only warm the indicators up (history back-fill): nothing is traded. */
  readonly tradeFrom: number;
  /**
   * WEEKEND_POLICY for FX and CFDs before a weekend close (risk/weekend.ts): what to do with the
   * symbol's open positions at this bar's close; undefined or hold: nothing.
   */
  readonly weekend?: (symbol: string, at: number) => 'hold' | 'reduce' | 'flatten' | undefined;
  /**
   * Where a feed's first read starts (paper and live: the venue's history back-fill, far enough
   * for every indicator to be warm, SPEC §3); undefined: the venue's default.
   */
  readonly backfillFrom?: number;
  /** In simulation the venue moves bar by bar: the loop tells it to catch up before syncing. */
  readonly advanceVenue?: (until: number) => void;
  readonly logger?: Logger;
}

/**
 * A backtest has every bar up front, so it runs the pipeline in two passes (`runBulk`): first
 * each instrument's bars through its SymbolStream — the analysis is pure per instrument, needs
 * nothing of the book and was the bulk of a backtest's time — then the close times in order for
 * the venue, the monitor, risk and execution, skipping the hours where nothing is open, pending
 * or to be traded (the book cannot change there). Live trading and the demo step hour by hour.
 */
export interface BulkSimulation {
  /** The 1h bars of `symbol` to process, in time order (up to the run's end). */
  bars(symbol: string): CandleColumns;
  advanceClock(to: number): Promise<void>;
  /** True while nothing is open, pending or time-driven in the book: an hour there changes nothing. */
  quiet(): boolean;
  afterBar?(closeTime: number): Promise<void>;
  /** Fraction of the run done, 0..1. */
  progress?(done: number): void;
}

/** Time covered by one chunk of a bulk run (four weeks of hours). */
const BULK_CHUNK_MS = 28 * 24 * HOUR_MS;

/** A symbol's closed bar as the monitor reads it: its close and the 1h ATR after it. */
interface ClosedBar {
  readonly symbol: string;
  readonly close: number;
  readonly atr: number;
}

interface Tradable {
  readonly signal: EvaluatedCandidate;
  readonly at: number;
  readonly setupId: string | undefined;
}

export interface StepReport {
  readonly bars: number;
  readonly candidates: number;
  readonly tradable: number;
  readonly opened: number;
  readonly denied: number;
}

export class TradingLoop {
  private readonly last = new Map<string, number>();
  private tradable: Tradable[] = [];
  private candidates = 0;

  constructor(private readonly o: TradingLoopOptions) {
    for (const f of o.feeds) {
      f.stream.setEvents({
        onCandidate: (c) => {
          this.candidates++;
          // Back-filled history warms the indicators up; it is not a decision of this run.
          if (c.knownAt.time + HOUR_MS > o.tradeFrom) o.journal.candidate(c);
        },
        onTradable: (signal, at, trigger) => this.tradable.push({ signal, at, setupId: trigger?.setup.id }),
        onSetup: (setup) => {
          if (setup.visibleAt + HOUR_MS > o.tradeFrom) o.journal.setup?.(setup);
        },
      });
    }
  }

  /** Processes every 1h bar that has closed by `now` and not been processed yet. */
  async step(now: number): Promise<StepReport> {
    const pending: Array<{ feed: InstrumentFeed; bar: Candle }> = [];
    for (const feed of this.o.feeds) {
      const since = this.last.get(feed.symbol);
      const from = since === undefined ? this.o.backfillFrom : since + 1;
      let bars: readonly Candle[];
      try {
        bars = await this.o.broker.fetchCandles(feed.symbol as never, '1h', from);
      } catch (err) {
        // One venue down must not stop the others: this symbol catches up on a later cycle.
        this.o.logger?.warn({ err, symbol: feed.symbol }, 'candles unavailable: analysed on a later cycle');
        continue;
      }
      for (const bar of bars) if (since === undefined || bar.time > since) pending.push({ feed, bar });
    }
    pending.sort((a, b) => a.bar.time - b.bar.time || (a.feed.symbol < b.feed.symbol ? -1 : 1));
    const counts = { tradable: 0, opened: 0, denied: 0 };
    const before = this.candidates;
    for (let i = 0; i < pending.length; ) {
      const time = pending[i]!.bar.time;
      const closeTime = time + HOUR_MS;
      const live = closeTime > this.o.tradeFrom;
      // The monitor reads each symbol's bar and ATR after the analysis of that bar; the analysis
      // of one symbol touches nothing of another's (nor of the book), so the hour is analysed first.
      const closed: ClosedBar[] = [];
      for (; i < pending.length && pending[i]!.bar.time === time; i++) {
        const { feed, bar } = pending[i]!;
        this.last.set(feed.symbol, bar.time);
        await feed.stream.on1hBar(bar, closeTime);
        closed.push({ symbol: feed.symbol, close: bar.close, atr: feed.stream.atr1h });
      }
      const signals = this.tradable;
      this.tradable = [];
      if (live) await this.closeHour(closeTime, closed, signals, counts);
      else this.o.advanceVenue?.(closeTime);
    }
    this.o.advanceVenue?.(now);
    await this.o.journal.flush();
    return { bars: pending.length, candidates: this.candidates - before, ...counts };
  }

  /** The backtest's two passes (see BulkSimulation); the same streams, monitor, risk and trades. */
  async runBulk(sim: BulkSimulation): Promise<void> {
    const feeds = [...this.o.feeds].sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
    const tapes = feeds.map((f) => sim.bars(f.symbol));
    const n = feeds.length;
    // Per feed: the next bar to analyse, the next bar to act on, and the first bar of the chunk
    // (index 0 of its ATR buffer). The passes go a chunk of time at a time: one instrument's bars
    // stay together for the analysis, and what pass 2 needs of pass 1 stays small.
    const next = new Int32Array(n);
    const cursor = new Int32Array(n);
    const base = new Int32Array(n);
    const atr = feeds.map(() => new Float64Array(0));
    const total = tapes.reduce((sum, t) => sum + t.length, 0);
    let first = Number.POSITIVE_INFINITY;
    for (const t of tapes) if (t.length > 0) first = Math.min(first, t.time[0]!);
    const counts = { tradable: 0, opened: 0, denied: 0 };
    let done = 0;
    for (let end = first + BULK_CHUNK_MS; done < total; end += BULK_CHUNK_MS) {
      const byClose = new Map<number, Tradable[]>();
      for (let k = 0; k < n; k++) {
        const bars = tapes[k]!;
        const upTo = bars.lowerBound(end);
        base[k] = next[k]!;
        if (atr[k]!.length < upTo - base[k]!) atr[k] = new Float64Array(upTo - base[k]!);
        await this.analyse(feeds[k]!, bars, next[k]!, upTo, atr[k]!, byClose);
        done += upTo - next[k]!;
        next[k] = upTo;
      }
      await this.act(feeds, tapes, { cursor, next, base, atr }, byClose, sim, counts);
      sim.progress?.(total > 0 ? done / total : 1);
    }
    sim.progress?.(1);
    await this.o.journal.flush();
  }

  /** Pass 1 for one feed: bars from..to−1 through its stream; ATRs and tradable signals kept. */
  private async analyse(
    feed: InstrumentFeed,
    bars: CandleColumns,
    from: number,
    to: number,
    atr: Float64Array,
    byClose: Map<number, Tradable[]>,
  ): Promise<void> {
    const { stream } = feed;
    for (let i = from; i < to; i++) {
      const bar = bars.at(i);
      const closeTime = bar.time + HOUR_MS;
      const reviewing = stream.on1hBar(bar, closeTime);
      if (reviewing) await reviewing;
      atr[i - from] = stream.atr1h;
      if (this.tradable.length === 0) continue;
      if (closeTime > this.o.tradeFrom) {
        const at = byClose.get(closeTime);
        if (at) at.push(...this.tradable);
        else byClose.set(closeTime, this.tradable);
      }
      this.tradable = [];
    }
    if (to > from) this.last.set(feed.symbol, bars.time[to - 1]!);
  }

  /**
   * Pass 2 over the analysed bars, in time order (bar times differ between instruments: stocks
   * open at :30); an hour where the book is quiet and nothing became tradable is skipped — the
   * venue and the clock catch up at the next hour that acts.
   */
  private async act(
    feeds: readonly InstrumentFeed[],
    tapes: readonly CandleColumns[],
    at: { cursor: Int32Array; next: Int32Array; base: Int32Array; atr: Float64Array[] },
    byClose: ReadonlyMap<number, Tradable[]>,
    sim: BulkSimulation,
    counts: { tradable: number; opened: number; denied: number },
  ): Promise<void> {
    const { cursor, next, base, atr } = at;
    const group: number[] = [];
    for (;;) {
      let time = Number.POSITIVE_INFINITY;
      for (let k = 0; k < feeds.length; k++) {
        if (cursor[k]! < next[k]!) time = Math.min(time, tapes[k]!.time[cursor[k]!]!);
      }
      if (time === Number.POSITIVE_INFINITY) return;
      group.length = 0;
      for (let k = 0; k < feeds.length; k++) {
        if (cursor[k]! < next[k]! && tapes[k]!.time[cursor[k]!] === time) group.push(k);
      }
      const closeTime = time + HOUR_MS;
      const signals = byClose.get(closeTime);
      if (closeTime > this.o.tradeFrom && (signals !== undefined || !sim.quiet())) {
        await sim.advanceClock(closeTime);
        const closed = group.map((k) => {
          const i = cursor[k]!;
          return { symbol: feeds[k]!.symbol, close: tapes[k]!.close[i]!, atr: atr[k]![i - base[k]!]! };
        });
        await this.closeHour(closeTime, closed, signals ?? [], counts);
        await sim.afterBar?.(closeTime);
      }
      for (const k of group) cursor[k]!++;
    }
  }

  /**
   * One bar time after its bars were analysed: the venue moved to the close (bar by bar with the
   * loop, never ahead of it: when a step covers several hours, each bar's stops and targets are
   * resolved before the monitor decides on its close), the book synced, each symbol's position
   * monitor, then the tradable signals through risk to execution.
   */
  private async closeHour(
    closeTime: number,
    closed: readonly ClosedBar[],
    signals: Tradable[],
    counts: { tradable: number; opened: number; denied: number },
  ): Promise<void> {
    this.o.advanceVenue?.(closeTime);
    await this.o.engine.sync(closeTime);
    await this.o.risk.onSynced?.(closeTime);
    for (const b of closed) await this.monitor(b.symbol, b.close, b.atr, closeTime);
    await this.trade(signals, closeTime, counts);
  }

  /** The position monitor on a symbol's closed bar, then the weekend policy. */
  private async monitor(symbol: string, close: number, atr: number, closeTime: number): Promise<void> {
    await this.o.engine.onBarClose(symbol, close, atr, closeTime);
    // Asked only with something open: the session arithmetic is not free, per bar and symbol.
    const policy =
      this.o.weekend && this.o.engine.active(symbol).length > 0
        ? this.o.weekend(symbol, closeTime)
        : undefined;
    if (policy === 'flatten') await this.o.engine.closeSymbol(symbol, 'policy', closeTime);
    else if (policy === 'reduce') await this.o.engine.reduceSymbol(symbol, closeTime);
  }

  private async trade(
    signals: Tradable[],
    closeTime: number,
    counts: { tradable: number; opened: number; denied: number },
  ): Promise<void> {
    counts.tradable += signals.length;
    for (const s of rank(signals)) {
      const decision = await this.o.risk.evaluate(s.signal, closeTime, s.setupId);
      if (!decision.ok) {
        counts.denied++;
        this.o.journal.denied(s.signal, decision.code, decision.detail);
        continue;
      }
      const p = await this.o.engine.open(s.signal, decision.tickets, closeTime);
      this.o.journal.traded(s.signal, p.id);
      counts.opened++;
      this.o.logger?.info(
        {
          symbol: p.symbol,
          direction: p.direction,
          entry: s.signal.entry,
          stop: s.signal.stop,
          tp1: p.tp1,
          tp2: p.tp2,
        },
        `order: ${p.direction} ${p.symbol}`,
      );
    }
  }
}

// SPEC §9: among signals sharing symbol, timeframe, c2 and direction only the best trades; the
// rest compete by score, then by id — the risk module's rules, so the loop and risk agree.
function rank(signals: Tradable[]): Tradable[] {
  const winners = new Set(bestCandidates(signals.map((s) => s.signal)));
  const byId = new Map<string, Tradable>();
  const offered: Signal[] = [];
  for (const s of signals) {
    if (!winners.has(s.signal)) continue;
    const id = positionIdOf(s.signal);
    byId.set(id, s);
    offered.push({ id: id as SignalId, candidate: s.signal, tradableAt: s.at });
  }
  return rankSignals(offered).map((x) => byId.get(x.id)!);
}
