import type { Clock } from '../domain/clock.js';

interface Sleeper {
  readonly t: number;
  readonly seq: number;
  resolve(): void;
}

/**
 * A clock that moves only when told to: backtests and tests step it, and every sleeper wakes
 * in deadline order at exactly its deadline, with the code it wakes allowed to run (and to
 * schedule new sleepers) before time moves on.
 */
export class SimulatedClock implements Clock {
  private current: number;
  private sleepers: Sleeper[] = [];
  private seq = 0;

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleepUntil(t: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (t <= this.current) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const sleeper: Sleeper = {
        t,
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
    });
  }

  /** Number of pending sleepers (for tests). */
  get pending(): number {
    return this.sleepers.length;
  }

  /** The earliest pending deadline, if any. */
  nextDeadline(): number | undefined {
    return this.sleepers.reduce<number | undefined>(
      (m, s) => (m === undefined || s.t < m ? s.t : m),
      undefined,
    );
  }

  /** Moves time forward to `t`, waking each sleeper due on the way, in order. */
  async advanceTo(t: number): Promise<void> {
    if (t < this.current) throw new RangeError(`time cannot go back: ${t} < ${this.current}`);
    for (;;) {
      const due = this.sleepers.filter((s) => s.t <= t).sort((a, b) => a.t - b.t || a.seq - b.seq)[0];
      if (!due) break;
      this.sleepers = this.sleepers.filter((s) => s !== due);
      this.current = due.t;
      due.resolve();
      await settle();
    }
    this.current = t;
    await settle();
  }

  /**
   * `advanceTo` without the turn of the event loop when nobody sleeps: a backtest steps 87,600
   * hours a decade and waits for nothing but its own awaits. With sleepers it is `advanceTo`.
   */
  async jumpTo(t: number): Promise<void> {
    if (this.sleepers.length > 0) return this.advanceTo(t);
    if (t < this.current) throw new RangeError(`time cannot go back: ${t} < ${this.current}`);
    this.current = t;
  }

  advanceBy(ms: number): Promise<void> {
    return this.advanceTo(this.current + ms);
  }
}

// Lets the woken code run to its next await on a timer or I/O before time moves on.
const settle = () => new Promise<void>((r) => setImmediate(r));
