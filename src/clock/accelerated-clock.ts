import type { Clock } from '../domain/clock.js';
import { abortableDelay } from './abortable-delay.js';

/**
 * The demo's clock: simulated time starts at `start` and runs `speed` times faster than real
 * time, so an hour of market data replays in seconds while the schedule logic stays the live one.
 */
export class AcceleratedClock implements Clock {
  private realStart: number;

  constructor(
    private start: number,
    readonly speed: number,
    private readonly realNow: () => number = () => performance.timeOrigin + performance.now(),
  ) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be > 0, got ${speed}`);
    this.realStart = realNow();
  }

  /** Simulated time continues from `t`, counted from this real instant (e.g. after a back-fill). */
  rebase(t: number): void {
    this.start = t;
    this.realStart = this.realNow();
  }

  now(): number {
    return Math.floor(this.start + (this.realNow() - this.realStart) * this.speed);
  }

  sleepUntil(t: number, signal?: AbortSignal): Promise<void> {
    return abortableDelay(() => (t - this.now()) / this.speed, signal);
  }
}
