// The fake venue's behaviour: market orders fill on arrival at the bid or ask, pending orders
// (entries, stop losses, take profits) fill when the moving price reaches them, each fill
// written as the transactions OANDA writes. Every entry opens its own trade (a hedging
// account): the bot closes trades by id, never by netting.
import Big from 'big.js';
import { formatTime } from '../format.js';
import type { FakeTrade, Ledger, Level, Wire, WireOrder } from './fake-ledger.js';

export interface FakeInstrument {
  readonly name: string;
  readonly displayPrecision: number;
  readonly tradeUnitsPrecision: number;
  /** Half the quoted spread, in price units. */
  readonly halfSpread: string;
  /** What `GET accounts/{id}/instruments` reports (default "1"). */
  readonly minimumTradeSize?: string;
  readonly type?: 'CURRENCY' | 'CFD' | 'METAL';
}

/** What a request to the venue produced: an HTTP status and the v20 body. */
export interface Outcome {
  readonly status: number;
  readonly body: Wire;
}

type Side = 'buy' | 'sell';
const sideOf = (units: string): Side => (units.startsWith('-') ? 'sell' : 'buy');

export class FakeVenue {
  readonly mids = new Map<string, Big>();
  balance = new Big(100_000);
  /** Liquidity for the next market order as a fraction of its units (partial-fill switch). */
  nextLiquidity: number | undefined;

  constructor(
    readonly ledger: Ledger,
    readonly instruments: ReadonlyMap<string, FakeInstrument>,
  ) {}

  quote(instrument: string, side: Side): Big {
    const mid = this.mids.get(instrument);
    if (mid === undefined) throw new Error(`fake: no price for ${instrument}`);
    const half = new Big(this.instruments.get(instrument)!.halfSpread);
    return side === 'buy' ? mid.plus(half) : mid.minus(half);
  }

  // --- orders ---

