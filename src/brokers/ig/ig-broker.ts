// The IG REST adapter behind the Broker port. Every deal carries the intent's client id as its
// `dealReference` and is settled through GET /confirms/{ref}; what became of it later (fills,
// cancels, the venue's stops) is read back from the activity history. Candles for shares come
// from Yahoo (IG refuses their history), for other epics from /prices.
import type Big from 'big.js';
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
import { type ClientOrderId, isClientOrderId, type SymbolId } from '../../domain/ids.js';
import type { InstrumentRegistry } from '../../domain/instruments/registry.js';
import type { Instrument } from '../../domain/instruments/types.js';
import type { Fill, OrderIntent, OrderKind } from '../../domain/order.js';
import type { Timeframe } from '../../domain/timeframe.js';
import type { VenueInstrumentSpec } from '../instrument-spec.js';
import { ActivityReader } from './activity-reader.js';
import { IgCandles } from './candles.js';
import { IgAmbiguousOrderError, type IgCall } from './errors.js';
import { IgHttp, type IgHttpOptions, SessionRenewed } from './http.js';
import { readInstrumentSpec } from './instrument-specs.js';
import { activityOrderView, confirmView, fillOf, positionView, workingOrderView } from './mapping.js';
import { amendRequest, closeRequest, entryRequest, igSize } from './order-requests.js';
import {
  accountsResponse,
  type Confirm,
  confirmResponse,
  dealReferenceResponse,
  marketResponse,
  positionEntry,
  positionsResponse,
  workingOrdersResponse,
} from './schemas.js';
import { YahooCandles, type YahooOptions } from './yahoo-candles.js';

export interface IgBrokerOptions extends IgHttpOptions {
  readonly registry: InstrumentRegistry;
  readonly yahoo?: YahooOptions;
  /** GET /confirms may 404 for a moment after a deal: tries and pause (trading-ig: 5 × 1 s). */
  readonly confirmAttempts?: number;
  readonly confirmDelayMs?: number;
  /** How far back order lookups read the activity history (default 30 days). */
  readonly lookbackMs?: number;
  readonly now?: () => number;
}

export class IgBroker implements Broker {
  readonly id: BrokerName = 'ig';
  readonly http: IgHttp;
  readonly #registry: InstrumentRegistry;
  readonly #activity: ActivityReader;
  readonly #candles: IgCandles;
  readonly #yahoo: YahooCandles;
  readonly #now: () => number;
  readonly #attempts: number;
  readonly #delayMs: number;
  /**
   * A close takes no dealReference on IG, so its reference is the venue's: this maps the close
   * intent's client id to it (kept for this process only — see the report's limitations).
   */
  readonly #closes = new Map<ClientOrderId, { ref: string; symbol: SymbolId }>();

  constructor(options: IgBrokerOptions) {
    this.http = new IgHttp(options);
    this.#registry = options.registry;
    this.#now = options.now ?? Date.now;
    this.#attempts = options.confirmAttempts ?? 5;
    this.#delayMs = options.confirmDelayMs ?? 1000;
    this.#activity = new ActivityReader(this.http, options.lookbackMs ?? 30 * 86_400_000, this.#now);
    this.#candles = new IgCandles(this.http, this.#now);
    this.#yahoo = new YahooCandles(options.yahoo ?? {}, this.#now);
  }

  fetchCandles(symbol: SymbolId, timeframe: Timeframe, since?: number): Promise<Candle[]> {
    const instrument = this.#instrument(symbol);
    return instrument.dataSource === 'yahoo'
      ? this.#yahoo.read(instrument, timeframe, since)
      : this.#candles.read(instrument.venueSymbol, timeframe, since);
  }

