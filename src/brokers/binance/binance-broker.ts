// The Binance spot adapter behind the Broker port, through ccxt. Spot cannot short, so an
// entry is a BUY, and its stop and target become a SELL OCO on the bought quantity once it fills
// (protection.ts); a ticket is that holding, found again from the venue's open orders. Client ids
// travel as `newClientOrderId` and are looked up with `origClientOrderId`; Binance lets a done
// order's id be reused, so idempotency is ours: an id the venue already has is answered first.
import Big from 'big.js';
import type {
  Balance,
  Broker,
  BrokerHealth,
  BrokerName,
  OrderRef,
  PositionRef,
  Protection,
  Ticker,
  VenueOrder,
  VenuePosition,
} from '../../domain/broker.js';
import type { Candle } from '../../domain/candle.js';
import type { ClientOrderId, SymbolId } from '../../domain/ids.js';
import type { InstrumentRegistry } from '../../domain/instruments/registry.js';
import type { Instrument } from '../../domain/instruments/types.js';
import type { Fill, OrderIntent } from '../../domain/order.js';
import type { Timeframe } from '../../domain/timeframe.js';
import type { VenueInstrumentSpec } from '../instrument-spec.js';
import { candlePages, readCandles } from './candles.js';
import { BinanceClient, type BinanceClientOptions, NOT_FOUND } from './client.js';
import { symbolFilters } from './filters.js';
import { instrumentSpec } from './instrument-specs.js';
import { fillView } from './mapping.js';
import { OrderBook } from './order-book.js';
import { rawAccount, rawServerTime, rawSymbolFilters, rawTicker } from './schemas.js';
import { Tickets } from './tickets.js';

export interface BinanceBrokerOptions extends BinanceClientOptions {
  readonly registry: InstrumentRegistry;
  /** The instruments traded here (default: every Binance instrument of the registry). */
  readonly symbols?: readonly SymbolId[];
  /** The account's quote currency, in which balances are reported. */
  readonly quoteCurrency?: string;
  readonly now?: () => number;
}

const EXCHANGE_INFO = 'GET /api/v3/exchangeInfo';

export interface Market {
  readonly instrument: Instrument;
  readonly filters: ReturnType<typeof symbolFilters>;
}

export class BinanceBroker implements Broker {
  readonly id: BrokerName = 'binance';
  readonly #client: BinanceClient;
  readonly #registry: InstrumentRegistry;
  readonly #symbols: readonly SymbolId[];
  readonly #quote: string;
  readonly #now: () => number;
  readonly #orders: OrderBook;
  readonly #tickets: Tickets;

  constructor(options: BinanceBrokerOptions) {
    this.#client = new BinanceClient(options);
    this.#registry = options.registry;
    this.#symbols = options.symbols ?? options.registry.byBroker('binance').map((i) => i.id);
    this.#quote = options.quoteCurrency ?? 'USDT';
    this.#now = options.now ?? Date.now;
    const markets = {
      market: (s: SymbolId) => this.#market(s),
      symbolOf: (v: string) => this.#symbolOf(v),
      ask: async (s: SymbolId) => (await this.fetchTicker(s)).ask,
    };
    this.#orders = new OrderBook(this.#client, markets, this.#symbols);
    this.#tickets = new Tickets(this.#client, markets, this.#orders);
  }