  create(request: Wire): Outcome {
    const l = this.ledger;
    l.batch();
    const type = String(request.type);
    const instrument = this.instruments.get(String(request.instrument));
    const units = String(request.units ?? '');
    const refusal =
      (instrument === undefined || !this.mids.has(instrument.name)
        ? 'INSTRUMENT_NOT_TRADEABLE'
        : undefined) ??
      (!/^-?\d+(\.\d+)?$/.test(units) || new Big(units).eq(0) ? 'UNITS_INVALID' : undefined) ??
      (decimals(units) > (instrument?.tradeUnitsPrecision ?? 0) ? 'UNITS_PRECISION_EXCEEDED' : undefined) ??
      (priceDecimals(request) > (instrument?.displayPrecision ?? 0)
        ? 'PRICE_PRECISION_EXCEEDED'
        : undefined) ??
      (this.#clientIdTaken(request) ? 'CLIENT_ORDER_ID_ALREADY_EXISTS' : undefined);
    if (refusal !== undefined) return this.reject(type, request, refusal);
    const created = l.record(`${type}_ORDER`, { ...request, reason: 'CLIENT_ORDER' });
    const order: WireOrder = {
      id: created.id,
      createTime: created.time,
      state: 'PENDING',
      type: type as WireOrder['type'],
      ...(pick(request, ['instrument', 'units', 'price', 'timeInForce', 'positionFill']) as {
        timeInForce: string;
      }),
      ...(type === 'MARKET' ? {} : { triggerCondition: 'DEFAULT' }),
      ...(pick(request, [
        'clientExtensions',
        'tradeClientExtensions',
        'stopLossOnFill',
        'takeProfitOnFill',
      ]) as Wire),
    };
    l.orders.set(order.id, order);
    const body: Wire = { orderCreateTransaction: created };
    if (type === 'MARKET') this.#fillMarket(order, body);
    else this.sweep(order.instrument!, this.mids.get(order.instrument!)!, true);
    return { status: 201, body: { ...body, ...this.#tail(created.id) } };
  }

  reject(type: string, request: Wire, reason: string): Outcome {
    const tx = this.ledger.record(`${type}_ORDER_REJECT`, {
      ...request,
      reason: 'CLIENT_ORDER',
      rejectReason: reason,
    });
    const body = {
      orderRejectTransaction: tx,
      ...this.#tail(tx.id),
      errorCode: reason,
      errorMessage: message(reason),
    };
    return { status: 400, body };
  }

  cancel(order: WireOrder | undefined, reason = 'CLIENT_REQUEST'): Outcome {
    this.ledger.batch();
    if (order?.state !== 'PENDING') {
      const tx = this.ledger.record('ORDER_CANCEL_REJECT', {
        orderID: order?.id,
        rejectReason: 'ORDER_DOESNT_EXIST',
      });
      const body = {
        orderCancelRejectTransaction: tx,
        ...this.#tail(tx.id),
        errorCode: 'ORDER_DOESNT_EXIST',
      };
      return { status: 404, body: { ...body, errorMessage: 'The Order specified does not exist' } };
    }
    const tx = this.#cancelOrder(order, reason);
    return { status: 200, body: { orderCancelTransaction: tx, ...this.#tail(tx.id) } };
  }

  closeTrade(trade: FakeTrade | undefined, units: string): Outcome {
    const l = this.ledger;
    l.batch();
    const open = new Big(trade?.currentUnits ?? '0');
    const size = units === 'ALL' ? open.abs() : /^\d+(\.\d+)?$/.test(units) ? new Big(units) : undefined;
    const refusal =
      trade?.state !== 'OPEN'
        ? 'TRADE_DOESNT_EXIST'
        : size === undefined || size.eq(0)
          ? 'CLOSE_TRADE_UNITS_INVALID'
          : size.gt(open.abs())
            ? 'CLOSE_TRADE_UNITS_EXCEED_TRADE_SIZE'
            : undefined;
    if (refusal !== undefined || trade === undefined || size === undefined) {
      return { status: 400, body: { errorCode: refusal, errorMessage: message(refusal ?? '') } };
    }
    const signed = (open.lt(0) ? size : size.neg()).toString();
    const created = l.record('MARKET_ORDER', {
      instrument: trade.instrument,
      units: signed,
      timeInForce: 'FOK',
      positionFill: 'REDUCE_ONLY',
      reason: 'TRADE_CLOSE',
      tradeClose: { tradeID: trade.id, units },
    });
    const order: WireOrder = {
      id: created.id,
      createTime: created.time,
      state: 'PENDING',
      type: 'MARKET',
      instrument: trade.instrument,
      units: signed,
      timeInForce: 'FOK',
      positionFill: 'REDUCE_ONLY',
      tradeClose: { tradeID: trade.id, units },
    };
    l.orders.set(order.id, order);
    const price = this.quote(trade.instrument, sideOf(signed));
    const fill = this.#fill(order, signed, price, 'MARKET_ORDER_TRADE_CLOSE', trade);
    return {
      status: 200,
      body: { orderCreateTransaction: created, orderFillTransaction: fill, ...this.#tail(created.id) },
    };
  }

  /** `PUT trades/{id}/orders`: replaces (or with null, cancels) the stop loss and take profit. */
  replaceDependents(trade: FakeTrade | undefined, request: Wire): Outcome {
    this.ledger.batch();
    if (trade?.state !== 'OPEN')
      return {
        status: 404,
        body: { errorCode: 'TRADE_DOESNT_EXIST', errorMessage: message('TRADE_DOESNT_EXIST') },
      };
    const body: Wire = {};
    const first = String(Number(this.ledger.lastTransactionID) + 1);
    for (const [key, type, field] of [
      ['stopLoss', 'STOP_LOSS', 'stopLossOrderID'],
      ['takeProfit', 'TAKE_PROFIT', 'takeProfitOrderID'],
    ] as const) {
      if (!(key in request)) continue;
      const old = trade[field] === undefined ? undefined : this.ledger.orders.get(trade[field]);
      if (old?.state === 'PENDING')
        body[`${key}OrderCancelTransaction`] = this.#cancelOrder(old, 'CLIENT_REQUEST_REPLACED');
      const level = request[key] as Level | null;
      if (level === null) delete trade[field];
      else body[`${key}OrderTransaction`] = this.#dependent(trade, type, level, old?.id);
    }
    this.sweep(trade.instrument, this.mids.get(trade.instrument)!, true);
    return { status: 200, body: { ...body, ...this.#tail(first) } };
  }

  // --- the market ---

  /**
   * Moves the mid to `to`, filling every pending order the price passes, in the order it
   * passes them, each at its own level; `gap` (a jump, not a path) fills at the new quote.
   */
  sweep(instrument: string, to: Big, gap = false): void {
    const from = this.mids.get(instrument) ?? to;
    this.mids.set(instrument, to);
    if (gap) {
      for (const o of this.#pending(instrument)) if (this.#crossed(o, to)) this.#trigger(o, undefined);
      return;
    }
    let at = from;
    for (;;) {
      const next = this.#pending(instrument)
        .map((o) => ({ o, mid: this.#triggerMid(o) }))
        .filter(({ o, mid }) => between(mid, at, to) && this.#crossed(o, to))
        .sort((a, b) => Math.abs(a.mid.minus(at).toNumber()) - Math.abs(b.mid.minus(at).toNumber()))[0];
      if (next === undefined) return;
      at = next.mid;
      this.mids.set(instrument, at);
      this.#trigger(next.o, new Big(next.o.price!));
      this.mids.set(instrument, to);
    }
  }

  #pending(instrument: string): WireOrder[] {
    return [...this.ledger.orders.values()].filter(
      (o) => o.state === 'PENDING' && o.type !== 'MARKET' && this.#instrumentOf(o) === instrument,
    );
  }

  #instrumentOf(o: WireOrder): string | undefined {
    return (
      o.instrument ?? (o.tradeID === undefined ? undefined : this.ledger.trades.get(o.tradeID)?.instrument)
    );
  }

  /** The side that executes: an entry's own; a dependent closes its trade. */
  #sideOf(o: WireOrder): Side {
    if (o.units !== undefined) return sideOf(o.units);
    return sideOf(this.ledger.trades.get(o.tradeID!)!.currentUnits) === 'buy' ? 'sell' : 'buy';
  }

  /** Limits and take profits fill when the price comes to them; stops when it passes through. */
  #crossed(o: WireOrder, mid: Big): boolean {
    const side = this.#sideOf(o);
    const half = new Big(this.instruments.get(this.#instrumentOf(o)!)!.halfSpread);
    const quote = side === 'buy' ? mid.plus(half) : mid.minus(half);
    const price = new Big(o.price!);
    const limitLike = o.type === 'LIMIT' || o.type === 'TAKE_PROFIT';
    return limitLike === (side === 'buy') ? quote.lte(price) : quote.gte(price);
  }

  #triggerMid(o: WireOrder): Big {
    const half = new Big(this.instruments.get(this.#instrumentOf(o)!)!.halfSpread);
    return this.#sideOf(o) === 'buy' ? new Big(o.price!).minus(half) : new Big(o.price!).plus(half);
  }

  #trigger(o: WireOrder, price: Big | undefined): void {
    this.ledger.batch();
    const instrument = this.#instrumentOf(o)!;
    const at = price ?? this.quote(instrument, this.#sideOf(o));
    if (o.tradeID === undefined) {
      this.#fill(o, o.units!, at, `${o.type}_ORDER`, undefined);
      return;
    }
    const trade = this.ledger.trades.get(o.tradeID)!;
    const units = new Big(trade.currentUnits).neg().toString();
    this.#fill(o, units, at, `${o.type}_ORDER`, trade);
  }

  #fillMarket(order: WireOrder, body: Wire): void {
    const units = new Big(order.units!);
    const share = this.nextLiquidity;
    this.nextLiquidity = undefined;
    const available = share === undefined ? units : units.times(share).round(0, Big.roundDown);
    const price = this.quote(order.instrument!, sideOf(order.units!));
    if (available.eq(units)) {
      body.orderFillTransaction = this.#fill(order, order.units!, price, 'MARKET_ORDER', undefined);
      return;
    }
    if (order.timeInForce === 'IOC' && !available.eq(0)) {
      body.orderFillTransaction = this.#fill(order, available.toString(), price, 'MARKET_ORDER', undefined);
    }
    body.orderCancelTransaction = this.#cancelOrder(order, 'INSUFFICIENT_LIQUIDITY');
  }

  /** One ORDER_FILL: opens a trade (an entry) or reduces/closes `closing`. */
  #fill(order: WireOrder, units: string, price: Big, reason: string, closing: FakeTrade | undefined): Wire {
    const l = this.ledger;
    const precision = this.instruments.get(this.#instrumentOf(order)!)!.displayPrecision;
    const px = price.toFixed(precision);
    const fields: Wire = {
      orderID: order.id,
      ...(order.clientExtensions === undefined ? {} : { clientOrderID: order.clientExtensions.id }),
      instrument: this.#instrumentOf(order),
      units,
      price: px,
      fullVWAP: px,
      reason,
      pl: '0.0000',
      financing: '0.0000',
      commission: '0.0000',
      guaranteedExecutionFee: '0.0000',
      halfSpreadCost: '0.0000',
    };
    const id = String(Number(l.lastTransactionID) + 1);
    if (closing === undefined) {
      fields.tradeOpened = {
        tradeID: id,
        units,
        price: px,
        guaranteedExecutionFee: '0.0000',
        halfSpreadCost: '0.0000',
      };
    } else {
      const pl = new Big(px).minus(closing.price).times(units).neg().round(4);
      this.balance = this.balance.plus(pl);
      fields.pl = pl.toFixed(4);
      const change = {
        tradeID: closing.id,
        units,
        price: px,
        realizedPL: pl.toFixed(4),
        financing: '0.0000',
      };
      const left = new Big(closing.currentUnits).plus(units);
      fields[left.eq(0) ? 'tradesClosed' : 'tradeReduced'] = left.eq(0) ? [change] : change;
      closing.currentUnits = left.toString();
      closing.realizedPL = new Big(closing.realizedPL).plus(pl).toFixed(4);
    }
    fields.accountBalance = this.balance.toFixed(4);
    const tx = l.record('ORDER_FILL', fields);
    order.state = order.timeInForce === 'IOC' && units !== order.units ? 'CANCELLED' : 'FILLED';
    order.fillingTransactionID = tx.id;
    order.filledTime = tx.time;
    if (closing === undefined) this.#open(order, tx.id, units, px);
    else this.#afterReduce(order, closing);
    return tx;
  }

  #open(order: WireOrder, id: string, units: string, price: string): void {
    const trade: FakeTrade = {
      id,
      instrument: order.instrument!,
      price,
      openTime: formatTime(this.ledger.now),
      state: 'OPEN',
      initialUnits: units,
      currentUnits: units,
      realizedPL: '0.0000',
      ...(order.tradeClientExtensions === undefined ? {} : { clientExtensions: order.tradeClientExtensions }),
    };
    this.ledger.trades.set(id, trade);
    order.tradeOpenedID = id;
    if (order.stopLossOnFill !== undefined) this.#dependent(trade, 'STOP_LOSS', order.stopLossOnFill);
    if (order.takeProfitOnFill !== undefined) this.#dependent(trade, 'TAKE_PROFIT', order.takeProfitOnFill);
  }

  #afterReduce(order: WireOrder, trade: FakeTrade): void {
    if (!new Big(trade.currentUnits).eq(0)) {
      order.tradeReducedID = trade.id;
      return;
    }
    order.tradeClosedIDs = [trade.id];
    trade.state = 'CLOSED';
    trade.closeTime = formatTime(this.ledger.now);
    for (const id of [trade.stopLossOrderID, trade.takeProfitOrderID]) {
      const dependent = id === undefined ? undefined : this.ledger.orders.get(id);
      if (dependent?.state === 'PENDING') this.#cancelOrder(dependent, 'LINKED_TRADE_CLOSED');
    }
  }

  #dependent(trade: FakeTrade, type: 'STOP_LOSS' | 'TAKE_PROFIT', level: Level, replaces?: string): Wire {
    const extra = replaces === undefined ? {} : { replacesOrderID: replaces };
    const fields = {
      tradeID: trade.id,
      price: level.price,
      timeInForce: level.timeInForce ?? 'GTC',
      ...extra,
    };
    const tx = this.ledger.record(`${type}_ORDER`, {
      ...fields,
      triggerCondition: 'DEFAULT',
      reason: 'ON_FILL',
    });
    const order: WireOrder = {
      id: tx.id,
      createTime: tx.time,
      state: 'PENDING',
      type,
      triggerCondition: 'DEFAULT',
      ...fields,
    };
    this.ledger.orders.set(tx.id, order);
    trade[type === 'STOP_LOSS' ? 'stopLossOrderID' : 'takeProfitOrderID'] = tx.id;
    return tx;
  }

  #cancelOrder(order: WireOrder, reason: string): ReturnType<Ledger['record']> {
    const tx = this.ledger.record('ORDER_CANCEL', {
      orderID: order.id,
      ...(order.clientExtensions === undefined ? {} : { clientOrderID: order.clientExtensions.id }),
      reason,
    });
    order.state = 'CANCELLED';
    order.cancellingTransactionID = tx.id;
    order.cancelledTime = tx.time;
    return tx;
  }

  #clientIdTaken(request: Wire): boolean {
    const id = (request.clientExtensions as { id?: string } | undefined)?.id;
    return id !== undefined && this.ledger.order(`@${id}`) !== undefined;
  }

  #tail(from: string): Wire {
    return {
      relatedTransactionIDs: this.ledger.related(from),
      lastTransactionID: this.ledger.lastTransactionID,
    };
  }
}

const between = (x: Big, a: Big, b: Big) => (a.lte(b) ? x.gte(a) && x.lte(b) : x.lte(a) && x.gte(b));
const decimals = (s: string) => s.split('.')[1]?.length ?? 0;

function priceDecimals(request: Wire): number {
  const levels = [
    request.price,
    (request.stopLossOnFill as Level)?.price,
    (request.takeProfitOnFill as Level)?.price,
  ];
  return Math.max(0, ...levels.filter((p): p is string => typeof p === 'string').map(decimals));
}

function pick(source: Wire, keys: readonly string[]): Wire {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}

function message(reason: string): string {
  return `The request was rejected: ${reason.toLowerCase().replaceAll('_', ' ')}`;
}
