import type { Clock } from '../domain/clock.js';
import { abortableDelay } from './abortable-delay.js';

/** Wall time, for paper and live trading. The only place the pipeline's time touches Date.now. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleepUntil(t: number, signal?: AbortSignal): Promise<void> {
    return abortableDelay(() => t - Date.now(), signal);
  }
}
