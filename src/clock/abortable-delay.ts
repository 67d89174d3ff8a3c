// setTimeout caps delays at 2^31-1 ms (~24.8 days); longer waits are re-armed in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Waits until `remaining()` (real ms still to wait) is ≤ 0, or rejects when the signal aborts. */
export function abortableDelay(remaining: () => number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      if (timer) clearTimeout(timer);
      reject(signal?.reason);
    };
    const arm = () => {
      const ms = remaining();
      if (ms <= 0) {
        // Due already: still one turn of the event loop first. A fast demo clock makes every
        // sleep due at once, and resolving here kept the scheduler on microtasks alone — no
        // signal, HTTP request or timer was served again (SIGTERM went unanswered).
        timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, 0);
        return;
      }
      timer = setTimeout(arm, Math.min(Math.ceil(ms), MAX_TIMER_MS));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    arm();
  });
}
