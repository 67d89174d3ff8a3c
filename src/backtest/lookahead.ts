// `divbot lookahead` (SPEC §15, issue #7): the proof that nothing known at a time depends on what
// came after it. The data is cut at many points — each trade's entry and exit ±1 bar, and seeded
// random points — and re-run twice per cut: with the history ending there, and with the future
// replaced by noise. Everything known at the cut must be the same as in the full run: indicator
// values and pivots of bars up to it, signals known by it, trade entries and exits that happened
// by it. Every difference is reported.
import type { Config } from '../config/schema.js';
import type { Candle } from '../domain/candle.js';
import type { EvaluatedCandidate } from '../domain/divergence.js';
import { IndicatorFields } from '../domain/indicator-values.js';
import { gaussian, mulberry32 } from '../domain/prng.js';
import { HOUR_MS, timeframeMs } from '../domain/timeframe.js';
import { computeIndicators } from '../market/indicators/compute-indicators.js';
import { findPivots } from '../market/pivots/pivot-tracker.js';
import { formatUtcTime } from '../market-data/csv-time.js';
import { analyzerSettings } from '../signals/analyzer-settings.js';
import { candidateJson } from '../signals/candidate-json.js';
import { type FileSeries, runBacktest } from './run-backtest.js';
import { type TradeRecord, tradeRecords } from './trades.js';

export type Variant = 'truncated' | 'noise';

export interface LookaheadChange {
  readonly cut: string;
  readonly variant: Variant;
  readonly kind: 'indicator' | 'pivot' | 'signal' | 'trade';
  readonly symbol: string;
  readonly timeframe: string | null;
  readonly what: string;
  readonly full: unknown;
  readonly cut_run: unknown;
}

export interface LookaheadResult {
  readonly ok: boolean;
  readonly cuts_total: number;
  readonly cuts_tested: string[];
  readonly checked: { indicators: number; pivots: number; signals: number; trade_events: number };
  readonly changes: LookaheadChange[];
}

export interface LookaheadOptions {
  readonly config: Config;
  readonly series: readonly FileSeries[];
  /** Seeded random cuts besides the trade ones. */
  readonly randomCuts?: number;
  /** At most this many cuts (spread evenly over the candidates). */
  readonly maxCuts?: number;
  readonly onCut?: (done: number, total: number) => void;
  /**
   * How the code under test sees the data, applied before every run and indicator pass; the
   * identity in the product. Tests plant a leak here to show the proof catches it.
   */
  readonly view?: (series: readonly FileSeries[]) => FileSeries[];
}

/** Enough to stop a long report; every cut is still checked. */
const MAX_CHANGES = 200;

export async function lookahead(o: LookaheadOptions): Promise<LookaheadResult> {
  const view = o.view ?? ((x: readonly FileSeries[]) => [...x]);
  const full = await signalsAndTrades(o.config, view(o.series));
  const hourly = o.series.filter((s) => s.timeframe === '1h');
  const first = Math.min(...hourly.map((s) => s.candles[0]!.time));
  const last = Math.max(...hourly.map((s) => s.candles.at(-1)!.time));
  const all = cutPoints(full.trades, first, last, o.randomCuts ?? 10);
  const cuts = spread(all, o.maxCuts ?? 40);
  const changes: LookaheadChange[] = [];
  const checked = { indicators: 0, pivots: 0, signals: 0, trade_events: 0 };
  const fullIndicators = view(o.series).map((s) => seriesFacts(o.config, s));
  for (const [i, cut] of cuts.entries()) {
    for (const variant of ['truncated', 'noise'] as const) {
      const raw = o.series.map((s) => (variant === 'truncated' ? truncate(s, cut) : noisy(s, cut, i)));
      const series = view(raw);
      const record = (c: Omit<LookaheadChange, 'cut' | 'variant'>) => {
        if (changes.length < MAX_CHANGES) changes.push({ cut: formatUtcTime(cut), variant, ...c });
      };
      compareSeries(o.config, fullIndicators, series, raw, cut, record, checked);
      const run = await signalsAndTrades(o.config, series);
      compareSignals(full.signals, run.signals, cut, record, checked);
      compareTrades(full.trades, run.trades, cut, record, checked);
    }
    o.onCut?.(i + 1, cuts.length);
  }
  return {
    ok: changes.length === 0,
    cuts_total: all.length,
    cuts_tested: cuts.map(formatUtcTime),
    checked,
    changes,
  };
}

