// MACD as TA-Lib's MACD, which is not EMA(fast) − EMA(slow) of two independently seeded EMAs:
// TA-Lib starts both EMAs at bar slow − 1, the slow one seeded by the SMA of closes[0..slow−1] and
// the fast one by the SMA of closes[slow−fast..slow−1]. The signal is an SMA-seeded EMA of the MACD
// line; all three outputs start at bar slow − 1 + signal − 1 (33 for 12/26/9).
import type { CloseBar } from './bar.js';
import { checkPeriod } from './ta-math.js';

export class Macd {
  readonly lookback: number;
  macd = Number.NaN;
  signal = Number.NaN;
  hist = Number.NaN;
  private readonly fastPeriod: number;
  private readonly slowPeriod: number;
  private readonly fastK: number;
  private readonly slowK: number;
  private readonly signalK: number;
  private count = 0;
  private fastSum = 0;
  private slowSum = 0;
  private signalSum = 0;
  private fast = 0;
  private slow = 0;
  private signalEma = 0;

  constructor(
    fastPeriod = 12,
    slowPeriod = 26,
    readonly signalPeriod = 9,
  ) {
    checkPeriod('MACD fast period', fastPeriod, 2);
    checkPeriod('MACD slow period', slowPeriod, 2);
    checkPeriod('MACD signal period', signalPeriod, 2);
    // TA-Lib swaps the periods when given in the wrong order.
    this.fastPeriod = Math.min(fastPeriod, slowPeriod);
    this.slowPeriod = Math.max(fastPeriod, slowPeriod);
    this.fastK = 2 / (this.fastPeriod + 1);
    this.slowK = 2 / (this.slowPeriod + 1);
    this.signalK = 2 / (signalPeriod + 1);
    this.lookback = this.slowPeriod - 1 + signalPeriod - 1;
  }

  update(bar: CloseBar): void {
    const close = bar.close;
    const n = this.count++;
    const seedBar = this.slowPeriod - 1;
    if (n > seedBar) {
      this.slow = (close - this.slow) * this.slowK + this.slow;
      this.fast = (close - this.fast) * this.fastK + this.fast;
    } else {
      this.slowSum += close;
      if (n >= this.slowPeriod - this.fastPeriod) this.fastSum += close;
      if (n < seedBar) return;
      this.slow = this.slowSum / this.slowPeriod;
      this.fast = this.fastSum / this.fastPeriod;
    }
    const line = this.fast - this.slow;
    // The signal EMA over the MACD line, which starts at the seed bar (TA-Lib's INT_EMA on it).
    if (n > this.lookback) {
      this.signalEma = (line - this.signalEma) * this.signalK + this.signalEma;
    } else {
      this.signalSum += line;
      if (n < this.lookback) return;
      this.signalEma = this.signalSum / this.signalPeriod;
    }
    this.macd = line;
    this.signal = this.signalEma;
    this.hist = line - this.signalEma;
  }

  reset(): void {
    this.count = 0;
    this.fastSum = this.slowSum = this.signalSum = this.fast = this.slow = this.signalEma = 0;
    this.macd = this.signal = this.hist = Number.NaN;
  }
}