  /** Price decimals and minimum deal size of each symbol, from GET /markets/{epic}. */
  async instrumentSpecs(symbols: readonly SymbolId[]): Promise<VenueInstrumentSpec[]> {
    const out: VenueInstrumentSpec[] = [];
    for (const symbol of symbols) out.push(await readInstrumentSpec(this.http, this.#instrument(symbol)));
    return out;
  }

  async fetchTicker(symbol: SymbolId): Promise<Ticker> {
    const epic = this.#instrument(symbol).venueSymbol;
    const res = await this.#get('/markets/{epic}', `/markets/${encodeURIComponent(epic)}`, 3);
    const { snapshot } = this.http.parse(marketResponse, res);
    if (snapshot.bid === null || snapshot.offer === null)
      this.http.fail(res.call, 'retryable', `no price for ${symbol}`);
    const tradeable = snapshot.marketStatus === 'TRADEABLE';
    return { symbol, bid: snapshot.bid, ask: snapshot.offer, time: this.#now(), tradeable };
  }

  async fetchBalance(): Promise<Balance> {
    const res = await this.#get('/accounts', '/accounts', 1);
    const account = this.http
      .parse(accountsResponse, res)
      .accounts.find((a) => a.accountId === this.http.accountId);
    if (account?.balance == null)
      return this.http.fail(res.call, 'fatal', 'the session account has no balance');
    const { balance, profitLoss, available } = account.balance;
    return { currency: account.currency, equity: balance + profitLoss, available, time: this.#now() };
  }

  async placeOrder(intent: OrderIntent): Promise<VenueOrder> {
    const existing = await this.fetchOrder({ clientId: intent.clientId });
    if (existing !== undefined) return existing;
    const instrument = this.#instrument(intent.symbol);
    const market = intent.orderKind === 'market';
    const [endpoint, version] = market ? ['/positions/otc', 2 as const] : ['/workingorders/otc', 2 as const];
    const body = entryRequest(instrument, intent);
    const confirm = await this.#deal(
      { method: 'POST', endpoint, path: endpoint, version, body },
      intent.clientId,
    );
    this.#refuseIfRejected(confirm.c, confirm.call, intent.symbol);
    return confirmView(confirm.c, intent.symbol, intent.orderKind);
  }

  async amendProtection(position: PositionRef, protection: Protection): Promise<void> {
    const instrument = this.#instrument(position.symbol);
    const current = await this.#position(position.ref);
    const body = amendRequest(instrument, protection, {
      stop: current.position.stopLevel,
      target: current.position.limitLevel,
    });
    const path = `/positions/otc/${encodeURIComponent(position.ref)}`;
    const confirm = await this.#deal({
      method: 'PUT',
      endpoint: '/positions/otc/{dealId}',
      path,
      version: 2,
      body,
    });
    this.#refuseIfRejected(confirm.c, confirm.call, position.symbol);
  }

  async closePosition(
    position: PositionRef,
    options: { clientId: ClientOrderId; qty?: Big },
  ): Promise<VenueOrder> {
    const known = await this.fetchOrder({ clientId: options.clientId });
    if (known !== undefined) return known;
    const instrument = this.#instrument(position.symbol);
    const { position: p } = await this.#position(position.ref);
    const size = options.qty === undefined ? p.size : igSize(instrument, options.qty);
    const body = closeRequest(p.dealId, p.direction, size);
    const req = {
      method: 'DELETE',
      endpoint: '/positions/otc',
      path: '/positions/otc',
      version: 1,
      body,
    } as const;
    const confirm = await this.#deal(req, undefined, (ref) =>
      this.#closes.set(options.clientId, { ref, symbol: position.symbol }),
    );
    this.#refuseIfRejected(confirm.c, confirm.call, position.symbol);
    return { ...confirmView(confirm.c, position.symbol, 'market', p.dealId), clientId: options.clientId };
  }

  async cancelOrder(ref: OrderRef): Promise<void> {
    const dealId = ref.venueOrderId ?? (await this.fetchOrder(ref))?.venueOrderId;
    if (dealId === undefined) {
      const call: IgCall = { venue: 'ig', endpoint: 'DELETE /workingorders/otc/{dealId}', status: undefined };
      this.http.fail(call, 'rejected', `no working order for ${ref.clientId ?? '(no id)'}`);
    }
    const path = `/workingorders/otc/${encodeURIComponent(dealId)}`;
    const req = {
      method: 'DELETE',
      endpoint: '/workingorders/otc/{dealId}',
      path,
      version: 2,
      body: {},
    } as const;
    const confirm = await this.#deal(req);
    this.#refuseIfRejected(confirm.c, confirm.call, undefined);
  }