async function signalsAndTrades(config: Config, series: readonly FileSeries[]) {
  const run = await runBacktest({ config, series, keepCandidates: true });
  // The trades only: the report's baselines and tables are not what is compared.
  return {
    signals: run.journal.candidates,
    trades: tradeRecords(run.positions, run.tapes, config.BASE_CURRENCY, run.end),
  };
}

/** Each trade's entry and exits ±1 bar, and seeded random bars; as 1h bar open times. */
function cutPoints(trades: readonly TradeRecord[], first: number, last: number, random: number): number[] {
  const set = new Set<number>();
  const add = (t: number) => {
    const bar = Math.floor(t / HOUR_MS) * HOUR_MS;
    for (const c of [bar - HOUR_MS, bar, bar + HOUR_MS]) if (c > first && c < last) set.add(c);
  };
  for (const t of trades) {
    add(t.entryMs);
    for (const e of t.exits) if (e.reason !== 'end') add(Date.parse(e.time));
  }
  const rand = mulberry32(0x100c);
  const hours = Math.floor((last - first) / HOUR_MS);
  for (let k = 0; k < random && hours > 2; k++)
    set.add(first + (1 + Math.floor(rand() * (hours - 1))) * HOUR_MS);
  return [...set].sort((a, b) => a - b);
}

/** `n` cuts spread evenly over the sorted list (all of them when it is short). */
function spread(cuts: readonly number[], n: number): number[] {
  if (cuts.length <= n) return [...cuts];
  return Array.from({ length: n }, (_, k) => cuts[Math.floor((k * (cuts.length - 1)) / Math.max(1, n - 1))]!);
}

/** What was known at the close of the 1h bar opening at `cut`: bars closed by then. */
function truncate(s: FileSeries, cut: number): FileSeries {
  const known = cut + HOUR_MS;
  return { ...s, candles: s.candles.filter((c) => c.time + timeframeMs[s.timeframe] <= known) };
}

/** The bars after the cut replaced by a random walk with the series' own volatility. */
function noisy(s: FileSeries, cut: number, salt: number): FileSeries {
  const kept = truncate(s, cut).candles;
  const rest = s.candles.length - kept.length;
  if (kept.length < 2 || rest === 0) return { ...s, candles: kept };
  let sq = 0;
  for (let i = 1; i < kept.length; i++) sq += Math.log(kept[i]!.close / kept[i - 1]!.close) ** 2;
  const vol = Math.sqrt(sq / (kept.length - 1)) || 1e-3;
  const rand = mulberry32(0xbad5eed ^ (salt * 7919) ^ (s.timeframe === '4h' ? 1 : 0));
  const out: Candle[] = [...kept];
  let close = kept.at(-1)!.close;
  for (let i = kept.length; i < s.candles.length; i++) {
    const real = s.candles[i]!;
    const open = close;
    close = open * Math.exp(vol * gaussian(rand));
    const wick = open * vol * Math.abs(gaussian(rand));
    out.push({
      ...real,
      open,
      high: Math.max(open, close) + wick,
      low: Math.max(Number.MIN_VALUE, Math.min(open, close) - wick),
      close,
      volume: real.volume === null ? null : real.volume * (0.5 + rand()),
    });
  }
  return { ...s, candles: out };
}

interface SeriesFacts {
  readonly symbol: string;
  readonly timeframe: string;
  readonly candles: readonly Candle[];
  readonly indicators: ReturnType<typeof computeIndicators>;
  readonly pivots: Map<string, string>;
}

function seriesFacts(config: Config, s: FileSeries): SeriesFacts {
  const settings = analyzerSettings(config, s.timeframe);
  const pivots = new Map<string, string>();
  for (const p of findPivots(s.candles, settings.divergence.left, settings.divergence.right)) {
    pivots.set(`${p.kind}@${p.index}`, `${p.price}@${p.confirmIndex}`);
  }
  return {
    symbol: s.symbol,
    timeframe: s.timeframe,
    candles: s.candles,
    indicators: computeIndicators(s.candles, settings.indicators ?? {}),
    pivots,
  };
}

type Record_ = (c: Omit<LookaheadChange, 'cut' | 'variant'>) => void;

