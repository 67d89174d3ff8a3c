// The fake spot venue's behaviour: balances that orders lock and fills move, market orders
// filling on arrival at the bid or ask, resting orders (limits, stops, OCO legs) filling when
// the moving price reaches them, and OCO lists whose filled leg expires the other. Shapes are
// Binance's wire shapes (fake-wire.ts); decimals are big.js, formatted as 8-decimal strings.
import Big from 'big.js';
import { type FakeFill, type FakeOrder, type FakeOrderList, orderListWire } from './fake-wire.js';

export interface FakeSymbol {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly tickSize: string;
  readonly stepSize: string;
  readonly minNotional: string;
  /** Half the quoted spread, in price units. */
  readonly halfSpread: string;
  /** LOT_SIZE minQty (default: the step). */
  readonly minQty?: string;
}

/** A refusal as Binance sends it: HTTP 400 with `{code, msg}`. */
export class VenueRefusal extends Error {
  constructor(
    readonly code: number,
    readonly msg: string,
    readonly status = 400,
  ) {
    super(msg);
  }
}

export const INSUFFICIENT = 'Account has insufficient balance for requested action.';
const FEE_RATE = new Big('0.001');

export class FakeExchange {
  readonly mids = new Map<string, Big>();
  readonly balances = new Map<string, { free: Big; locked: Big }>();
  readonly orders = new Map<number, FakeOrder>();
  readonly lists = new Map<number, FakeOrderList>();
  readonly fills: FakeFill[] = [];
  /** Simulated time (ms): the bars' clock, stamped on orders and fills. */
  now = 0;
  /** Fraction of the next market order the book can fill; the rest expires (partial-fill switch). */
  nextLiquidity: number | undefined;
  #orderId = 1000;
  #listId = 100;
  #tradeId = 5000;

  constructor(readonly symbols: ReadonlyMap<string, FakeSymbol>) {}

  balance(asset: string) {
    let b = this.balances.get(asset);
    if (b === undefined) {
      b = { free: new Big(0), locked: new Big(0) };
      this.balances.set(asset, b);
    }
    return b;
  }

