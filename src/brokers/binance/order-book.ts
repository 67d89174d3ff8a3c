// Order lookups and the order lists the adapter reads back: one order by venue id (which carries
// its market) or by client id (`origClientOrderId`, asked of each traded market, the last one
// that answered first), open orders, all orders and trades of a market. Binance's -2013 "Order
// does not exist" is a lookup's "no", never an error.
import type { OrderRef, VenueOrder } from '../../domain/broker.js';
import type { SymbolId } from '../../domain/ids.js';
import type { Market } from './binance-broker.js';
import { type BinanceClient, NOT_FOUND } from './client.js';
import { orderView, parseVenueOrderId, protectionOf } from './mapping.js';
import { type RawOrder, type RawTrade, rawOrder, rawOrders, rawTrades } from './schemas.js';

export interface Markets {
  market(symbol: SymbolId): Promise<Market>;
  symbolOf(venueSymbol: string): SymbolId;
  ask(symbol: SymbolId): Promise<number>;
}

const GET_ORDER = 'GET /api/v3/order';
const PAGE = 1000;

export class OrderBook {
  /** Which market a client id was placed on, so a lookup asks that market first. */
  readonly #hints = new Map<string, SymbolId>();

  constructor(
    private readonly client: BinanceClient,
    private readonly markets: Markets,
    readonly symbols: readonly SymbolId[],
  ) {}

  remember(clientId: string, symbol: SymbolId): void {
    this.#hints.set(clientId, symbol);
  }

  async raw(symbol: SymbolId, by: { orderId?: string; clientId?: string }): Promise<RawOrder | undefined> {
    const { instrument } = await this.markets.market(symbol);
    const ex = this.client.exchange;
    const params = by.clientId === undefined ? {} : { origClientOrderId: by.clientId };
    const res = await this.client.call(GET_ORDER, false, () =>
      ex.fetchOrder(by.orderId ?? '', instrument.venueSymbol, params),
    );
    if (res === NOT_FOUND) return undefined;
    return this.client.parse(rawOrder, res.info, GET_ORDER);
  }

  /** The order and the symbol it trades, or undefined when no traded market has it. */
  async locate(ref: OrderRef): Promise<{ order: RawOrder; symbol: SymbolId } | undefined> {
    if (ref.venueOrderId !== undefined) {
      const parsed = parseVenueOrderId(ref.venueOrderId);
      if (parsed === undefined) return undefined;
      const symbol = this.markets.symbolOf(parsed.venueSymbol);
      const order = await this.raw(symbol, { orderId: parsed.orderId });
      return order === undefined ? undefined : { order, symbol };
    }
    const clientId = ref.clientId;
    if (clientId === undefined) return undefined;
    const hint = this.#hints.get(clientId);
    const order = hint === undefined ? this.symbols : [hint, ...this.symbols.filter((s) => s !== hint)];
    for (const symbol of order) {
      const found = await this.raw(symbol, { clientId });
      if (found !== undefined) {
        this.#hints.set(clientId, symbol);
        return { order: found, symbol };
      }
    }
    return undefined;
  }

  async find(ref: OrderRef): Promise<VenueOrder | undefined> {
    const found = await this.locate(ref);
    return found === undefined ? undefined : orderView(found.order, found.symbol);
  }

  async cancel(ref: OrderRef): Promise<void> {
    const endpoint = 'DELETE /api/v3/order';
    const found = await this.locate(ref);
    if (found === undefined) {
      throw this.client.fail(
        'rejected',
        endpoint,
        `no order ${ref.venueOrderId ?? ref.clientId ?? '(no id)'}`,
      );
    }
    const { instrument } = await this.markets.market(found.symbol);
    const res = await this.client.call(endpoint, true, () =>
      this.client.exchange.cancelOrder(found.order.orderId, instrument.venueSymbol),
    );
    // Already done (filled, canceled) by the time we asked: nothing is left to cancel.
    if (res === NOT_FOUND) return;
  }

  /** A market's open orders, protection legs included. */
  async openRaw(symbol: SymbolId): Promise<RawOrder[]> {
    const endpoint = 'GET /api/v3/openOrders';
    const { instrument } = await this.markets.market(symbol);
    const res = await this.client.call(endpoint, false, () =>
      this.client.exchange.fetchOpenOrders(instrument.venueSymbol),
    );
    if (res === NOT_FOUND) return [];
    return this.client.parse(
      rawOrders,
      res.map((o) => o.info),
      endpoint,
    );
  }

  /** The bot's open orders: protection legs belong to their ticket, not to this list. */
  async open(): Promise<VenueOrder[]> {
    const out: VenueOrder[] = [];
    for (const symbol of this.symbols) {
      for (const o of await this.openRaw(symbol)) {
        if (protectionOf(o.clientOrderId) === undefined) out.push(orderView(o, symbol));
      }
    }
    return out;
  }

  async all(venueSymbol: string): Promise<RawOrder[]> {
    const endpoint = 'GET /api/v3/allOrders';
    const res = await this.client.call(endpoint, false, () =>
      this.client.exchange.privateGetAllOrders({ symbol: venueSymbol, limit: PAGE }),
    );
    return res === NOT_FOUND ? [] : this.client.parse(rawOrders, res, endpoint);
  }

  /** Every trade of a market, paged forward by trade id (startTime windows are capped at 24 h). */
  async trades(venueSymbol: string): Promise<RawTrade[]> {
    const endpoint = 'GET /api/v3/myTrades';
    const out: RawTrade[] = [];
    let fromId = 0;
    for (;;) {
      const query = { symbol: venueSymbol, fromId, limit: PAGE };
      const res = await this.client.call(endpoint, false, () =>
        this.client.exchange.privateGetMyTrades(query),
      );
      const page = res === NOT_FOUND ? [] : this.client.parse(rawTrades, res, endpoint);
      out.push(...page);
      if (page.length < PAGE) return out;
      fromId = Number(page.at(-1)!.id) + 1;
    }
  }
}