  async fetchOrder(ref: OrderRef): Promise<VenueOrder | undefined> {
    const close = ref.clientId === undefined ? undefined : this.#closes.get(ref.clientId);
    const dealRef = close?.ref ?? ref.clientId;
    const all = await this.#activity.recent();
    const opening =
      dealRef !== undefined
        ? all.find((a) => a.details.dealReference === dealRef)
        : all.find(
            (a) =>
              a.dealId === ref.venueOrderId && a.details.actions.some((x) => /OPENED$/.test(x.actionType)),
          );
    if (opening !== undefined) {
      const symbol = this.#symbolOf(opening.epic, {
        venue: 'ig',
        endpoint: 'GET /history/activity',
        status: 200,
      });
      const clientId =
        ref.clientId ??
        (isClientOrderId(opening.details.dealReference) ? opening.details.dealReference : undefined);
      return activityOrderView(opening, all, symbol, clientId as ClientOrderId | undefined);
    }
    if (dealRef === undefined) return undefined;
    // Not in the history yet (IG writes it a moment later, or the deal was refused): the confirm.
    const found = await this.#confirm(dealRef, 1);
    if (found === undefined) return undefined;
    const symbol = this.#symbolOf(found.c.epic, found.call);
    const kind: OrderKind = close !== undefined || found.c.affectedDeals.length > 0 ? 'market' : 'limit';
    return { ...confirmView(found.c, symbol, kind), clientId: ref.clientId };
  }

  async fetchOpenOrders(): Promise<VenueOrder[]> {
    const res = await this.#get('/workingorders', '/workingorders', 2);
    const orders = this.http.parse(workingOrdersResponse, res).workingOrders;
    if (orders.length === 0) return [];
    const refs = new Map(
      (await this.#activity.recent()).map((a) => [a.dealId, a.details.dealReference] as const),
    );
    return orders.map((w) =>
      workingOrderView(
        w,
        this.#symbolOf(w.workingOrderData.epic, res.call),
        refs.get(w.workingOrderData.dealId),
      ),
    );
  }

  async fetchPositions(): Promise<VenuePosition[]> {
    const res = await this.#get('/positions', '/positions', 2);
    return this.http
      .parse(positionsResponse, res)
      .positions.map((p) => positionView(p, this.#symbolOf(p.market.epic, res.call)));
  }

  async fetchFills(since: number): Promise<Fill[]> {
    const closes = new Map([...this.#closes].map(([id, c]) => [c.ref, id] as const));
    const clientIdFor = (ref: string) => closes.get(ref) ?? (isClientOrderId(ref) ? ref : undefined);
    const fills: Fill[] = [];
    for (const a of await this.#activity.since(since)) {
      const fill = fillOf(
        a,
        this.#symbolOf(a.epic, { venue: 'ig', endpoint: 'GET /history/activity', status: 200 }),
        clientIdFor,
      );
      if (fill !== undefined && fill.time >= since) fills.push(fill);
    }
    return fills;
  }

  async checkConnectivity(): Promise<BrokerHealth> {
    const started = performance.now();
    try {
      const balance = await this.fetchBalance();
      const latencyMs = Math.round(performance.now() - started);
      return { ok: true, detail: `ig account ${this.http.accountId} (${balance.currency})`, latencyMs };
    } catch (error) {
      return { ok: false, detail: (error as Error).message };
    }
  }

  async close(): Promise<void> {}

  /**
   * One deal: send it once, read `{dealReference}`, then the confirm. An expired session under the
   * deal is renewed by the transport and the deal looked up by its reference, never re-sent.
   */
  async #deal(
    req: Parameters<IgHttp['request']>[0],
    reference?: string,
    onReference?: (ref: string) => void,
  ): Promise<{ c: Confirm; call: IgCall }> {
    let ref = reference;
    try {
      const res = await this.http.request({ ...req, deal: true });
      ref = this.http.parse(dealReferenceResponse, res, true).dealReference;
      onReference?.(ref);
    } catch (error) {
      if (!(error instanceof SessionRenewed)) throw error;
      const found = ref === undefined ? undefined : await this.#confirm(ref, this.#attempts);
      if (found !== undefined) return found;
      throw new IgAmbiguousOrderError(
        error.call,
        `ig ${error.call.endpoint}: HTTP 401 session expired under the deal; it was not re-sent (outcome unknown: query the deal by its reference, do not re-submit)`,
      );
    }
    const found = await this.#confirm(ref, this.#attempts);
    if (found !== undefined) return found;
    const call: IgCall = { venue: 'ig', endpoint: 'GET /confirms/{dealReference}', status: 404 };
    return this.http.fail(call, 'ambiguous', `no confirm after ${this.#attempts} tries`);
  }

  async #confirm(ref: string, attempts: number): Promise<{ c: Confirm; call: IgCall } | undefined> {
    for (let i = 0; i < attempts; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, this.#delayMs));
      const path = `/confirms/${encodeURIComponent(ref)}`;
      const res = await this.http.request({
        method: 'GET',
        endpoint: '/confirms/{dealReference}',
        path,
        version: 1,
        accept: [404],
      });
      if (res.status === 200) return { c: this.http.parse(confirmResponse, res), call: res.call };
    }
    return undefined;
  }

  #refuseIfRejected(c: Confirm, call: IgCall, symbol: SymbolId | undefined): void {
    if (c.dealStatus !== 'REJECTED') return;
    this.http.fail(
      { ...call, endpoint: 'GET /confirms/{dealReference}' },
      'rejected',
      `${symbol ?? c.epic} deal REJECTED: ${c.reason}`,
      c.reason,
    );
  }

  async #position(dealId: string) {
    const res = await this.#get('/positions/{dealId}', `/positions/${encodeURIComponent(dealId)}`, 2);
    return this.http.parse(positionEntry, res);
  }

  #get(endpoint: string, path: string, version: 1 | 2 | 3) {
    return this.http.request({ method: 'GET', endpoint, path, version });
  }

  #instrument(symbol: SymbolId): Instrument {
    const instrument = this.#registry.tryGet(symbol);
    if (instrument?.broker !== 'ig') {
      const call: IgCall = { venue: 'ig', endpoint: '(before any request)', status: undefined };
      return this.http.fail(call, 'rejected', `${symbol} is not an IG instrument`);
    }
    return instrument;
  }

  #symbolOf(epic: string, call: IgCall): SymbolId {
    const found = this.#registry.byVenueSymbol('ig', epic);
    if (found === undefined) return this.http.fail(call, 'fatal', `epic ${epic} is not in the registry`);
    return found.id;
  }
}
