// MFI as TA-Lib's MFI: money flow = typical price × volume, positive when the typical price rose,
// negative when it fell, neither when unchanged; running sums over the last `period` flows (TA-Lib's
// circular buffer, same operation order). TA-Lib reports 0 whenever positive + negative flow < 1.0
// (not only at zero: tiny prices or volumes give 0), so do we.
//
// Unknown volume (null): MFI is NaN at every bar whose window of `period` flows (this bar and the
// `period − 1` before it) includes a bar of unknown volume; an unknown bar's flow counts as 0 in the
// sums, so once it leaves the window the sums are those of the known flows again.
import type { Bar } from './bar.js';
import { checkPeriod } from './ta-math.js';

export class Mfi {
  readonly lookback: number;
  /** MFI of the last bar; NaN before `lookback` and where the window's volume is unknown. */
  value = Number.NaN;
  private readonly positive: Float64Array;
  private readonly negative: Float64Array;
  private readonly unknown: Uint8Array;
  private slot = 0;
  private count = 0;
  private prevTypical = 0;
  private positiveSum = 0;
  private negativeSum = 0;
  private unknownInWindow = 0;

  constructor(readonly period = 14) {
    checkPeriod('MFI period', period, 2);
    this.lookback = period;
    this.positive = new Float64Array(period);
    this.negative = new Float64Array(period);
    this.unknown = new Uint8Array(period);
  }

  update(bar: Bar): void {
    const volume = bar.volume;
    const typical = (bar.high + bar.low + bar.close) / 3;
    const change = typical - this.prevTypical;
    this.prevTypical = typical;
    if (this.count++ === 0) return;
    const slot = this.slot;
    // Slots start at 0, so the first `period` subtractions are exact no-ops, as in TA-Lib's seed loop.
    this.positiveSum -= this.positive[slot]!;
    this.negativeSum -= this.negative[slot]!;
    this.unknownInWindow -= this.unknown[slot]!;
    let up = 0;
    let down = 0;
    if (volume === null) {
      this.unknown[slot] = 1;
      this.unknownInWindow++;
    } else {
      this.unknown[slot] = 0;
      const flow = typical * volume;
      if (change < 0) {
        down = flow;
        this.negativeSum += flow;
      } else if (change > 0) {
        up = flow;
        this.positiveSum += flow;
      }
    }
    this.positive[slot] = up;
    this.negative[slot] = down;
    this.slot = slot + 1 === this.period ? 0 : slot + 1;
    if (this.count <= this.lookback) return;
    const total = this.positiveSum + this.negativeSum;
    this.value = this.unknownInWindow !== 0 ? Number.NaN : total < 1 ? 0 : 100 * (this.positiveSum / total);
  }

  reset(): void {
    this.positive.fill(0);
    this.negative.fill(0);
    this.unknown.fill(0);
    this.slot = this.count = this.unknownInWindow = 0;
    this.prevTypical = this.positiveSum = this.negativeSum = 0;
    this.value = Number.NaN;
  }
}