  quote(symbol: string, side: 'BUY' | 'SELL'): Big {
    const mid = this.mids.get(symbol);
    if (mid === undefined) throw new VenueRefusal(-1121, 'Invalid symbol.');
    const half = new Big(this.#spec(symbol).halfSpread);
    return side === 'BUY' ? mid.plus(half) : mid.minus(half);
  }

  findOrder(symbol: string, orderId?: string, clientId?: string): FakeOrder | undefined {
    const all = [...this.orders.values()].filter((o) => o.symbol === symbol);
    if (orderId !== undefined) return all.find((o) => String(o.orderId) === orderId);
    // A client id may be reused once its order is done: the newest wins, as on Binance.
    return all.filter((o) => o.clientOrderId === clientId).at(-1);
  }

  // --- orders ---

  create(p: URLSearchParams, listId = -1): FakeOrder {
    const symbol = p.get('symbol') ?? '';
    const spec = this.#spec(symbol);
    const side = p.get('side') === 'SELL' ? 'SELL' : 'BUY';
    const type = p.get('type') ?? '';
    const clientOrderId = p.get('newClientOrderId') ?? `x-fake-${this.#orderId + 1}`;
    if (this.#working().some((o) => o.symbol === symbol && o.clientOrderId === clientOrderId)) {
      throw new VenueRefusal(-2010, 'Duplicate order sent.');
    }
    const qty = this.#decimal(p.get('quantity'), spec.stepSize, 'LOT_SIZE');
    const price = p.has('price') ? this.#decimal(p.get('price'), spec.tickSize, 'PRICE_FILTER') : undefined;
    const stopPrice = p.has('stopPrice')
      ? this.#decimal(p.get('stopPrice'), spec.tickSize, 'PRICE_FILTER')
      : undefined;
    const reference = price ?? stopPrice ?? this.quote(symbol, side);
    if (qty.times(reference).lt(spec.minNotional)) throw new VenueRefusal(-1013, 'Filter failure: NOTIONAL');
    const order: FakeOrder = {
      symbol,
      orderId: ++this.#orderId,
      orderListId: listId,
      clientOrderId,
      price: price ?? new Big(0),
      origQty: qty,
      executedQty: new Big(0),
      cummulativeQuoteQty: new Big(0),
      status: 'NEW',
      timeInForce: type === 'MARKET' || type === 'STOP_LOSS' ? 'GTC' : (p.get('timeInForce') ?? 'GTC'),
      type,
      side,
      stopPrice: stopPrice ?? new Big(0),
      time: this.now,
      updateTime: this.now,
      fills: [],
    };
    this.#lock(order);
    this.orders.set(order.orderId, order);
    if (type === 'MARKET') this.#fill(order, this.quote(symbol, side), this.nextLiquidity);
    else if (type === 'LIMIT' && this.#reached(order)) this.#fill(order, this.quote(symbol, side));
    this.nextLiquidity = undefined;
    return order;
  }

  /** `POST /api/v3/orderList/oco`: a LIMIT_MAKER above and a STOP_LOSS(_LIMIT) below. */
  createOco(p: URLSearchParams): FakeOrderList {
    const symbol = p.get('symbol') ?? '';
    const listClientOrderId = p.get('listClientOrderId') ?? `fake-list-${this.#listId + 1}`;
    if ([...this.lists.values()].some((l) => l.listClientOrderId === listClientOrderId)) {
      throw new VenueRefusal(-2010, 'Duplicate order sent.');
    }
    if (p.get('side') !== 'SELL')
      throw new VenueRefusal(-1106, 'Only SELL OCO lists are served by the fake.');
    const bid = this.quote(symbol, 'SELL');
    if (new Big(p.get('abovePrice') ?? '0').lte(bid) || new Big(p.get('belowStopPrice') ?? '0').gte(bid)) {
      throw new VenueRefusal(-2010, 'The relationship of the prices for the orders is not correct.');
    }
    const listId = ++this.#listId;
    const leg = (at: 'above' | 'below') => {
      const q = new URLSearchParams({ symbol, side: 'SELL', quantity: p.get('quantity') ?? '' });
      q.set('type', p.get(`${at}Type`) ?? '');
      for (const k of ['Price', 'StopPrice', 'TimeInForce', 'ClientOrderId']) {
        const v = p.get(`${at}${k}`);
        if (v !== null)
          q.set(k === 'ClientOrderId' ? 'newClientOrderId' : k[0]!.toLowerCase() + k.slice(1), v);
      }
      return this.create(q, listId);
    };
    const legs = [leg('below'), leg('above')];
    const list: FakeOrderList = {
      orderListId: listId,
      listClientOrderId,
      symbol,
      status: 'EXECUTING',
      orderIds: legs.map((o) => o.orderId),
      transactionTime: this.now,
    };
    this.lists.set(listId, list);
    return list;
  }

  cancel(order: FakeOrder | undefined): FakeOrder {
    if (order === undefined || !isWorking(order)) throw new VenueRefusal(-2011, 'Unknown order sent.');
    // Canceling one leg of an OCO cancels the whole list, as on Binance.
    if (order.orderListId !== -1) this.cancelList(this.lists.get(order.orderListId));
    else this.#close(order, 'CANCELED');
    return order;
  }

  cancelList(list: FakeOrderList | undefined): FakeOrderList {
    if (list === undefined || list.status !== 'EXECUTING') {
      throw new VenueRefusal(-2011, 'Unknown order sent.');
    }
    for (const id of list.orderIds) {
      const o = this.orders.get(id)!;
      if (isWorking(o)) this.#close(o, 'CANCELED');
    }
    list.status = 'ALL_DONE';
    return list;
  }

  listView(list: FakeOrderList) {
    return orderListWire(
      list,
      list.orderIds.map((id) => this.orders.get(id)!),
    );
  }

  // --- the market ---

  /** Moves the mid; `jump` (a gap) fills at the new quote, a continuous move at the order's price. */
  sweep(symbol: string, mid: Big, jump: boolean): void {
    this.mids.set(symbol, mid);
    for (const order of this.#working()) {
      if (order.symbol !== symbol || order.type === 'MARKET' || !this.#reached(order)) continue;
      const level = order.type === 'STOP_LOSS' ? order.stopPrice : order.price;
      this.#fill(order, jump ? this.quote(symbol, order.side) : level);
    }
  }

  #reached(order: FakeOrder): boolean {
    const bid = this.quote(order.symbol, 'SELL');
    const ask = this.quote(order.symbol, 'BUY');
    const stop = order.type === 'STOP_LOSS' || order.type === 'STOP_LOSS_LIMIT';
    if (stop) return order.side === 'SELL' ? bid.lte(order.stopPrice) : ask.gte(order.stopPrice);
    return order.side === 'SELL' ? bid.gte(order.price) : ask.lte(order.price);
  }

  #fill(order: FakeOrder, price: Big, liquidity?: number): void {
    const spec = this.#spec(order.symbol);
    const step = new Big(spec.stepSize);
    const wanted = order.origQty.minus(order.executedQty);
    const qty =
      liquidity === undefined
        ? wanted
        : wanted.times(liquidity).div(step).round(0, Big.roundDown).times(step);
    if (qty.gt(0)) {
      const quoteQty = qty.times(price);
      // Commission in the quote asset (as if paid from USDT): the held base is what was bought.
      const commission = quoteQty.times(FEE_RATE);
      const base = this.balance(spec.base);
      const quote = this.balance(spec.quote);
      // Market orders lock nothing (they fill on arrival); resting ones release their lock.
      const resting = order.type !== 'MARKET';
      if (order.side === 'BUY') {
        if (resting) {
          quote.locked = quote.locked.minus(qty.times(order.price));
          quote.free = quote.free.plus(qty.times(order.price));
        }
        quote.free = quote.free.minus(quoteQty);
        base.free = base.free.plus(qty);
      } else {
        if (resting) base.locked = base.locked.minus(qty);
        else base.free = base.free.minus(qty);
        quote.free = quote.free.plus(quoteQty);
      }
      quote.free = quote.free.minus(commission);
      const fill: FakeFill = {
        symbol: order.symbol,
        id: ++this.#tradeId,
        orderId: order.orderId,
        orderListId: order.orderListId,
        price,
        qty,
        quoteQty,
        commission,
        commissionAsset: spec.quote,
        time: this.now,
        isBuyer: order.side === 'BUY',
        isMaker: order.type !== 'MARKET' && order.type !== 'STOP_LOSS',
      };
      this.fills.push(fill);
      order.fills.push(fill);
      order.executedQty = order.executedQty.plus(qty);
      order.cummulativeQuoteQty = order.cummulativeQuoteQty.plus(quoteQty);
    }
    const done = order.executedQty.eq(order.origQty);
    // A market order the book cannot fill completely expires with what it got.
    this.#close(order, done ? 'FILLED' : 'EXPIRED');
    if (order.orderListId !== -1 && done) this.#finishList(order);
  }

  #finishList(filled: FakeOrder): void {
    const list = this.lists.get(filled.orderListId)!;
    for (const id of list.orderIds) {
      const o = this.orders.get(id)!;
      // The shared lock went with the filled leg; the other just expires.
      if (o !== filled && isWorking(o)) {
        o.status = 'EXPIRED';
        o.updateTime = this.now;
      }
    }
    list.status = 'ALL_DONE';
  }

