// What a candidate would have done had it been traded (SPEC §15: the counterfactual outcome of
// rejected candidates "under the same exit rules"), in R, without the account: the same two
// tickets as the engine (half to TP1, half to TP2), the same bar-driven fills as the
// SimulatedBroker (entry at the next bar's open, or a limit touched within LIMIT_ENTRY_BARS; stop
// first when a bar reaches both; a bar opening beyond a level fills at its open) and the same
// position policy (breakeven after TP1, ATR trailing, time stop) — `decide` of the engine itself.
// Costs are one round trip per unit at the entry price (spread, fees, slippage), as budgeted by
// the risk manager; financing is left out.
import type { CandleColumns } from '../domain/candle-columns.js';
import type { Direction } from '../domain/divergence.js';
import type { ExitReason } from '../domain/order.js';
import {
  decide,
  type PolicySettings,
  type StopOrigin,
  stopExitReason,
} from '../execution/position-policy.js';

export interface CounterfactualInput {
  readonly direction: Direction;
  readonly entry: number;
  readonly stop: number;
  readonly tp1: number;
  readonly tp2: number;
  /** Index in `bars` of the first bar after the signal became known (its order would fill there). */
  readonly from: number;
  /** Round-trip costs per unit in price units. */
  readonly costsPerUnit: number;
}

export interface CounterfactualSettings extends PolicySettings {
  readonly ENTRY_MODE: 'market' | 'limit';
  readonly LIMIT_ENTRY_BARS: number;
}

export type CounterfactualStatus = 'closed' | 'unfilled' | 'open_at_end';

export interface CounterfactualOutcome {
  readonly status: CounterfactualStatus;
  /** Net result in R (risk = |fill − stop|); 0 when unfilled. */
  readonly r: number;
  readonly entryIndex: number | undefined;
  readonly fill: number | undefined;
  readonly exits: ReadonlyArray<{
    readonly index: number;
    readonly price: number;
    readonly reason: ExitReason;
  }>;
}

/**
 * Simulates the two tickets over `bars` (1h candles of the instrument, in time order) with
 * `atr[i]`, the 1h ATR the position monitor saw at the close of bar i.
 */
export function simulateCounterfactual(
  c: CounterfactualInput,
  bars: CandleColumns,
  atr: ArrayLike<number>,
  s: CounterfactualSettings,
): CounterfactualOutcome {
  const dir = c.direction === 'long' ? 1 : -1;
  let i = c.from;
  let fill: number | undefined;
  if (s.ENTRY_MODE === 'market') {
    if (i < bars.length) fill = bars.open[i]!;
  } else {
    for (const last = Math.min(bars.length, c.from + s.LIMIT_ENTRY_BARS); i < last; i++) {
      const open = bars.open[i]!;
      // A long limit fills when the bar trades at or below it (at the open if it opens below).
      if ((open - c.entry) * dir <= 0) fill = open;
      else if (((dir > 0 ? bars.low[i]! : bars.high[i]!) - c.entry) * dir <= 0) fill = c.entry;
      if (fill !== undefined) break;
    }
  }
  if (fill === undefined) return { status: 'unfilled', r: 0, entryIndex: undefined, fill, exits: [] };
  const entryIndex = i;
  const risk = Math.abs(fill - c.stop);
  if (!(risk > 0)) return { status: 'unfilled', r: 0, entryIndex: undefined, fill: undefined, exits: [] };
  const exits: Array<{ index: number; price: number; reason: ExitReason }> = [];
  let openA = true;
  let openB = true;
  let stop = c.stop;
  let origin: StopOrigin = 'initial';
  let tp1Hit = false;
  let held = 0;
  let pendingTimeStop = false;
  const exit = (index: number, price: number, reason: ExitReason) => exits.push({ index, price, reason });
  for (; i < bars.length && (openA || openB); i++) {
    const open = bars.open[i]!;
    if (pendingTimeStop) {
      // The engine sends the time-stop close after the bar that reached MAX_HOLD_BARS: next open.
      if (openA) exit(i, open, 'time');
      if (openB) exit(i, open, 'time');
      openA = openB = false;
      break;
    }
    const adverse = dir > 0 ? bars.low[i]! : bars.high[i]!;
    const favourable = dir > 0 ? bars.high[i]! : bars.low[i]!;
    // Stop first: a bar that reaches both the stop and a target is a loss (never flattering).
    if ((adverse - stop) * dir <= 0) {
      const price = (open - stop) * dir <= 0 && i > entryIndex ? open : stop;
      const reason = stopExitReason(origin);
      if (openA) exit(i, price, reason);
      if (openB) exit(i, price, reason);
      openA = openB = false;
      break;
    }
    if (openA && (favourable - c.tp1) * dir >= 0) {
      exit(i, (open - c.tp1) * dir >= 0 && i > entryIndex ? open : c.tp1, 'tp1');
      openA = false;
      tp1Hit = true;
    }
    if (openB && (favourable - c.tp2) * dir >= 0) {
      exit(i, (open - c.tp2) * dir >= 0 && i > entryIndex ? open : c.tp2, 'tp2');
      openB = false;
      break;
    }
    held++;
    if (!tp1Hit) {
      // Before TP1 `decide` moves nothing (no breakeven, no trail): only the time stop can come.
      if (held >= s.MAX_HOLD_BARS) pendingTimeStop = true;
      continue;
    }
    const d = decide(
      {
        direction: c.direction,
        entry: fill,
        stop,
        stopOrigin: origin,
        tp1: c.tp1,
        tp2: c.tp2,
        tp1Hit,
        costsPerUnit: c.costsPerUnit,
        barsHeld: held,
      },
      bars.close[i]!,
      atr[i] ?? Number.NaN,
      s,
    );
    stop = d.stop;
    origin = d.stopOrigin;
    if (d.timeStop) pendingTimeStop = true;
  }
  const still = (openA ? 1 : 0) + (openB ? 1 : 0);
  if (still > 0) {
    // Data ended with tickets open: valued at the last close, like a backtest's open_at_end.
    const last = bars.length - 1;
    for (let k = 0; k < still; k++) exit(last, bars.close[last]!, 'end');
  }
  let gross = 0;
  for (const e of exits) gross += 0.5 * (e.price - fill) * dir;
  const r = (gross - c.costsPerUnit) / risk;
  return { status: still > 0 ? 'open_at_end' : 'closed', r, entryIndex, fill, exits };
}
