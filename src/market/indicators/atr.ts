// ATR as TA-Lib's ATR: true range from bar 1, the first value at bar `period` = the average of the
// first `period` true ranges, then Wilder smoothing ((prev · (period − 1)) + TR) / period.
import type { PriceBar } from './bar.js';
import { checkPeriod } from './ta-math.js';

export class Atr {
  readonly lookback: number;
  /** ATR at the last bar; NaN before `lookback`. */
  value = Number.NaN;
  private count = 0;
  private prevClose = 0;
  private average = 0;

  constructor(readonly period = 14) {
    checkPeriod('ATR period', period, 1);
    this.lookback = period;
  }

  update(bar: PriceBar): void {
    const high = bar.high;
    const low = bar.low;
    const n = this.count++;
    // True range as TA-Lib's TRANGE: max(h − l, |prevClose − h|, |prevClose − l|).
    let range = high - low;
    const up = Math.abs(this.prevClose - high);
    if (up > range) range = up;
    const down = Math.abs(this.prevClose - low);
    if (down > range) range = down;
    this.prevClose = bar.close;
    if (n === 0) return;
    const period = this.period;
    if (n > period) this.average *= period - 1;
    this.average += range;
    if (n < period) return;
    this.average /= period;
    this.value = this.average;
  }

  reset(): void {
    this.count = 0;
    this.prevClose = this.average = 0;
    this.value = Number.NaN;
  }
}