  #close(order: FakeOrder, status: FakeOrder['status']): void {
    if (status !== 'FILLED') this.#unlock(order);
    order.status = status;
    order.updateTime = this.now;
  }

  #lock(order: FakeOrder): void {
    const spec = this.#spec(order.symbol);
    const sell = order.side === 'SELL';
    const asset = this.balance(sell ? spec.base : spec.quote);
    const price = order.type === 'MARKET' ? this.quote(order.symbol, 'BUY') : order.price;
    const amount = sell ? order.origQty : order.origQty.times(price);
    // An OCO's two legs share one lock: the second leg locks nothing more.
    const shared =
      order.orderListId !== -1 && this.#working().some((o) => o.orderListId === order.orderListId);
    if (!shared && asset.free.lt(amount)) throw new VenueRefusal(-2010, INSUFFICIENT);
    if (shared || order.type === 'MARKET') return;
    asset.free = asset.free.minus(amount);
    asset.locked = asset.locked.plus(amount);
  }

  #unlock(order: FakeOrder): void {
    if (order.type === 'MARKET') return;
    const spec = this.#spec(order.symbol);
    if (order.orderListId !== -1) {
      const others = this.#working().filter((o) => o.orderListId === order.orderListId && o !== order);
      if (others.length > 0) return;
    }
    const left = order.origQty.minus(order.executedQty);
    const sell = order.side === 'SELL';
    const asset = this.balance(sell ? spec.base : spec.quote);
    const amount = sell ? left : left.times(order.price);
    asset.locked = asset.locked.minus(amount);
    asset.free = asset.free.plus(amount);
  }

  #working(): FakeOrder[] {
    return [...this.orders.values()].filter(isWorking);
  }

  #decimal(value: string | null, step: string, filter: string): Big {
    if (value === null || !/^\d+(\.\d+)?$/.test(value)) {
      throw new VenueRefusal(-1100, `Illegal characters found in a parameter (${filter}).`);
    }
    const v = new Big(value);
    if (!v.mod(step).eq(0) || v.lte(0)) throw new VenueRefusal(-1013, `Filter failure: ${filter}`);
    return v;
  }

  #spec(symbol: string): FakeSymbol {
    const spec = this.symbols.get(symbol);
    if (spec === undefined) throw new VenueRefusal(-1121, 'Invalid symbol.');
    return spec;
  }
}

export const isWorking = (o: FakeOrder) => o.status === 'NEW' || o.status === 'PARTIALLY_FILLED';
