// LLM_DAILY_BUDGET_USD per UTC day on the Clock. Each day starts from what the store already holds
// for it (a restart does not reset the spend), then counts in memory. Calls already in flight when
// the budget runs out still finish, so the spend can overshoot by at most LLM_MAX_CONCURRENCY - 1
// calls; the check runs after the concurrency slot is taken, which keeps that small.
import type { Clock } from '../domain/clock.js';

export const DAY_MS = 86_400_000;

export class DailyBudget {
  private day = Number.NaN;
  private spent = 0;

  constructor(
    private readonly limitUsd: number,
    private readonly clock: Clock,
    /** USD already spent from `dayStart` (UTC ms) on. */
    private readonly spentSince: (dayStart: number) => Promise<number>,
  ) {}

  /** True when today's spend has reached the limit (a zero budget is always spent). */
  async exhausted(): Promise<boolean> {
    const today = Math.floor(this.clock.now() / DAY_MS);
    if (today !== this.day) {
      this.spent = await this.spentSince(today * DAY_MS);
      this.day = today;
    }
    return this.spent >= this.limitUsd;
  }

  /** Adds a call's cost, on the day it was recorded. */
  add(costUsd: number, recordedAt: number): void {
    // A call that finished on a new day is in the store already: the next check reloads that day.
    if (Math.floor(recordedAt / DAY_MS) === this.day) this.spent += costUsd;
    else this.day = Number.NaN;
  }

  /** Today's spend so far, as last counted. */
  get spentUsd(): number {
    return this.spent;
  }
}
