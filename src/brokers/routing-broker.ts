// Paper and live trading run one pipeline over several venues (SPEC §2): the execution engine
// and the trading loop see one Broker, and this one sends each call to the venue of its symbol.
// Calls that name no symbol (an order by client id, the open orders, positions and fills) ask
// every venue; a failed venue fails the whole query, so a failed query is never "flat".

import type Big from 'big.js';
import type {
  Balance,
  Broker,
  BrokerHealth,
  OrderAck,
  OrderRef,
  PositionRef,
  Protection,
  VenueOrder,
  VenuePosition,
} from '../domain/broker.js';
import type { Candle } from '../domain/candle.js';
import type { ClientOrderId, SymbolId } from '../domain/ids.js';
import { convert, type UsdRates } from '../domain/instruments/fx-rates.js';
import type { InstrumentRegistry } from '../domain/instruments/registry.js';
import type { BrokerId } from '../domain/instruments/types.js';
import type { Fill, OrderIntent } from '../domain/order.js';
import type { Timeframe } from '../domain/timeframe.js';

export interface RoutingBrokerOptions {
  readonly venues: Partial<Record<BrokerId, Broker>>;
  readonly registry: InstrumentRegistry;
  /** The book's currency: the combined balance is converted to it. */
  readonly baseCurrency: string;
  readonly rates: UsdRates;
}

export class RoutingBroker implements Broker {
  readonly id = 'routing' as const;
  readonly #venues: ReadonlyArray<readonly [BrokerId, Broker]>;
  /** Which venue took each client id (placements of this process); others are looked up. */
  readonly #placed = new Map<ClientOrderId, BrokerId>();

  constructor(private readonly o: RoutingBrokerOptions) {
    this.#venues = Object.entries(o.venues).filter((e): e is [BrokerId, Broker] => e[1] !== undefined);
    if (this.#venues.length === 0) throw new Error('a routing broker needs at least one venue');
  }

  /** The venue adapters, by broker (health checks and per-venue balances). */
  get venues(): ReadonlyArray<readonly [BrokerId, Broker]> {
    return this.#venues;
  }

  /** The venue an instrument trades on; throws for an instrument whose broker is not enabled. */
  venueOf(symbol: string): Broker {
    const broker = this.o.registry.get(symbol).broker;
    const venue = this.o.venues[broker];
    if (venue === undefined) throw new Error(`${symbol} trades on ${broker}, which is not enabled (BROKERS)`);
    return venue;
  }

  fetchCandles(symbol: SymbolId, timeframe: Timeframe, since?: number): Promise<Candle[]> {
    return this.venueOf(symbol).fetchCandles(symbol, timeframe, since);
  }

  fetchTicker(symbol: SymbolId) {
    return this.venueOf(symbol).fetchTicker(symbol);
  }

  /** Each venue's own balance, in its account currency. */
  async fetchBalances(): Promise<Partial<Record<BrokerId, Balance>>> {
    const all = await Promise.all(this.#venues.map(async ([id, v]) => [id, await v.fetchBalance()] as const));
    return Object.fromEntries(all);
  }

  /** The venues' balances added up in the base currency (the risk book's equity). */
  async fetchBalance(): Promise<Balance> {
    const all = Object.values(await this.fetchBalances()).filter((b): b is Balance => b !== undefined);
    const to = (x: number, currency: string) => {
      const v = convert(x, currency, this.o.baseCurrency, this.o.rates);
      // An account the book cannot value makes the equity unknown: the risk gate then fails closed.
      if (v === undefined) throw new Error(`no rate from ${currency} to ${this.o.baseCurrency}`);
      return v;
    };
    return {
      currency: this.o.baseCurrency,
      equity: all.reduce((s, b) => s + to(b.equity, b.currency), 0),
      available: all.reduce((s, b) => s + to(b.available, b.currency), 0),
      time: Math.max(...all.map((b) => b.time)),
    };
  }

  async placeOrder(intent: OrderIntent): Promise<OrderAck> {
    const broker = this.o.registry.get(intent.symbol).broker;
    // Remembered before the call: an ambiguous outcome is then looked up at the right venue.
    this.#placed.set(intent.clientId, broker);
    return this.venueOf(intent.symbol).placeOrder(intent);
  }

  amendProtection(position: PositionRef, protection: Protection): Promise<void> {
    return this.venueOf(position.symbol).amendProtection(position, protection);
  }

  closePosition(position: PositionRef, options: { clientId: ClientOrderId; qty?: Big }): Promise<OrderAck> {
    this.#placed.set(options.clientId, this.o.registry.get(position.symbol).broker);
    return this.venueOf(position.symbol).closePosition(position, options);
  }

  async cancelOrder(ref: OrderRef): Promise<void> {
    const venue = await this.#venueHolding(ref);
    if (venue !== undefined) await venue.cancelOrder(ref);
  }

  async fetchOrder(ref: OrderRef): Promise<VenueOrder | undefined> {
    const known = ref.clientId === undefined ? undefined : this.#placed.get(ref.clientId);
    if (known !== undefined) return this.o.venues[known]!.fetchOrder(ref);
    for (const [id, venue] of this.#venues) {
      const found = await venue.fetchOrder(ref);
      if (found !== undefined) {
        if (ref.clientId !== undefined) this.#placed.set(ref.clientId, id);
        return found;
      }
    }
    return undefined;
  }

  async fetchOpenOrders(): Promise<VenueOrder[]> {
    return (await Promise.all(this.#venues.map(([, v]) => v.fetchOpenOrders()))).flat();
  }

  async fetchPositions(): Promise<VenuePosition[]> {
    return (await Promise.all(this.#venues.map(([, v]) => v.fetchPositions()))).flat();
  }

  async fetchFills(since: number): Promise<Fill[]> {
    const all = (await Promise.all(this.#venues.map(([, v]) => v.fetchFills(since)))).flat();
    return all.sort((a, b) => a.time - b.time);
  }

  /** Healthy only when every venue is. */
  async checkConnectivity(): Promise<BrokerHealth> {
    const all = await Promise.all(
      this.#venues.map(async ([id, v]) => [id, await v.checkConnectivity()] as const),
    );
    const bad = all.filter(([, h]) => !h.ok);
    return {
      ok: bad.length === 0,
      detail: all.map(([id, h]) => `${id}: ${h.ok ? 'ok' : h.detail}`).join('; '),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.#venues.map(([, v]) => v.close()));
  }

  async #venueHolding(ref: OrderRef): Promise<Broker | undefined> {
    const known = ref.clientId === undefined ? undefined : this.#placed.get(ref.clientId);
    if (known !== undefined) return this.o.venues[known];
    for (const [, venue] of this.#venues) if ((await venue.fetchOrder(ref)) !== undefined) return venue;
    return undefined;
  }
}
