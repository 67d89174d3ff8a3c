// CCI as TA-Lib's CCI: typical price against its SMA, over 0.015 × mean absolute deviation. The mean
// deviation has no O(1) update, and TA-Lib scans the window every bar; so do we, in TA-Lib's slot
// order (bar i in slot i mod period), so the sums round exactly as TA-Lib's do. On flat data the
// SMA of equal prices may differ from the price in the last bit: TA-Lib then reports a tiny
// deviation ratio rather than 0, and so do we.
import type { PriceBar } from './bar.js';
import { checkPeriod } from './ta-math.js';

export class Cci {
  readonly lookback: number;
  /** CCI of the last bar; NaN before `lookback`. */
  value = Number.NaN;
  private readonly ring: Float64Array;
  private slot = 0;
  private count = 0;

  constructor(readonly period = 20) {
    checkPeriod('CCI period', period, 2);
    this.lookback = period - 1;
    this.ring = new Float64Array(period);
  }

  update(bar: PriceBar): void {
    const period = this.period;
    const ring = this.ring;
    const typical = (bar.high + bar.low + bar.close) / 3;
    ring[this.slot] = typical;
    const next = this.slot + 1;
    this.slot = next === period ? 0 : next;
    if (this.count++ < this.lookback) return;
    let average = 0;
    for (let j = 0; j < period; j++) average += ring[j]!;
    average /= period;
    let deviation = 0;
    for (let j = 0; j < period; j++) deviation += Math.abs(ring[j]! - average);
    const distance = typical - average;
    this.value = distance !== 0 && deviation !== 0 ? distance / (0.015 * (deviation / period)) : 0;
  }

  reset(): void {
    this.ring.fill(0);
    this.slot = 0;
    this.count = 0;
    this.value = Number.NaN;
  }
}
