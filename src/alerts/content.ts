// Alert texts (SPEC §13 "Alert content"): symbol, side, entry, stop, targets, quantity, risk in
// money and in percent of equity, blended R:R and score; rejections with the failing rules; the
// daily summary. Pure functions: the sources gather the numbers, these only write them down.
import type { StoredVerdict } from '../store/schema/signals.js';

export interface TradeFigures {
  readonly symbol: string;
  readonly timeframe: string | null;
  readonly direction: 'long' | 'short';
  readonly entry: number;
  readonly stop: number;
  readonly tp1: number | null;
  readonly tp2: number | null;
  readonly qty: number;
  /** Quote currency of the prices and of the risk in money. */
  readonly currency: string;
  readonly riskMoney: number;
  /** Percent of equity, when equity is known. */
  readonly riskPct: number | null;
  readonly rewardRisk: number | null;
  readonly score: number | null;
}

/** Significant digits enough for any instrument's tick, without float noise. */
export function price(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  return String(Number(x.toPrecision(8)));
}

const money = (x: number, currency: string) => `${x.toFixed(2)} ${currency}`;
const side = (d: 'long' | 'short') => (d === 'long' ? 'BUY' : 'SELL');
const tf = (t: string | null) => (t ? ` ${t}` : '');

function levels(f: TradeFigures): string[] {
  const risk = `${money(f.riskMoney, f.currency)}${f.riskPct === null ? '' : ` (${f.riskPct.toFixed(2)}%)`}`;
  return [
    `Entry ${price(f.entry)}  Stop ${price(f.stop)}`,
    `Targets TP1 ${price(f.tp1)}  TP2 ${price(f.tp2)}`,
    `Qty ${price(f.qty)}  Risk ${risk}`,
    `R:R ${f.rewardRisk === null ? '—' : f.rewardRisk.toFixed(2)}  Score ${f.score === null ? '—' : f.score.toFixed(1)}`,
  ];
}

export function signalAcceptedText(f: TradeFigures): string {
  return [`✅ Signal accepted: ${side(f.direction)} ${f.symbol}${tf(f.timeframe)}`, ...levels(f)].join('\n');
}

export interface RejectionFigures {
  readonly symbol: string;
  readonly timeframe: string;
  readonly direction: 'long' | 'short';
  readonly entry: number | null;
  readonly stop: number | null;
  readonly tp1: number | null;
  readonly tp2: number | null;
  readonly score: number;
  readonly verdicts: readonly StoredVerdict[];
  /** `score`, `llm_veto`, `llm_error`, a rule number, or null when the risk manager denied it. */
  readonly rejectedBy: string | null;
  readonly deniedBy: string | null;
}

/** The failing rules as `#4 risk_reward (1.6 < 2)`. */
export function failingRules(verdicts: readonly StoredVerdict[]): string[] {
  return verdicts
    .filter((v) => v.status === 'fail')
    .map((v) => `#${v.rule} ${v.name} (${show(v.value)} vs ${show(v.threshold)})`);
}

function show(x: unknown): string {
  if (typeof x === 'number') return price(x);
  if (x === null || x === undefined) return '—';
  return typeof x === 'string' ? x : JSON.stringify(x);
}

export function signalRejectedText(r: RejectionFigures): string {
  const why =
    r.deniedBy !== null
      ? `risk manager: ${r.deniedBy}`
      : r.rejectedBy === 'score' || r.rejectedBy === 'llm_veto' || r.rejectedBy === 'llm_error'
        ? r.rejectedBy
        : `rule ${r.rejectedBy}`;
  const rules = failingRules(r.verdicts);
  return [
    `❌ Signal rejected (${why}): ${side(r.direction)} ${r.symbol} ${r.timeframe}`,
    `Entry ${price(r.entry)}  Stop ${price(r.stop)}  TP1 ${price(r.tp1)}  TP2 ${price(r.tp2)}  Score ${r.score.toFixed(1)}`,
    `Failing rules: ${rules.length ? rules.join('; ') : 'none'}`,
  ].join('\n');
}

