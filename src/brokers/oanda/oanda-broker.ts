// The OANDA v20 REST adapter behind the Broker port. Orders fill on placement (tick-driven),
// client ids travel as `clientExtensions.id` and are looked up as `@id`; OANDA has no
// idempotency key, so a re-placed id is refused by the venue (CLIENT_ORDER_ID_ALREADY_EXISTS)
// and answered with the order it already has.
import type Big from 'big.js';
import { z } from 'zod';
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
import { type Timeframe, timeframeMs } from '../../domain/timeframe.js';
import type { VenueInstrumentSpec } from '../instrument-spec.js';
import { CandleReader } from './candle-reader.js';
import { oandaError } from './errors.js';
import { formatUnits } from './format.js';
import { OandaHttp, type OandaHttpOptions, type OandaResponse } from './http.js';
import { readInstrumentSpecs } from './instrument-specs.js';
import { isEntryOrCloseType, orderView, positionView, resultView, sideOf } from './mapping.js';
import { OrderLookup } from './order-lookup.js';
import { type MarketTimeInForce, orderRequest, protectionRequest } from './order-requests.js';
import {
  errorBody,
  orderResultResponse,
  ordersResponse,
  pricingResponse,
  summaryResponse,
  tradesResponse,
} from './schemas.js';
import { TransactionReader } from './transaction-reader.js';

export interface OandaBrokerOptions extends OandaHttpOptions {
  readonly accountId: string;
  readonly registry: InstrumentRegistry;
  /** FOK (default): all or nothing; IOC: a partial fill is kept and the rest canceled. */
  readonly marketTimeInForce?: MarketTimeInForce;
  readonly now?: () => number;
}

const ACCOUNT = '/v3/accounts/{accountID}';
const ALREADY_EXISTS = new Set(['CLIENT_ORDER_ID_ALREADY_EXISTS', 'CLIENT_TRADE_ID_ALREADY_EXISTS']);
const acknowledged = z.object({ lastTransactionID: z.string() });

export class OandaBroker implements Broker {
  readonly id: BrokerName = 'oanda';
  readonly #http: OandaHttp;
  readonly #account: string;
  readonly #registry: InstrumentRegistry;
  readonly #tif: MarketTimeInForce;
  readonly #now: () => number;
  readonly #token: string;
  readonly #candles: CandleReader;
  readonly #orders: OrderLookup;
  readonly #transactions: TransactionReader;
  #currency: string | undefined;

  constructor(options: OandaBrokerOptions) {
    this.#http = new OandaHttp(options);
    this.#account = `/v3/accounts/${encodeURIComponent(options.accountId)}`;
    this.#registry = options.registry;
    this.#tif = options.marketTimeInForce ?? 'FOK';
    this.#now = options.now ?? Date.now;
    this.#token = options.token;
    const symbolOf = (instrument: string | undefined, res: OandaResponse) => this.#symbolOf(instrument, res);
    this.#candles = new CandleReader(this.#http, this.#token);
    this.#orders = new OrderLookup(this.#http, this.#account, symbolOf, this.#token);
    this.#transactions = new TransactionReader(this.#http, this.#account, symbolOf);
  }

  async fetchCandles(symbol: SymbolId, timeframe: Timeframe, since?: number): Promise<Candle[]> {
    const candles = await this.#candles.read(this.#instrument(symbol), timeframe, since);
    // `since` is an open time; a candle the venue stamps before it is not asked for.
    return since === undefined ? candles : candles.filter((c) => c.time + timeframeMs[timeframe] > since);
  }

