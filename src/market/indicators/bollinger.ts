// Bollinger bands as TA-Lib's BBANDS with an SMA middle: population standard deviation from
// running sums, sqrt(E[x²] − mean²), in TA-Lib's order (INT_stddev_using_precalc_ma), and 0 when
// that variance is below TA_EPSILON. The running sums are what TA-Lib computes, cancellation
// included; a "better" formula would not match it.
import type { CloseBar } from './bar.js';
import { checkPeriod, TA_EPSILON } from './ta-math.js';

export class Bollinger {
  readonly lookback: number;
  upper = Number.NaN;
  middle = Number.NaN;
  lower = Number.NaN;
  /** (upper − lower) / middle; 0 if middle is 0 (only possible with non-positive prices). */
  bandwidth = Number.NaN;
  private readonly ring: Float64Array;
  private slot = 0;
  private count = 0;
  private sum = 0;
  private sumOfSquares = 0;

  constructor(
    readonly period = 20,
    readonly stdDevs = 2,
  ) {
    checkPeriod('Bollinger period', period, 2);
    this.lookback = period - 1;
    this.ring = new Float64Array(period);
  }

  update(bar: CloseBar): void {
    const close = bar.close;
    const ring = this.ring;
    ring[this.slot] = close;
    this.sum += close;
    this.sumOfSquares += close * close;
    const next = this.slot + 1;
    this.slot = next === this.period ? 0 : next;
    if (this.count++ < this.lookback) return;
    const middle = this.sum / this.period;
    let variance = this.sumOfSquares / this.period;
    const oldest = ring[this.slot]!;
    this.sum -= oldest;
    this.sumOfSquares -= oldest * oldest;
    variance -= middle * middle;
    const deviation = (variance < TA_EPSILON ? 0 : Math.sqrt(variance)) * this.stdDevs;
    const upper = middle + deviation;
    const lower = middle - deviation;
    this.upper = upper;
    this.middle = middle;
    this.lower = lower;
    this.bandwidth = middle !== 0 ? (upper - lower) / middle : 0;
  }

  reset(): void {
    this.ring.fill(0);
    this.slot = this.count = this.sum = this.sumOfSquares = 0;
    this.upper = this.middle = this.lower = this.bandwidth = Number.NaN;
  }
}
