/**
 * The only source of time for the pipeline. Live/paper use the system clock; the demo an
 * accelerated one; backtests and tests a simulated one. Timers go through the clock, so
 * schedules run on simulated time.
 */
export interface Clock {
  /** Milliseconds since the epoch, UTC. */
  now(): number;
  /** Resolves once `now() >= t`; rejects with the signal's reason when aborted. */
  sleepUntil(t: number, signal?: AbortSignal): Promise<void>;
}
