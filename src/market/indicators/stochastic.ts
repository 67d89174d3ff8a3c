// Stochastic as TA-Lib's STOCH with SMA slowing (MA type 0): fast %K = (close − LL) / ((HH − LL) / 100),
// 0 when HH = LL; slow %K = SMA(fast %K), %D = SMA(slow %K), both SMAs as TA-Lib's running sums
// (add, divide, subtract the value leaving). TA-Lib outputs both from bar
// (kPeriod − 1) + (slowing − 1) + (dPeriod − 1) = 17 for 14/3/3, although slow %K exists earlier.
import type { PriceBar } from './bar.js';
import { checkPeriod } from './ta-math.js';
import { WindowExtremes } from './window-extremes.js';

export class Stochastic {
  readonly lookback: number;
  k = Number.NaN;
  d = Number.NaN;
  /** Highest high / lowest low of the last kPeriod bars, pushed by `update`. */
  readonly window: WindowExtremes;
  private readonly fastKRing: Float64Array;
  private readonly slowKRing: Float64Array;
  private fastKSlot = 0;
  private slowKSlot = 0;
  private fastKSum = 0;
  private slowKSum = 0;
  private count = 0;

  constructor(
    readonly kPeriod = 14,
    readonly slowing = 3,
    readonly dPeriod = 3,
  ) {
    checkPeriod('Stochastic %K period', kPeriod, 1);
    checkPeriod('Stochastic slowing', slowing, 1);
    checkPeriod('Stochastic %D period', dPeriod, 1);
    this.window = new WindowExtremes(kPeriod);
    this.fastKRing = new Float64Array(slowing);
    this.slowKRing = new Float64Array(dPeriod);
    this.lookback = kPeriod - 1 + slowing - 1 + dPeriod - 1;
  }

  update(bar: PriceBar): void {
    const n = this.count++;
    const window = this.window;
    window.push(bar);
    const fastKFrom = this.kPeriod - 1;
    if (n < fastKFrom) return;
    const lowest = window.lowest;
    // TA-Lib's exact expression: divide by (range / 100) rather than multiply by 100.
    const diff = (window.highest - lowest) / 100;
    const fastK = diff !== 0 ? (bar.close - lowest) / diff : 0;
    // Slow %K: SMA of fast %K (ring slots fill from 0, so the oldest is at the next slot).
    const fastKRing = this.fastKRing;
    fastKRing[this.fastKSlot] = fastK;
    this.fastKSum += fastK;
    this.fastKSlot = this.fastKSlot + 1 === this.slowing ? 0 : this.fastKSlot + 1;
    if (n < fastKFrom + this.slowing - 1) return;
    const k = this.fastKSum / this.slowing;
    this.fastKSum -= fastKRing[this.fastKSlot]!;
    // %D: SMA of slow %K.
    const slowKRing = this.slowKRing;
    slowKRing[this.slowKSlot] = k;
    this.slowKSum += k;
    this.slowKSlot = this.slowKSlot + 1 === this.dPeriod ? 0 : this.slowKSlot + 1;
    if (n < this.lookback) return;
    this.k = k;
    this.d = this.slowKSum / this.dPeriod;
    this.slowKSum -= slowKRing[this.slowKSlot]!;
  }

  reset(): void {
    this.count = this.fastKSlot = this.slowKSlot = this.fastKSum = this.slowKSum = 0;
    this.fastKRing.fill(0);
    this.slowKRing.fill(0);
    this.k = this.d = Number.NaN;
    this.window.reset();
  }
}
