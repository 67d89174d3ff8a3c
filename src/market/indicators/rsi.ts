// RSI, Wilder smoothing, as TA-Lib's RSI (ta_RSI.c, default compatibility): the first value at bar
// `period` from the plain average of the first `period` changes; 0 when average gain + loss is
// below TA_EPSILON (flat prices give 0, not 50).
import type { CloseBar } from './bar.js';
import { checkPeriod, TA_EPSILON } from './ta-math.js';

export class Rsi {
  readonly lookback: number;
  /** RSI of the last bar; NaN before `lookback`. */
  value = Number.NaN;
  private count = 0;
  private prevClose = 0;
  private gain = 0;
  private loss = 0;

  constructor(readonly period = 14) {
    checkPeriod('RSI period', period, 2);
    this.lookback = period;
  }

  update(bar: CloseBar): void {
    const close = bar.close;
    const n = this.count++;
    const change = close - this.prevClose;
    this.prevClose = close;
    if (n === 0) return;
    const period = this.period;
    if (n > period) {
      this.loss *= period - 1;
      this.gain *= period - 1;
    }
    if (change < 0) this.loss -= change;
    else this.gain += change;
    if (n < period) return;
    this.loss /= period;
    this.gain /= period;
    const total = this.gain + this.loss;
    this.value = total > -TA_EPSILON && total < TA_EPSILON ? 0 : 100 * (this.gain / total);
  }

  reset(): void {
    this.count = 0;
    this.prevClose = this.gain = this.loss = 0;
    this.value = Number.NaN;
  }
}