  /** Precision, unit step and minimum of each symbol, from the account's instrument list. */
  instrumentSpecs(symbols: readonly SymbolId[]): Promise<VenueInstrumentSpec[]> {
    const instruments = symbols.map((s) => this.#instrument(s));
    return readInstrumentSpecs(this.#http, this.#account, instruments, this.#token);
  }

  async fetchTicker(symbol: SymbolId): Promise<Ticker> {
    const instrument = this.#instrument(symbol);
    const res = await this.#get(`${ACCOUNT}/pricing`, `${this.#account}/pricing`, {
      instruments: instrument.venueSymbol,
    });
    const price = this.#http
      .parse(pricingResponse, res)
      .prices.find((p) => p.instrument === instrument.venueSymbol);
    const bid = price?.bids[0]?.price;
    const ask = price?.asks[0]?.price;
    if (price === undefined || bid === undefined || ask === undefined) {
      throw oandaError({ kind: 'retryable', call: res.call, detail: `no price for ${symbol}` }, this.#token);
    }
    return { symbol, bid: Number(bid), ask: Number(ask), time: price.time, tradeable: price.tradeable };
  }

  async fetchBalance(): Promise<Balance> {
    const { account } = await this.#summary();
    return {
      currency: account.currency,
      equity: Number(account.NAV),
      available: Number(account.marginAvailable),
      time: this.#now(),
    };
  }

  async placeOrder(intent: OrderIntent): Promise<VenueOrder> {
    const instrument = this.#instrument(intent.symbol);
    const body = orderRequest(instrument, intent, this.#tif);
    const res = await this.#http.request({
      method: 'POST',
      endpoint: `${ACCOUNT}/orders`,
      path: `${this.#account}/orders`,
      body,
      mutating: true,
      accept: [400, 404],
    });
    if (res.status === 400 || res.status === 404) {
      const refused = errorBody.safeParse(res.body).data;
      const reason = refused?.orderRejectTransaction?.rejectReason ?? refused?.errorCode ?? 'UNKNOWN';
      if (ALREADY_EXISTS.has(reason)) {
        const existing = await this.fetchOrder({ clientId: intent.clientId });
        if (existing !== undefined) return existing;
      }
      const said = refused?.errorMessage ?? 'refused';
      throw oandaError(
        { kind: 'rejected', call: res.call, detail: `${intent.symbol} ${reason}: ${said}`, reason },
        this.#token,
      );
    }
    const result = this.#http.parse(orderResultResponse, res, true);
    const cancel = result.orderCancelTransaction;
    if (cancel !== undefined && result.orderFillTransaction === undefined) {
      // A 201 holding only a cancel means "not filled" (brokers.md §1.6): a definitive refusal.
      const detail = `${intent.symbol} order ${cancel.orderID} canceled unfilled: ${cancel.reason}`;
      throw oandaError({ kind: 'rejected', call: res.call, detail, reason: cancel.reason }, this.#token);
    }
    const { clientId, symbol, side } = intent;
    return resultView({ clientId, symbol, side, kind: intent.orderKind, units: body.order.units }, result);
  }

  async amendProtection(position: PositionRef, protection: Protection): Promise<void> {
    const instrument = this.#instrument(position.symbol);
    const res = await this.#http.request({
      method: 'PUT',
      endpoint: `${ACCOUNT}/trades/{tradeSpecifier}/orders`,
      path: `${this.#account}/trades/${encodeURIComponent(position.ref)}/orders`,
      body: protectionRequest(instrument, protection),
      mutating: true,
    });
    this.#http.parse(acknowledged, res, true);
  }

  /**
   * `PUT trades/{id}/close` takes no client id, so idempotency is ours: an id already used is
   * answered from the venue (the close order is tagged with it right after) before any close.
   */
  async closePosition(
    position: PositionRef,
    options: { clientId: ClientOrderId; qty?: Big },
  ): Promise<VenueOrder> {
    const existing = await this.fetchOrder({ clientId: options.clientId });
    if (existing !== undefined) return existing;
    const instrument = this.#instrument(position.symbol);
    const units = options.qty === undefined ? 'ALL' : formatUnits(instrument, options.qty);
    const res = await this.#http.request({
      method: 'PUT',
      endpoint: `${ACCOUNT}/trades/{tradeSpecifier}/close`,
      path: `${this.#account}/trades/${encodeURIComponent(position.ref)}/close`,
      body: { units },
      mutating: true,
    });
    const result = this.#http.parse(orderResultResponse, res, true);
    const created = result.orderCreateTransaction;
    await this.#orders.tag(created.id, options.clientId);
    const signed = created.units ?? result.orderFillTransaction?.units ?? '0';
    const placed = { clientId: options.clientId, symbol: position.symbol, kind: 'market' as const };
    return resultView({ ...placed, side: sideOf(signed), units: signed }, result, position.ref);
  }

  async cancelOrder(ref: OrderRef): Promise<void> {
    await this.#orders.cancel(ref);
  }

  fetchOrder(ref: OrderRef): Promise<VenueOrder | undefined> {
    return this.#orders.find(ref);
  }

  async fetchOpenOrders(): Promise<VenueOrder[]> {
    const res = await this.#get(`${ACCOUNT}/pendingOrders`, `${this.#account}/pendingOrders`);
    // Dependent orders (a trade's stop loss and take profit) are protection, not the bot's orders.
    const orders = this.#http.parse(ordersResponse, res).orders.filter((o) => isEntryOrCloseType(o.type));
    return orders.map((o) => orderView(o, this.#symbolOf(o.instrument, res), undefined));
  }

  async fetchPositions(): Promise<VenuePosition[]> {
    const res = await this.#get(`${ACCOUNT}/openTrades`, `${this.#account}/openTrades`);
    return this.#http
      .parse(tradesResponse, res)
      .trades.map((t) => positionView(t, this.#symbolOf(t.instrument, res)));
  }

  async fetchFills(since: number): Promise<Fill[]> {
    const currency = this.#currency ?? (await this.#summary()).account.currency;
    return this.#transactions.fills(since, currency);
  }

  async checkConnectivity(): Promise<BrokerHealth> {
    const started = performance.now();
    try {
      const { account } = await this.#summary();
      const latencyMs = Math.round(performance.now() - started);
      return { ok: true, detail: `oanda account ${account.id} (${account.currency})`, latencyMs };
    } catch (error) {
      return { ok: false, detail: (error as Error).message };
    }
  }

  /** fetch keeps no per-client resources (the global keep-alive pool is shared). */
  async close(): Promise<void> {}

  async #summary() {
    const res = await this.#get(`${ACCOUNT}/summary`, `${this.#account}/summary`);
    const summary = this.#http.parse(summaryResponse, res);
    this.#currency = summary.account.currency;
    return summary;
  }

  #get(endpoint: string, path: string, query?: Record<string, string>): Promise<OandaResponse> {
    return this.#http.request({ method: 'GET', endpoint, path, ...(query === undefined ? {} : { query }) });
  }

  #instrument(symbol: SymbolId): Instrument {
    const instrument = this.#registry.tryGet(symbol);
    if (instrument?.broker !== 'oanda') {
      const call = { venue: 'oanda' as const, endpoint: '(before any request)', status: undefined };
      throw oandaError(
        { kind: 'rejected', call, detail: `${symbol} is not an OANDA instrument` },
        this.#token,
      );
    }
    return instrument;
  }

  #symbolOf(venueSymbol: string | undefined, res: OandaResponse): SymbolId {
    const found = venueSymbol === undefined ? undefined : this.#registry.byVenueSymbol('oanda', venueSymbol);
    if (found === undefined) {
      const detail = `instrument ${venueSymbol ?? '(none)'} is not in the registry`;
      throw oandaError({ kind: 'fatal', call: res.call, detail }, this.#token);
    }
    return found.id;
  }
}
