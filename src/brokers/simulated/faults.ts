// Switches that make the simulated venue misbehave on purpose, for the contract suite, crash
// tests and soak runs. Each switch arms a count of calls; nothing is random.
import { AmbiguousOrderError, RejectedError, RetryableError } from '../../domain/errors.js';

export const BrokerCalls = [
  'fetchCandles',
  'fetchTicker',
  'fetchBalance',
  'placeOrder',
  'amendProtection',
  'closePosition',
  'cancelOrder',
  'fetchOrder',
  'fetchOpenOrders',
  'fetchPositions',
  'fetchFills',
] as const;
export type BrokerCall = (typeof BrokerCalls)[number];

/** Calls that change the venue: the ones whose response can be lost after they took effect. */
export type MutatingCall = 'placeOrder' | 'amendProtection' | 'closePosition' | 'cancelOrder';

export class SimulatedFaults {
  readonly #fail = new Map<BrokerCall, number>();
  readonly #reject = new Map<BrokerCall, { times: number; reason: string }>();
  readonly #lose = new Map<MutatingCall | 'order', number>();
  #disconnected = false;

  /** The next `times` calls of `call` throw `RetryableError` without doing anything. */
  failNext(call: BrokerCall, times = 1): this {
    this.#fail.set(call, (this.#fail.get(call) ?? 0) + times);
    return this;
  }

  /** The next `times` calls of `call` are refused (`RejectedError`) without doing anything. */
  rejectNext(call: BrokerCall, reason = 'refused by fault injection', times = 1): this {
    this.#reject.set(call, { times, reason });
    return this;
  }

  /**
   * The next order call (placeOrder or closePosition, or the one named) takes effect at the
   * venue, but its caller gets `AmbiguousOrderError`, as when a response is lost in transit.
   */
  loseNextResponse(call: MutatingCall | 'order' = 'order', times = 1): this {
    this.#lose.set(call, (this.#lose.get(call) ?? 0) + times);
    return this;
  }

  /** fetchPositions throws for the next `times` calls: a failed query is never "flat". */
  failPositionsQuery(times = 1): this {
    return this.failNext('fetchPositions', times);
  }

  /** Every call throws `RetryableError` and connectivity reports down, until `reconnect`. */
  disconnect(): this {
    this.#disconnected = true;
    return this;
  }

  reconnect(): this {
    this.#disconnected = false;
    return this;
  }

  get connected(): boolean {
    return !this.#disconnected;
  }

  reset(): this {
    this.#fail.clear();
    this.#reject.clear();
    this.#lose.clear();
    this.#disconnected = false;
    return this;
  }

  /** Before a call: throws when a failure or refusal is armed for it. */
  before(call: BrokerCall): void {
    if (this.#disconnected) throw new RetryableError(`simulated venue unreachable (${call})`);
    if (take(this.#fail, call)) throw new RetryableError(`simulated ${call} failed (fault injection)`);
    const reject = this.#reject.get(call);
    if (reject !== undefined) {
      if (--reject.times <= 0) this.#reject.delete(call);
      throw new RejectedError(reject.reason);
    }
  }

  /** After a mutating call took effect: throws when its response is to be lost. */
  after(call: MutatingCall): void {
    const isOrder = call === 'placeOrder' || call === 'closePosition';
    if (take(this.#lose, call) || (isOrder && take(this.#lose, 'order'))) {
      throw new AmbiguousOrderError(`simulated ${call}: response lost after the venue applied it`);
    }
  }
}

function take<K>(counts: Map<K, number>, key: K): boolean {
  const n = counts.get(key) ?? 0;
  if (n <= 0) return false;
  if (n === 1) counts.delete(key);
  else counts.set(key, n - 1);
  return true;
}
