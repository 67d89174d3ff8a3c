// Brute-force protection of the login (SPEC §14), two layers: a per-address window (a guesser
// trying many names) and a per-user lockout after repeated failures (a guesser on one name from
// many addresses). Store users keep their counters in the users table; DASHBOARD_USER_* users,
// which have no row, here in memory.
export interface ThrottleLimits {
  /** Login attempts per address per window. */
  readonly perAddress: number;
  readonly windowMs: number;
  /** Failed attempts that lock a user, and for how long. */
  readonly lockAfter: number;
  readonly lockMs: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = {
  perAddress: 10,
  windowMs: 15 * 60_000,
  lockAfter: 5,
  lockMs: 15 * 60_000,
};

export class LoginThrottle {
  readonly #attempts = new Map<string, number[]>();
  readonly #locks = new Map<string, { failures: number; lockedUntil: number | null }>();

  constructor(
    private readonly now: () => number,
    readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
  ) {}

  /** Counts an attempt from `address`; the ms to wait when over the limit, else undefined. */
  admit(address: string): number | undefined {
    const at = this.now();
    const recent = (this.#attempts.get(address) ?? []).filter((t) => at - t < this.limits.windowMs);
    if (recent.length >= this.limits.perAddress) {
      this.#attempts.set(address, recent);
      return recent[0]! + this.limits.windowMs - at;
    }
    recent.push(at);
    this.#attempts.set(address, recent);
    if (this.#attempts.size > 10_000) this.prune(at);
    return undefined;
  }

  /** In-memory lockout (users without a row): ms left, or undefined. */
  lockedFor(user: string): number | undefined {
    const until = this.#locks.get(user)?.lockedUntil ?? null;
    const left = until === null ? 0 : until - this.now();
    return left > 0 ? left : undefined;
  }

  failed(user: string): void {
    const entry = this.#locks.get(user) ?? { failures: 0, lockedUntil: null };
    entry.failures += 1;
    if (entry.failures >= this.limits.lockAfter) {
      entry.failures = 0;
      entry.lockedUntil = this.now() + this.limits.lockMs;
    }
    this.#locks.set(user, entry);
  }

  succeeded(user: string): void {
    this.#locks.delete(user);
  }

  private prune(at: number): void {
    for (const [address, times] of this.#attempts)
      if (times.every((t) => at - t >= this.limits.windowMs)) this.#attempts.delete(address);
  }
}
