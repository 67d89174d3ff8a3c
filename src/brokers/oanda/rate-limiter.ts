// Client-side pacing under OANDA's 120 requests/second per IP: requests are spaced evenly, so
// a burst (a reconciliation of 24 instruments) queues here instead of earning 429s.
export class RateLimiter {
  readonly #intervalMs: number;
  #next = 0;

  constructor(requestsPerSecond: number) {
    if (!(requestsPerSecond > 0))
      throw new RangeError(`requestsPerSecond must be > 0, got ${requestsPerSecond}`);
    this.#intervalMs = 1000 / requestsPerSecond;
  }

  /** Resolves when the caller may send; the slots are reserved in call order. */
  async acquire(): Promise<void> {
    const now = performance.now();
    const slot = Math.max(now, this.#next);
    this.#next = slot + this.#intervalMs;
    const wait = slot - now;
    if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
