// Williams %R as TA-Lib's WILLR: (HH − close) / ((HH − LL) / −100), in [−100, 0]; 0 when HH = LL.
import type { PriceBar } from './bar.js';
import { checkPeriod } from './ta-math.js';
import { WindowExtremes } from './window-extremes.js';

export class WilliamsR {
  readonly lookback: number;
  /** %R of the last bar; NaN before `lookback`. */
  value = Number.NaN;
  private readonly window: WindowExtremes;
  private readonly ownsWindow: boolean;
  private count = 0;

  /**
   * `shared`: read the extremes of a window of the same period that its owner (IndicatorSet's
   * Stochastic) has already pushed this bar, instead of keeping a second, identical one.
   */
  constructor(
    readonly period = 14,
    shared?: WindowExtremes,
  ) {
    checkPeriod('Williams %R period', period, 2);
    if (shared && shared.period !== period) throw new RangeError('shared window of another period');
    this.lookback = period - 1;
    this.window = shared ?? new WindowExtremes(period);
    this.ownsWindow = !shared;
  }

  update(bar: PriceBar): void {
    const window = this.window;
    if (this.ownsWindow) window.push(bar);
    if (this.count++ < this.lookback) return;
    const highest = window.highest;
    const diff = (highest - window.lowest) / -100;
    this.value = diff !== 0 ? (highest - bar.close) / diff : 0;
  }

  reset(): void {
    this.count = 0;
    this.value = Number.NaN;
    if (this.ownsWindow) this.window.reset();
  }
}
