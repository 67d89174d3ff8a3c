// SMA of volume as TA-Lib's SMA on the volume column (running sum: add, divide, subtract the value
// leaving). Unknown volume (null): NaN at every bar whose window includes an unknown bar; the
// unknown bar adds 0 to the sum, so the sum is that of the known volumes again once it has left.
import type { Bar } from './bar.js';
import { checkPeriod } from './ta-math.js';

export class VolumeSma {
  readonly lookback: number;
  /** Mean volume of the last `period` bars; NaN before `lookback` and where one is unknown. */
  value = Number.NaN;
  private readonly volumes: Float64Array;
  private readonly unknown: Uint8Array;
  private slot = 0;
  private count = 0;
  private sum = 0;
  private unknownInWindow = 0;

  constructor(readonly period = 20) {
    checkPeriod('volume SMA period', period, 2);
    this.lookback = period - 1;
    this.volumes = new Float64Array(period);
    this.unknown = new Uint8Array(period);
  }

  update(bar: Pick<Bar, 'volume'>): void {
    const volume = bar.volume;
    const slot = this.slot;
    const unknown = volume === null ? 1 : 0;
    const x = volume === null ? 0 : volume;
    // Slots start at 0: before the window is full, the slot left behind is an exact no-op.
    this.unknownInWindow += unknown - this.unknown[slot]!;
    this.unknown[slot] = unknown;
    this.volumes[slot] = x;
    this.sum += x;
    this.slot = slot + 1 === this.period ? 0 : slot + 1;
    if (this.count++ < this.lookback) return;
    const mean = this.sum / this.period;
    this.sum -= this.volumes[this.slot]!;
    this.value = this.unknownInWindow === 0 ? mean : Number.NaN;
  }

  reset(): void {
    this.volumes.fill(0);
    this.unknown.fill(0);
    this.slot = this.count = this.sum = this.unknownInWindow = 0;
    this.value = Number.NaN;
  }
}
