// +DI, −DI and ADX as TA-Lib's PLUS_DI, MINUS_DI and ADX (Wilder). DM and TR are summed over bars
// 1..period−1, then smoothed as s − s/period + x from bar `period`, where ±DI start (0 while the
// smoothed TR is below TA_EPSILON). DX = 100·|−DI − +DI| / (−DI + +DI); ADX is the mean of the first
// `period` DX values at bar 2·period − 1, then Wilder-smoothed. Where TR or −DI + +DI is below
// TA_EPSILON (flat prices) TA-Lib skips that bar's DX, and ADX keeps its previous value.
import type { PriceBar } from './bar.js';
import { checkPeriod, TA_EPSILON } from './ta-math.js';

export class DirectionalMovement {
  /** First bar of ±DI. */
  readonly diLookback: number;
  /** First bar of ADX. */
  readonly adxLookback: number;
  plusDI = Number.NaN;
  minusDI = Number.NaN;
  adx = Number.NaN;
  private count = 0;
  private prevHigh = 0;
  private prevLow = 0;
  private prevClose = 0;
  private plusDM = 0;
  private minusDM = 0;
  private range = 0;
  private dxSum = 0;
  private smoothedAdx = 0;

  constructor(readonly period = 14) {
    checkPeriod('ADX period', period, 2);
    this.diLookback = period;
    this.adxLookback = 2 * period - 1;
  }

  update(bar: PriceBar): void {
    const high = bar.high;
    const low = bar.low;
    const n = this.count++;
    const up = high - this.prevHigh;
    const down = this.prevLow - low;
    // True range as TA-Lib's TRUE_RANGE macro.
    let range = high - low;
    const gapUp = Math.abs(high - this.prevClose);
    if (gapUp > range) range = gapUp;
    const gapDown = Math.abs(low - this.prevClose);
    if (gapDown > range) range = gapDown;
    this.prevHigh = high;
    this.prevLow = low;
    this.prevClose = bar.close;
    if (n === 0) return;
    const period = this.period;
    if (n >= period) {
      this.minusDM -= this.minusDM / period;
      this.plusDM -= this.plusDM / period;
      this.range = this.range - this.range / period + range;
    } else {
      this.range += range;
    }
    if (down > 0 && up < down) this.minusDM += down;
    else if (up > 0 && up > down) this.plusDM += up;
    if (n < period) return;
    const smoothedRange = this.range;
    let dx = 0;
    let hasDx = false;
    if (smoothedRange > -TA_EPSILON && smoothedRange < TA_EPSILON) {
      this.minusDI = this.plusDI = 0;
    } else {
      const minusDI = 100 * (this.minusDM / smoothedRange);
      const plusDI = 100 * (this.plusDM / smoothedRange);
      this.minusDI = minusDI;
      this.plusDI = plusDI;
      const sum = minusDI + plusDI;
      if (!(sum > -TA_EPSILON && sum < TA_EPSILON)) {
        dx = 100 * (Math.abs(minusDI - plusDI) / sum);
        hasDx = true;
      }
    }
    const adxLookback = this.adxLookback;
    if (n <= adxLookback) {
      if (hasDx) this.dxSum += dx;
      if (n < adxLookback) return;
      this.smoothedAdx = this.dxSum / period;
    } else if (hasDx) {
      this.smoothedAdx = (this.smoothedAdx * (period - 1) + dx) / period;
    }
    this.adx = this.smoothedAdx;
  }

  reset(): void {
    this.count = 0;
    this.prevHigh = this.prevLow = this.prevClose = 0;
    this.plusDM = this.minusDM = this.range = this.dxSum = this.smoothedAdx = 0;
    this.plusDI = this.minusDI = this.adx = Number.NaN;
  }
}