export interface FillFigures {
  readonly symbol: string;
  readonly broker: string;
  readonly side: 'buy' | 'sell';
  readonly qty: number;
  readonly price: number;
  readonly ticket: string | null;
  readonly stop: number | null;
  readonly target: number | null;
}

export function orderFilledText(f: FillFigures): string {
  const ticket = f.ticket ? ` ticket ${f.ticket}` : '';
  return [
    `🟢 Order filled: ${f.side.toUpperCase()} ${price(f.qty)} ${f.symbol} @ ${price(f.price)} (${f.broker}${ticket})`,
    `Stop ${price(f.stop)}  Target ${price(f.target)}`,
  ].join('\n');
}

export interface ExitFigures {
  readonly symbol: string;
  readonly direction: 'long' | 'short';
  readonly reason: string;
  readonly qty: number;
  readonly price: number;
  readonly entry: number;
  readonly currency: string;
  /** Realised on this exit (price difference × qty, before costs). */
  readonly pnl: number;
  /** In units of the initial risk. */
  readonly r: number | null;
}

const EXIT_TITLES: Record<string, string> = {
  tp1: '🎯 TP1 hit',
  tp2: '🎯 TP2 hit',
  stop: '🛑 SL hit',
  breakeven: '⚖️ Breakeven stop hit',
  trail: '📉 Trailing stop hit',
  time: '⌛ Time stop',
  manual: '✋ Closed by hand',
  policy: '📤 Closed by policy',
  end: '🏁 Closed at the end of data',
};

export function exitText(f: ExitFigures): string {
  const title = EXIT_TITLES[f.reason] ?? `Exit (${f.reason})`;
  return [
    `${title}: ${f.direction === 'long' ? 'long' : 'short'} ${f.symbol}`,
    `${price(f.qty)} @ ${price(f.price)} (entry ${price(f.entry)})  P&L ${money(f.pnl, f.currency)}${
      f.r === null ? '' : `  ${f.r >= 0 ? '+' : ''}${f.r.toFixed(2)} R`
    }`,
  ].join('\n');
}

export function tradingStateText(state: string, reason: string | null, since: string | null): string {
  const icon = state === 'HALTED' ? '🚨' : state === 'REDUCING' ? '⚠️' : state === 'PAUSED' ? '⏸' : 'ℹ️';
  const what =
    state === 'HALTED'
      ? 'Kill switch: trading HALTED (only a person can reset it)'
      : state === 'REDUCING'
        ? 'Daily-loss stop: exits only until the next trading day'
        : state === 'PAUSED'
          ? 'Trading PAUSED: no new entries'
          : `Trading state ${state}`;
  return [`${icon} ${what}`, `Reason: ${reason ?? '—'}`, `Since ${since ?? '—'}`].join('\n');
}

export interface DailySummaryFigures {
  readonly day: string;
  readonly currency: string;
  readonly pnl: number | null;
  readonly equity: number | null;
  readonly tradesClosed: number;
  readonly wins: number;
  readonly tradesOpened: number;
  readonly openPositions: number;
  readonly openRisk: number | null;
  readonly state: string;
  readonly stateReason: string | null;
}

export function dailySummaryText(d: DailySummaryFigures): string {
  const pnl = d.pnl === null ? '—' : `${d.pnl >= 0 ? '+' : ''}${money(d.pnl, d.currency)}`;
  return [
    `📊 Daily summary, trading day of ${d.day}`,
    `P&L ${pnl}  Equity ${d.equity === null ? '—' : money(d.equity, d.currency)}`,
    `Trades closed ${d.tradesClosed} (${d.wins} won), opened ${d.tradesOpened}`,
    `Open positions ${d.openPositions}  Open risk ${d.openRisk === null ? '—' : money(d.openRisk, d.currency)}`,
    `Breakers: ${d.state}${d.stateReason ? ` (${d.stateReason})` : ''}`,
  ].join('\n');
}
