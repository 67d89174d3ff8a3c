import type { Clock } from '../domain/clock.js';
import { abortableDelay } from './abortable-delay.js';

/**
 * The demo's clock: simulated time starts at `start` and runs `speed` times faster than real
 * time, so an hour of market data replays in seconds while the schedule logic stays the live one.
 */
export class AcceleratedClock implements Clock {
  private realStart: number;
  private holds = 0;
  private heldAt: number | undefined;

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
    if (this.heldAt !== undefined) return this.heldAt;
    return Math.floor(this.start + (this.realNow() - this.realStart) * this.speed);
  }

  /**
   * Stops simulated time until `release` (calls nest): the demo holds it while a job works, so
   * that what the job does — orders placed, the venue asked — happens at the instant the job
   * started. Unheld, a job's milliseconds of work were hours at a high DEMO_SPEED (one real ms
   * is 33 simulated minutes at 2,000,000×): orders reached the venue days after their bar and
   * filled at other prices, and no two runs agreed.
   */
  hold(): void {
    if (this.holds++ === 0) this.heldAt = this.now();
  }

  /** Lets simulated time run on from where it was held. */
  release(): void {
    if (this.holds === 0) throw new Error('AcceleratedClock.release without hold');
    if (--this.holds > 0) return;
    const t = this.heldAt!;
    this.heldAt = undefined;
    this.rebase(t);
  }

  sleepUntil(t: number, signal?: AbortSignal): Promise<void> {
    return abortableDelay(() => (t - this.now()) / this.speed, signal);
  }
}