function compareSeries(
  config: Config,
  full: readonly SeriesFacts[],
  series: readonly FileSeries[],
  raw: readonly FileSeries[],
  cut: number,
  record: Record_,
  checked: LookaheadResult['checked'],
): void {
  for (const [k, s] of series.entries()) {
    const f = full[k]!;
    const v = seriesFacts(config, s);
    const known = truncate(raw[k]!, cut).candles.length;
    for (let i = 0; i < known; i++) {
      for (const field of IndicatorFields) {
        checked.indicators++;
        const a = f.indicators.get(field, i);
        const b = v.indicators.get(field, i);
        if (!Object.is(a, b)) {
          record({
            kind: 'indicator',
            symbol: s.symbol,
            timeframe: s.timeframe,
            what: `${field} at ${formatUtcTime(s.candles[i]!.time)}`,
            full: a,
            cut_run: b,
          });
        }
      }
    }
    // Pivots confirmed by the cut: the same set on both sides.
    const confirmedBy = (m: Map<string, string>) =>
      [...m].filter(([, val]) => Number(val.split('@')[1]) < known).map(([key, val]) => `${key}=${val}`);
    const a = new Set(confirmedBy(f.pivots));
    const b = new Set(confirmedBy(v.pivots));
    checked.pivots += a.size;
    for (const x of a)
      if (!b.has(x))
        record({ kind: 'pivot', symbol: s.symbol, timeframe: s.timeframe, what: x, full: x, cut_run: null });
    for (const x of b)
      if (!a.has(x))
        record({ kind: 'pivot', symbol: s.symbol, timeframe: s.timeframe, what: x, full: null, cut_run: x });
  }
}

/** Known by the close of the cut bar: the confirm bar has closed. */
const knownBy = (c: EvaluatedCandidate, cut: number) =>
  c.knownAt.time + timeframeMs[c.timeframe ?? '1h'] <= cut + HOUR_MS;
const signalKey = (c: EvaluatedCandidate) =>
  `${c.symbol}|${c.timeframe}|${c.type}|${c.pivot1.time}|${c.pivot2.time}`;

function compareSignals(
  full: readonly EvaluatedCandidate[],
  run: readonly EvaluatedCandidate[],
  cut: number,
  record: Record_,
  checked: LookaheadResult['checked'],
): void {
  const index = (list: readonly EvaluatedCandidate[]) =>
    new Map(list.filter((c) => knownBy(c, cut)).map((c) => [signalKey(c), JSON.stringify(candidateJson(c))]));
  const a = index(full);
  const b = index(run);
  checked.signals += a.size;
  for (const [key, json] of a) {
    if (b.get(key) !== json) record(signalChange(key, json, b.get(key) ?? null));
  }
  for (const [key, json] of b) if (!a.has(key)) record(signalChange(key, null, json));
}

function signalChange(key: string, full: string | null, cutRun: string | null) {
  const [symbol, timeframe] = key.split('|');
  return {
    kind: 'signal' as const,
    symbol: symbol!,
    timeframe: timeframe ?? null,
    what: key,
    full: full === null ? null : JSON.parse(full),
    cut_run: cutRun === null ? null : JSON.parse(cutRun),
  };
}

/** Entries and exits that happened by the cut's close (`end` exits are the run's end, not events). */
function compareTrades(
  full: readonly TradeRecord[],
  run: readonly TradeRecord[],
  cut: number,
  record: Record_,
  checked: LookaheadResult['checked'],
): void {
  const events = (list: readonly TradeRecord[]) => {
    const m = new Map<string, string>();
    for (const t of list) {
      if (t.entryMs > cut) continue;
      m.set(`${t.id} entry`, JSON.stringify([t.entry_time, t.entry_price, t.qty, t.stop, t.tp1, t.tp2]));
      t.exits.forEach((e, k) => {
        if (e.reason !== 'end' && Date.parse(e.time) <= cut) m.set(`${t.id} exit ${k}`, JSON.stringify(e));
      });
    }
    return m;
  };
  const a = events(full);
  const b = events(run);
  checked.trade_events += a.size;
  const symbolOf = (key: string) => key.split('|')[0]!;
  for (const [key, v] of a) {
    if (b.get(key) !== v)
      record({
        kind: 'trade',
        symbol: symbolOf(key),
        timeframe: null,
        what: key,
        full: JSON.parse(v),
        cut_run: b.has(key) ? JSON.parse(b.get(key)!) : null,
      });
  }
  for (const [key, v] of b) {
    if (!a.has(key))
      record({
        kind: 'trade',
        symbol: symbolOf(key),
        timeframe: null,
        what: key,
        full: null,
        cut_run: JSON.parse(v),
      });
  }
}
