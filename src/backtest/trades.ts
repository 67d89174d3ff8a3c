// SPEC §15's trade record, from the engine's positions: enough to re-check every fill against the
// candles. Positions still open when the data ends are closed at the last close and marked
// `open_at_end` (valued there, with the exit fee; kept out of the headline figures).
import { convert, defaultRegistry, feeFor, STATIC_USD_RATES } from '../domain/instruments/index.js';
import type { ExitReason } from '../domain/order.js';
import { filledPrice, type ManagedPosition } from '../execution/managed-position.js';
import { formatUtcTime as isoTime } from '../market-data/csv-time.js';
import type { InstrumentTape } from './run-backtest.js';

export interface TradeExit {
  readonly time: string;
  readonly price: number;
  readonly qty: number;
  readonly reason: ExitReason;
}

export interface TradeRecord {
  readonly id: string;
  readonly symbol: string;
  readonly timeframe: string;
  readonly type: string;
  readonly direction: 'long' | 'short';
  readonly score: number;
  readonly signal_known_at: string;
  readonly entry_time: string;
  readonly entry_price: number;
  readonly qty: number;
  readonly stop: number;
  readonly tp1: number;
  readonly tp2: number;
  readonly exits: TradeExit[];
  /** Fees and financing in the instrument's quote currency; pnl in BASE_CURRENCY. */
  readonly fees: number;
  readonly financing: number;
  readonly pnl: number;
  readonly r_multiple: number | null;
  readonly open_at_end: boolean;
  readonly quote_currency: string;
  /** Millisecond times kept for the report (not in the JSON). */
  readonly entryMs: number;
  readonly exitMs: number;
}

export function tradeRecords(
  positions: readonly ManagedPosition[],
  tapes: ReadonlyMap<string, InstrumentTape>,
  baseCurrency: string,
  end: number,
): TradeRecord[] {
  const out: TradeRecord[] = [];
  for (const p of positions) {
    const entry = filledPrice(p);
    if (entry === undefined || p.openedAt === undefined) continue; // never filled: not a trade
    const dir = p.direction === 'long' ? 1 : -1;
    const qty = p.tickets.reduce((s, t) => s + t.filledQty, 0);
    const exits: Array<TradeExit & { ms: number }> = [];
    for (const t of p.tickets)
      for (const e of t.exits) exits.push({ ...exitOf(e.time, e.price, e.qty, e.reason), ms: e.time });
    let gross = p.grossPnl;
    let fees = p.fees;
    const remaining = p.tickets.reduce((s, t) => s + (t.open ? t.filledQty - t.closedQty : 0), 0);
    const openAtEnd = p.status !== 'closed' && remaining > 0;
    if (openAtEnd) {
      const tape = tapes.get(p.symbol);
      const last = tape && tape.bars.length > 0 ? tape.bars.at(tape.bars.length - 1) : undefined;
      if (last !== undefined) {
        const instrument = defaultRegistry.get(p.symbol);
        gross += (last.close - entry) * dir * remaining;
        fees += feeFor(instrument, remaining, last.close);
        exits.push({ ...exitOf(end, last.close, remaining, 'end'), ms: end });
      }
    }
    exits.sort((a, b) => a.ms - b.ms);
    const net = gross - fees + p.financing;
    const risk = Math.abs(entry - p.initialStop) * qty;
    out.push({
      id: p.id,
      symbol: p.symbol,
      timeframe: p.signal.timeframe ?? '1h',
      type: p.signal.type,
      direction: p.direction,
      score: p.signal.score,
      signal_known_at: isoTime(p.signal.knownAt.time),
      entry_time: isoTime(p.openedAt),
      // The average of the tickets' fills: 12 significant digits drop the float noise of averaging.
      entry_price: Number(entry.toPrecision(12)),
      qty,
      stop: p.initialStop,
      tp1: p.tp1,
      tp2: p.tp2,
      exits: exits.map(({ ms: _, ...e }) => e),
      fees: round(fees),
      financing: round(p.financing),
      pnl: round(convert(net, p.quoteCurrency, baseCurrency, STATIC_USD_RATES) ?? Number.NaN),
      r_multiple: risk > 0 ? round(net / risk, 4) : null,
      open_at_end: openAtEnd,
      quote_currency: p.quoteCurrency,
      entryMs: p.openedAt,
      exitMs: exits.at(-1)?.ms ?? end,
    });
  }
  return out.sort((a, b) => a.entryMs - b.entryMs || (a.id < b.id ? -1 : 1));
}

function exitOf(time: number, price: number, qty: number, reason: ExitReason): TradeExit {
  return { time: isoTime(time), price, qty, reason };
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
