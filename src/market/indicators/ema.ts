// EMA of closes as TA-Lib's INT_EMA: seeded at bar `period − 1` by the SMA of the first `period`
// values, then `(x − prev) · k + prev` with k = 2 / (period + 1) (that exact expression, for
// identical rounding).
import type { CloseBar } from './bar.js';
import { checkPeriod } from './ta-math.js';

export class Ema {
  readonly lookback: number;
  /** EMA at the last bar; NaN before `lookback`. */
  value = Number.NaN;
  private readonly k: number;
  private count = 0;
  private seedSum = 0;

  constructor(readonly period: number) {
    checkPeriod('EMA period', period, 2);
    this.lookback = period - 1;
    this.k = 2 / (period + 1);
  }

  update(bar: CloseBar): void {
    const x = bar.close;
    const n = this.count++;
    if (n >= this.period) {
      this.value = (x - this.value) * this.k + this.value;
    } else {
      this.seedSum += x;
      if (n === this.lookback) this.value = this.seedSum / this.period;
    }
  }

  reset(): void {
    this.count = 0;
    this.seedSum = 0;
    this.value = Number.NaN;
  }
}
