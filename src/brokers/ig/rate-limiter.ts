// IG's allowances (brokers.md §2.4): per-minute windows for trading and non-trading requests,
// and a weekly budget of historical price points. Requests wait for a slot in a sliding
// 60-second window; once the venue says an allowance is spent (403 exceeded-*-allowance) that
// class of request is refused locally until the back-off ends, so we stop earning 403s.
// Wall time on purpose (not the trading Clock): the allowances are per real minute of requests
// to the venue, however fast a demo's or a backtest's clock runs.

export type Allowance = 'trading' | 'nonTrading';

export interface IgLimits {
  /** Default 28: IG's 30 non-trading per account per minute, less trading-ig's margin of 2. */
  readonly nonTradingPerMinute?: number;
  /** Default 98 of IG's 100 trading requests per account per minute. */
  readonly tradingPerMinute?: number;
  /** After a 403 allowance error: how long that class is held back (default 60 s). */
  readonly backoffMs?: number;
}

const WINDOW_MS = 60_000;

export class AllowanceLimiter {
  readonly #caps: Record<Allowance, number>;
  readonly #sent: Record<Allowance, number[]> = { trading: [], nonTrading: [] };
  readonly #blockedUntil: Record<Allowance | 'history', number> = { trading: 0, nonTrading: 0, history: 0 };
  readonly backoffMs: number;
  /** Price points left this week, as the last `/prices` answer said. */
  historyRemaining: number | undefined;

  constructor(limits: IgLimits = {}) {
    this.#caps = { trading: limits.tradingPerMinute ?? 98, nonTrading: limits.nonTradingPerMinute ?? 28 };
    this.backoffMs = limits.backoffMs ?? 60_000;
  }

  /** Milliseconds until `kind` may be sent again after a refusal, 0 when it may. */
  blockedFor(kind: Allowance | 'history'): number {
    return Math.max(0, this.#blockedUntil[kind] - Date.now());
  }

  block(kind: Allowance | 'history', ms = this.backoffMs): void {
    this.#blockedUntil[kind] = Math.max(this.#blockedUntil[kind], Date.now() + ms);
  }

  /** Resolves when a request of `kind` fits in the sliding minute; slots are taken in call order. */
  async acquire(kind: Allowance): Promise<void> {
    const sent = this.#sent[kind];
    for (;;) {
      const now = Date.now();
      while (sent.length > 0 && sent[0]! <= now - WINDOW_MS) sent.shift();
      if (sent.length < this.#caps[kind]) {
        sent.push(now);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, sent[0]! + WINDOW_MS - now));
    }
  }
}
