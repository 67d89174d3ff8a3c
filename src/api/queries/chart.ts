// A signal's chart (SPEC §14): candles around it, the confirmed pivots in that window, the
// divergence line between the signal's two pivots, entry / stop / targets, and the fills and
// exits of the position it opened. Only closed bars are shown (the provider's business), so the
// demo's chart never shows its own future.
import type { Candle } from '../../domain/candle.js';
import { type Timeframe, timeframeMs } from '../../domain/timeframe.js';
import { findPivots } from '../../market/pivots/pivot-tracker.js';
import type { Session } from '../../store/index.js';
import { iso, num } from '../format.js';
import { fillsOfPositions, positionsOfSignal } from './positions.js';
import { getSignalRow } from './signals.js';

/** Closed candles of a symbol with open times in [from, to]. */
export type CandleSource = (
  symbol: string,
  timeframe: Timeframe,
  from: number,
  to: number,
) => Promise<readonly Candle[]>;

export interface PivotLengths {
  readonly left: Readonly<Record<Timeframe, number>>;
  readonly right: Readonly<Record<Timeframe, number>>;
}

const BARS_BEFORE = 60;
const BARS_AFTER = 60;
const MAX_BARS = 800;

export async function signalChart(store: Session, id: number, candles: CandleSource, pivots: PivotLengths) {
  const s = await getSignalRow(store, id);
  if (s === undefined) return undefined;
  const tf = s.timeframe;
  const bar = timeframeMs[tf];
  const trades = await positionsOfSignal(store, id);
  const closedAt = trades.reduce((t, p) => Math.max(t, p.closed_at ? Date.parse(p.closed_at) : 0), 0);
  const from = s.pivot1Time - BARS_BEFORE * bar;
  const to = Math.min(Math.max(s.knownAt, closedAt) + BARS_AFTER * bar, from + MAX_BARS * bar);
  const window = await candles(s.symbol, tf, from, to);
  const found = findPivots([...window], pivots.left[tf], pivots.right[tf]);
  return {
    signal_id: s.id,
    symbol: s.symbol,
    timeframe: tf,
    direction: s.direction,
    type: s.type,
    known_at: iso(s.knownAt),
    candles: window.map((c) => ({
      time: iso(c.time),
      open: c.open,
      high: c.high,
      low: c.low,
      close: c.close,
    })),
    pivots: found.map((p) => ({ time: iso(p.time), price: p.price, kind: p.kind })),
    divergence_line: [
      { time: iso(s.pivot1Time), price: num(s.pivot1Price) },
      { time: iso(s.pivot2Time), price: num(s.pivot2Price) },
    ],
    levels: { entry: num(s.entry), stop: num(s.stop), tp1: num(s.tp1), tp2: num(s.tp2) },
    fills: await fillsOfPositions(
      store,
      trades.map((p) => p.id),
    ),
    exits: trades.flatMap((p) => p.exits),
  };
}
