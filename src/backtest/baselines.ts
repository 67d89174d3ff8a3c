// SPEC §15's honest comparison: results per instrument, per year and per asset class, next to
// buy-and-hold and a random-entry baseline with the same exits and risk. The random baseline
// gives every real trade a twin on the same instrument and in the same direction, entered at a
// random hour of the run with the same stop and target distances (as fractions of the price),
// and managed by the same exit rules; it is drawn DRAWS times from a fixed seed (byte-identical
// reports), and reported as the spread of those draws.
import { defaultRegistry, roundTripCostPerUnit } from '../domain/instruments/index.js';
import { mulberry32 } from '../domain/prng.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { type CounterfactualSettings, simulateCounterfactual } from './counterfactual.js';
import { type TradeFigures, tradeFigures } from './metrics.js';
import { firstBarAtOrAfter } from './rejections.js';
import type { InstrumentTape } from './run-backtest.js';
import { round, type TradeRecord } from './trades.js';

export const DRAWS = 20;
const SEED = 0x5eed;

export interface Breakdown {
  readonly by_instrument: Array<{ symbol: string; buy_and_hold_pct: number | null } & TradeFigures>;
  readonly by_year: Array<{ year: number } & TradeFigures>;
  readonly by_asset_class: Array<{ asset_class: string } & TradeFigures>;
}

export function breakdownOf(
  trades: readonly TradeRecord[],
  tapes: ReadonlyMap<string, InstrumentTape>,
  start: number,
): Breakdown {
  const group = <K extends string | number>(key: (t: TradeRecord) => K) => {
    const m = new Map<K, TradeRecord[]>();
    for (const t of trades) {
      const k = key(t);
      const list = m.get(k);
      if (list) list.push(t);
      else m.set(k, [t]);
    }
    return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  };
  const symbols = [...tapes.keys()].sort();
  return {
    by_instrument: symbols.map((symbol) => ({
      symbol,
      buy_and_hold_pct: buyAndHoldPct(tapes.get(symbol)!, start),
      ...tradeFigures(trades.filter((t) => t.symbol === symbol)),
    })),
    by_year: group((t) => new Date(t.entryMs).getUTCFullYear()).map(([year, list]) => ({
      year,
      ...tradeFigures(list),
    })),
    by_asset_class: group((t) => defaultRegistry.get(t.symbol).assetClass as string).map(
      ([asset_class, list]) => ({
        asset_class,
        ...tradeFigures(list),
      }),
    ),
  };
}

/** Price return from the close at `start` (the first tradable bar's open) to the last close. */
export function buyAndHoldPct(tape: InstrumentTape, start: number): number | null {
  const i = firstBarAtOrAfter(tape, start - HOUR_MS) - 1;
  const n = tape.bars.length;
  if (n === 0) return null;
  const from = tape.bars.close[Math.max(0, i)]!;
  const last = tape.bars.close[n - 1]!;
  if (!(from > 0)) return null;
  return round((last / from - 1) * 100);
}

export interface RandomBaseline {
  readonly draws: number;
  readonly trades_per_draw: number;
  readonly expectancy_r_mean: number | null;
  readonly expectancy_r_p05: number | null;
  readonly expectancy_r_p95: number | null;
  readonly win_rate_mean: number | null;
}

export function randomEntryBaseline(
  trades: readonly TradeRecord[],
  tapes: ReadonlyMap<string, InstrumentTape>,
  start: number,
  settings: CounterfactualSettings,
): RandomBaseline {
  const real = trades.filter((t) => !t.open_at_end && t.entry_price > 0);
  const rand = mulberry32(SEED);
  const expectancies: number[] = [];
  const winRates: number[] = [];
  for (let d = 0; d < DRAWS && real.length > 0; d++) {
    let sum = 0;
    let wins = 0;
    let n = 0;
    for (const t of real) {
      const tape = tapes.get(t.symbol)!;
      const first = firstBarAtOrAfter(tape, start - HOUR_MS);
      const span = tape.bars.length - 1 - first;
      if (span <= 1) continue;
      const at = first + Math.floor(rand() * span);
      const entry = tape.bars.close[at]!;
      const dir = t.direction === 'long' ? 1 : -1;
      const scale = entry / t.entry_price;
      const o = simulateCounterfactual(
        {
          direction: t.direction,
          entry,
          stop: entry - dir * Math.abs(t.entry_price - t.stop) * scale,
          tp1: entry + dir * Math.abs(t.tp1 - t.entry_price) * scale,
          tp2: entry + dir * Math.abs(t.tp2 - t.entry_price) * scale,
          from: at + 1,
          costsPerUnit: roundTripCostPerUnit(defaultRegistry.get(t.symbol), entry),
        },
        tape.bars,
        tape.atr,
        { ...settings, ENTRY_MODE: 'market' },
      );
      if (o.status === 'unfilled') continue;
      n++;
      sum += o.r;
      if (o.r > 0) wins++;
    }
    if (n > 0) {
      expectancies.push(sum / n);
      winRates.push(wins / n);
    }
  }
  const sorted = [...expectancies].sort((a, b) => a - b);
  const mean = (xs: number[]) => (xs.length > 0 ? round(xs.reduce((s, x) => s + x, 0) / xs.length, 4) : null);
  const pct = (p: number) =>
    sorted.length > 0 ? round(sorted[Math.floor(p * (sorted.length - 1))]!, 4) : null;
  return {
    draws: expectancies.length,
    trades_per_draw: real.length,
    expectancy_r_mean: mean(expectancies),
    expectancy_r_p05: pct(0.05),
    expectancy_r_p95: pct(0.95),
    win_rate_mean: mean(winRates),
  };
}