  async fetchCandles(symbol: SymbolId, timeframe: Timeframe, since?: number): Promise<Candle[]> {
    const { filters } = await this.#market(symbol);
    return readCandles(this.#client, filters.venueSymbol, timeframe, since, this.#now());
  }

  /** Closed candles opening in [from, to], a validated page (≤ 1000) at a time: the history fetch. */
  async *candlePages(
    symbol: SymbolId,
    timeframe: Timeframe,
    from: number,
    to: number,
  ): AsyncGenerator<Candle[]> {
    const { filters } = await this.#market(symbol);
    yield* candlePages(this.#client, filters.venueSymbol, timeframe, from, to, this.#now());
  }

  /** PRICE_FILTER tick, LOT_SIZE step and minimum, NOTIONAL minimum of each symbol (exchangeInfo). */
  async instrumentSpecs(symbols: readonly SymbolId[]): Promise<VenueInstrumentSpec[]> {
    const out: VenueInstrumentSpec[] = [];
    for (const symbol of symbols) out.push(instrumentSpec(this.#client, await this.#rawMarket(symbol)));
    return out;
  }

  async fetchTicker(symbol: SymbolId): Promise<Ticker> {
    const { instrument, filters } = await this.#market(symbol);
    const endpoint = 'GET /api/v3/ticker/24hr';
    const res = await this.#client.call(endpoint, false, () =>
      this.#client.exchange.fetchTicker(instrument.venueSymbol),
    );
    if (res === NOT_FOUND) throw this.#client.fail('rejected', endpoint, `no ticker for ${symbol}`);
    const t = this.#client.parse(rawTicker, res.info, endpoint);
    return {
      symbol,
      bid: Number(t.bidPrice),
      ask: Number(t.askPrice),
      time: t.closeTime,
      tradeable: filters.trading,
    };
  }

  async fetchBalance(): Promise<Balance> {
    const endpoint = 'GET /api/v3/account';
    const res = await this.#client.call(endpoint, false, () => this.#client.exchange.privateGetAccount());
    const account = this.#client.parse(rawAccount, res, endpoint);
    const total = (asset: string) => {
      const b = account.balances.find((x) => x.asset === asset);
      return b === undefined ? new Big(0) : new Big(b.free).plus(b.locked);
    };
    let equity = total(this.#quote);
    // Holdings count at the bid: what selling them now would bring.
    for (const symbol of this.#symbols) {
      const held = total(this.#registry.get(symbol).baseAsset);
      if (held.gt(0)) equity = equity.plus(held.times((await this.fetchTicker(symbol)).bid));
    }
    const free = account.balances.find((x) => x.asset === this.#quote)?.free ?? '0';
    return { currency: this.#quote, equity: equity.toNumber(), available: Number(free), time: this.#now() };
  }

  placeOrder(intent: OrderIntent): Promise<VenueOrder> {
    return this.#tickets.enter(intent);
  }

  amendProtection(position: PositionRef, protection: Protection): Promise<void> {
    return this.#tickets.amend(position, protection);
  }

  closePosition(position: PositionRef, options: { clientId: ClientOrderId; qty?: Big }): Promise<VenueOrder> {
    return this.#tickets.close(position, options);
  }

  cancelOrder(ref: OrderRef): Promise<void> {
    return this.#orders.cancel(ref);
  }

  fetchOrder(ref: OrderRef): Promise<VenueOrder | undefined> {
    return this.#orders.find(ref);
  }

  async fetchOpenOrders(): Promise<VenueOrder[]> {
    await this.#tickets.settle();
    return this.#orders.open();
  }

  async fetchPositions(): Promise<VenuePosition[]> {
    await this.#tickets.settle();
    return this.#tickets.positions();
  }

  async fetchFills(since: number): Promise<Fill[]> {
    const out: Fill[] = [];
    for (const symbol of this.#symbols) {
      const venue = (await this.#market(symbol)).filters.venueSymbol;
      const orders = await this.#orders.all(venue);
      const byId = new Map(orders.map((o) => [o.orderId, o]));
      const entries = new Map(
        orders.filter((o) => o.side === 'BUY').map((o) => [o.clientOrderId, o.orderId]),
      );
      for (const t of await this.#orders.trades(venue)) {
        if (t.time < since) continue;
        out.push(fillView(t, symbol, byId.get(t.orderId), (c) => entries.get(c)));
      }
    }
    return out.sort((a, b) => a.time - b.time);
  }

  async checkConnectivity(): Promise<BrokerHealth> {
    const started = performance.now();
    try {
      const endpoint = 'GET /api/v3/time';
      const res = await this.#client.call(endpoint, false, () => this.#client.exchange.publicGetTime());
      const serverTime = this.#client.parse(
        rawServerTime,
        (res as { serverTime?: unknown }).serverTime,
        endpoint,
      );
      const { available } = await this.fetchBalance();
      const latencyMs = Math.round(performance.now() - started);
      const skew = Math.round(serverTime - Date.now());
      return {
        ok: true,
        detail: `binance spot, ${available} ${this.#quote} free, clock skew ${skew} ms`,
        latencyMs,
      };
    } catch (error) {
      return { ok: false, detail: (error as Error).message };
    }
  }

  /** ccxt's REST client keeps no sockets of its own beyond the shared keep-alive pool. */
  async close(): Promise<void> {}

  async #market(symbol: SymbolId): Promise<Market> {
    const { instrument, info } = await this.#rawMarket(symbol);
    return {
      instrument,
      filters: symbolFilters(this.#client.parse(rawSymbolFilters, info, EXCHANGE_INFO)),
    };
  }

  /** The instrument and ccxt's raw exchangeInfo entry for it (markets load once, on first use). */
  async #rawMarket(symbol: SymbolId): Promise<{ instrument: Instrument; info: unknown }> {
    const instrument = this.#registry.tryGet(symbol);
    if (instrument?.broker !== 'binance') {
      throw this.#client.fail('rejected', '(before any request)', `${symbol} is not a Binance instrument`);
    }
    await this.#client.call(EXCHANGE_INFO, false, async () => undefined);
    const market = this.#client.exchange.markets?.[instrument.venueSymbol];
    if (market === undefined) {
      throw this.#client.fail('fatal', EXCHANGE_INFO, `${symbol} (${instrument.venueSymbol}) is not listed`);
    }
    return { instrument, info: market.info };
  }

  #symbolOf(venueSymbol: string): SymbolId {
    const symbol = this.#client.exchange.safeMarket(venueSymbol).symbol;
    const found = symbol === undefined ? undefined : this.#registry.byVenueSymbol('binance', symbol);
    if (found === undefined) {
      throw this.#client.fail('fatal', '(mapping)', `market ${venueSymbol} is not in the registry`);
    }
    return found.id;
  }
}
