// PAPER_EXECUTION=simulated (SPEC §11): real market data from the venues, orders to the
// SimulatedBroker — a dry run that needs only data access. The 1h bars the loop reads are queued
// and fed to the simulated venue as the loop reaches each one's close (`advanceTo`), so its
// stops and targets are resolved bar by bar exactly as in the demo and in backtests.
import type Big from 'big.js';
import type { SimulatedBroker } from '../../brokers/simulated/index.js';
import type {
  Broker,
  OrderAck,
  OrderRef,
  PositionRef,
  Protection,
  VenueOrder,
  VenuePosition,
} from '../../domain/broker.js';
import type { Candle } from '../../domain/candle.js';
import type { ClientOrderId, SymbolId } from '../../domain/ids.js';
import type { Fill, OrderIntent } from '../../domain/order.js';
import { HOUR_MS, type Timeframe } from '../../domain/timeframe.js';

export class SimulatedExecution implements Broker {
  readonly id = 'simulated' as const;
  /** Fetched 1h bars the venue has not been fed yet, and the last bar queued per symbol. */
  readonly #queue: Array<{ symbol: string; bar: Candle }> = [];
  readonly #last = new Map<string, number>();

  constructor(
    private readonly data: Broker,
    private readonly venue: SimulatedBroker,
  ) {}

  /** Bars fed to the venue before (a resumed run's log): they are not queued again. */
  fedUntil(symbol: string, time: number): void {
    this.#last.set(symbol, Math.max(this.#last.get(symbol) ?? Number.NEGATIVE_INFINITY, time));
  }

  async fetchCandles(symbol: SymbolId, timeframe: Timeframe, since?: number): Promise<Candle[]> {
    const bars = await this.data.fetchCandles(symbol, timeframe, since);
    if (timeframe !== '1h') return bars;
    const last = this.#last.get(symbol) ?? Number.NEGATIVE_INFINITY;
    for (const bar of bars) if (bar.time > last) this.#queue.push({ symbol, bar });
    if (bars.length > 0) this.#last.set(symbol, Math.max(last, bars.at(-1)!.time));
    return bars;
  }

  /** Feeds the queued bars that closed by `t`, in time order. */
  advanceTo(t: number): void {
    this.#queue.sort((a, b) => a.bar.time - b.bar.time);
    let n = 0;
    while (n < this.#queue.length && this.#queue[n]!.bar.time + HOUR_MS <= t) n++;
    if (n === 0) return;
    this.venue.onBars(this.#queue.splice(0, n));
  }

  fetchTicker(symbol: SymbolId) {
    return this.venue.fetchTicker(symbol);
  }
  fetchBalance() {
    return this.venue.fetchBalance();
  }
  placeOrder(intent: OrderIntent): Promise<OrderAck> {
    return this.venue.placeOrder(intent);
  }
  amendProtection(position: PositionRef, protection: Protection): Promise<void> {
    return this.venue.amendProtection(position, protection);
  }
  closePosition(position: PositionRef, options: { clientId: ClientOrderId; qty?: Big }): Promise<OrderAck> {
    return this.venue.closePosition(position, options);
  }
  cancelOrder(ref: OrderRef): Promise<void> {
    return this.venue.cancelOrder(ref);
  }
  fetchOrder(ref: OrderRef): Promise<VenueOrder | undefined> {
    return this.venue.fetchOrder(ref);
  }
  fetchOpenOrders(): Promise<VenueOrder[]> {
    return this.venue.fetchOpenOrders();
  }
  fetchPositions(): Promise<VenuePosition[]> {
    return this.venue.fetchPositions();
  }
  fetchFills(since: number): Promise<Fill[]> {
    return this.venue.fetchFills(since);
  }
  /** The data venues must answer; the simulated venue always does. */
  checkConnectivity() {
    return this.data.checkConnectivity();
  }
  async close(): Promise<void> {
    await this.data.close();
  }
}
