// Trade ids already applied, across orders: fills arrive twice (stream and poll, or a `fetchFills`
// window overlapping the last one) and must count once. Each order's snapshot also keeps its own
// trade ids (so `apply` is idempotent on its own); this ledger also catches fills of orders the
// book no longer holds. Bounded: the oldest ids are forgotten first.
import type { TradeId } from '../domain/ids.js';
import type { BrokerId } from '../domain/instruments/types.js';

export const DEFAULT_LEDGER_CAPACITY = 50_000;

export class FillLedger {
  readonly capacity: number;
  // A Set iterates in insertion order, so its first key is the oldest.
  readonly #seen = new Set<string>();

  constructor(capacity = DEFAULT_LEDGER_CAPACITY) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`fill ledger capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
  }

  get size(): number {
    return this.#seen.size;
  }

  has(broker: BrokerId, tradeId: TradeId): boolean {
    return this.#seen.has(key(broker, tradeId));
  }

  /** Records a fill; false when it was already recorded (a duplicate). */
  add(broker: BrokerId, tradeId: TradeId): boolean {
    const k = key(broker, tradeId);
    if (this.#seen.has(k)) return false;
    this.#seen.add(k);
    if (this.#seen.size > this.capacity) {
      const oldest = this.#seen.values().next().value;
      if (oldest !== undefined) this.#seen.delete(oldest);
    }
    return true;
  }
}

// Trade ids are unique per venue only; NUL cannot occur in either part.
const key = (broker: BrokerId, tradeId: TradeId) => `${broker}\u0000${tradeId}`;
