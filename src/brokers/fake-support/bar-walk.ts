// How every fake venue lives through a fed 1h bar: the price walks open → the nearer extreme
// (the low of an up bar) → the other extreme → close, a quarter of the hour apart, so resting
// orders fill at their own level in the order the market would reach them.
import { HOUR_MS } from '../../domain/timeframe.js';

export interface WalkedBar {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/** Calls `at` for each point of the bar's path (`first` at the open: a gap fills there). */
export function walkBar(
  bar: WalkedBar,
  start: number,
  at: (mid: number, time: number, first: boolean) => void,
): void {
  const up = bar.close >= bar.open;
  const path = [bar.open, up ? bar.low : bar.high, up ? bar.high : bar.low, bar.close];
  for (let i = 0; i < path.length; i++) at(path[i]!, start + (i * HOUR_MS) / 4, i === 0);
}
