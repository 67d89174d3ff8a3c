// Tickets on spot: an entry BUY, then the SELL protection on what it bought (protection.ts).
// Amending or partly closing a ticket cancels its legs (they lock the base asset), acts, and
// protects what is left under the next version of the ids. When the venue refuses protection
// for a filled entry, the holding is sold at market (SPEC §2's market-exit fallback) rather than
// left unprotected. Protection that could not be placed for a transient reason is retried by
// `settle`, which also protects resting entries once they fill.
import Big from 'big.js';
import type { PositionRef, Protection, VenueOrder, VenuePosition } from '../../domain/broker.js';
import { RejectedError } from '../../domain/errors.js';
import { type ClientOrderId, isClientOrderId, type SymbolId } from '../../domain/ids.js';
import type { OrderIntent } from '../../domain/order.js';
import type { Market } from './binance-broker.js';
import { type BinanceClient, NOT_FOUND } from './client.js';
import { formatPrice, formatQty, sizeProblem } from './filters.js';
import { heldQty, legClientId, orderView, parseVenueOrderId, protectionOf, venueOrderId } from './mapping.js';
import type { Markets, OrderBook } from './order-book.js';
import { type Holding, holdingsOf, type ProtectionLevels, Protector } from './protection.js';
import { rawOrder } from './schemas.js';

const ORDER = 'POST /api/v3/order';

interface Pending {
  readonly symbol: SymbolId;
  readonly levels: ProtectionLevels;
  readonly version: number;
  /** Known for re-protection after an amendment; an entry's comes from its fills. */
  readonly qty?: string;
}

const levelsOf = (h: Holding): ProtectionLevels => ({
  stop: h.stop?.stopPrice === undefined ? undefined : new Big(h.stop.stopPrice),
  target: h.target === undefined ? undefined : new Big(h.target.price),
});

export class Tickets {
  readonly #protector: Protector;
  /** Entries whose protection is still to be placed, by entry client id (lost on restart). */
  readonly #pending = new Map<string, Pending>();

  constructor(
    private readonly client: BinanceClient,
    private readonly markets: Markets,
    private readonly orders: OrderBook,
  ) {
    this.#protector = new Protector(client);
  }

  async enter(intent: OrderIntent): Promise<VenueOrder> {
    const market = await this.markets.market(intent.symbol);
    const { filters: f, instrument } = market;
    if (intent.side === 'sell') {
      const detail = `${intent.symbol} cannot be shorted on Binance spot (exits go through closePosition)`;
      throw this.client.fail('rejected', '(before any request)', detail);
    }
    const existing = await this.orders.find({ clientId: intent.clientId });
    if (existing !== undefined) {
      await this.#owed(market, intent);
      return existing;
    }
    const qty = formatQty(f, intent.qty);
    const reference = intent.price ?? new Big(await this.markets.ask(intent.symbol));
    const problem = sizeProblem(f, qty, reference);
    if (problem !== undefined)
      throw this.client.fail('rejected', '(before any request)', `${intent.symbol} ${problem}`);
    const price = intent.orderKind === 'limit' ? Number(formatPrice(f, reference)) : undefined;
    const params = {
      clientOrderId: intent.clientId,
      newOrderRespType: 'FULL',
      ...(intent.orderKind === 'stop' ? { stopPrice: Number(formatPrice(f, reference)) } : {}),
    };
    const type = intent.orderKind === 'limit' ? 'limit' : 'market';
    const res = await this.client.call(
      ORDER,
      true,
      () => this.client.exchange.createOrder(instrument.venueSymbol, type, 'buy', Number(qty), price, params),
      intent.symbol,
    );
    if (res === NOT_FOUND) throw this.client.fail('ambiguous', ORDER, 'the venue answered "unknown order"');
    const raw = this.client.parse(rawOrder, res.info, ORDER, true);
    this.orders.remember(intent.clientId, intent.symbol);
    const levels = { stop: intent.stop, target: intent.target };
    if (levels.stop !== undefined || levels.target !== undefined) {
      this.#pending.set(intent.clientId, { symbol: intent.symbol, levels, version: 1 });
      const working = raw.status === 'NEW' || raw.status === 'PARTIALLY_FILLED';
      if (!working && new Big(raw.executedQty).gt(0)) {
        const held = formatQty(f, heldQty(raw, instrument.baseAsset));
        // The entry stands whatever happens to its protection: a transient failure is retried
        // by settle(); a refusal has already sold the holding and is reported.
        await this.#protect(market, intent.clientId, 1, held, levels).catch((e: unknown) => {
          if (e instanceof RejectedError) throw e;
        });
      }
    }
    return orderView(raw, intent.symbol);
  }

  async amend(position: PositionRef, protection: Protection): Promise<void> {
    const { market, holding } = await this.#holding(position);
    const current = levelsOf(holding);
    const levels = { stop: protection.stop ?? current.stop, target: protection.target ?? current.target };
    await this.#protector.cancel(holding);
    const qty = formatQty(market.filters, holding.qty);
    await this.#protect(market, holding.entryClientId, holding.version + 1, qty, levels);
  }

  async close(position: PositionRef, options: { clientId: ClientOrderId; qty?: Big }): Promise<VenueOrder> {
    const existing = await this.orders.find({ clientId: options.clientId });
    if (existing !== undefined) return { ...existing, positionRef: position.ref };
    const { market, holding } = await this.#holding(position);
    const { filters: f, instrument } = market;
    const wanted = options.qty === undefined || options.qty.gt(holding.qty) ? holding.qty : options.qty;
    const qty = formatQty(f, wanted);
    const levels = levelsOf(holding);
    const next = holding.version + 1;
    await this.#protector.cancel(holding);
    const params = { clientOrderId: options.clientId, newOrderRespType: 'FULL' };
    let raw: ReturnType<typeof rawOrder.parse>;
    try {
      const res = await this.client.call(
        ORDER,
        true,
        () =>
          this.client.exchange.createOrder(
            instrument.venueSymbol,
            'market',
            'sell',
            Number(qty),
            undefined,
            params,
          ),
        position.symbol,
      );
      if (res === NOT_FOUND) throw this.client.fail('ambiguous', ORDER, 'the venue answered "unknown order"');
      raw = this.client.parse(rawOrder, res.info, ORDER, true);
    } catch (error) {
      // Refused: nothing was sold, so the whole holding is protected again.
      if (error instanceof RejectedError) {
        const all = formatQty(f, holding.qty);
        await this.#protect(market, holding.entryClientId, next, all, levels).catch(() => undefined);
      }
      throw error;
    }
    this.orders.remember(options.clientId, position.symbol);
    const rest = holding.qty.minus(raw.executedQty);
    if (rest.gt(0)) await this.#protect(market, holding.entryClientId, next, formatQty(f, rest), levels);
    return { ...orderView(raw, position.symbol), positionRef: position.ref };
  }

  /** Places protection still owed: entries that filled since, and retries of transient failures. */
  async settle(): Promise<void> {
    // Failures stay pending (or, when refused, end in the market exit): a read never throws here.
    for (const [entry, p] of [...this.#pending]) await this.#settleOne(entry, p).catch(() => undefined);
  }

  /**
   * A re-placed entry (after an ambiguous placement) whose protection was never placed: the
   * venue's order history says whether any leg ever existed; only then is it owed. A ticket whose
   * legs have already done their work is not protected again (its coins are gone).
   */
  async #owed(market: Market, intent: OrderIntent): Promise<void> {
    if (intent.stop === undefined && intent.target === undefined) return;
    const history = await this.orders.all(market.filters.venueSymbol);
    if (history.some((o) => protectionOf(o.clientOrderId)?.entry === intent.clientId)) return;
    const pending = {
      symbol: intent.symbol,
      levels: { stop: intent.stop, target: intent.target },
      version: 1,
    };
    this.#pending.set(intent.clientId, pending);
    await this.#settleOne(intent.clientId, pending).catch((e: unknown) => {
      if (e instanceof RejectedError) throw e;
    });
  }

  async #settleOne(entry: string, p: Pending): Promise<void> {
    const market = await this.markets.market(p.symbol);
    if (holdingsOf(await this.orders.openRaw(p.symbol)).has(entry)) {
      this.#pending.delete(entry);
      return;
    }
    let qty = p.qty;
    if (qty === undefined) {
      const raw = await this.orders.raw(p.symbol, { clientId: entry });
      if (raw?.status === 'NEW' || raw?.status === 'PARTIALLY_FILLED') return;
      if (raw === undefined || new Big(raw.executedQty).eq(0)) {
        this.#pending.delete(entry);
        return;
      }
      qty = formatQty(market.filters, heldQty(raw, market.instrument.baseAsset));
    }
    await this.#protect(market, entry, p.version, qty, p.levels);
  }

  async positions(): Promise<VenuePosition[]> {
    const out: VenuePosition[] = [];
    for (const symbol of this.orders.symbols) {
      for (const h of holdingsOf(await this.orders.openRaw(symbol)).values()) {
        const entry = await this.orders.raw(symbol, { clientId: h.entryClientId });
        if (entry === undefined) continue;
        const filled = new Big(entry.executedQty);
        const { stop, target } = levelsOf(h);
        out.push({
          ref: venueOrderId(entry.symbol, entry.orderId),
          clientId: isClientOrderId(h.entryClientId) ? h.entryClientId : undefined,
          symbol,
          direction: 'long',
          qty: h.qty,
          entryPrice: filled.gt(0) ? new Big(entry.cummulativeQuoteQty).div(filled) : new Big(0),
          stop,
          target,
          openedAt: entry.updateTime ?? entry.transactTime ?? entry.time ?? 0,
        });
      }
    }
    return out;
  }

  async #holding(position: PositionRef): Promise<{ market: Market; holding: Holding }> {
    const endpoint = 'GET /api/v3/openOrders';
    const parsed = parseVenueOrderId(position.ref);
    const market = await this.markets.market(position.symbol);
    const entry = parsed === undefined ? undefined : await this.orders.raw(position.symbol, parsed);
    const holding =
      entry === undefined
        ? undefined
        : holdingsOf(await this.orders.openRaw(position.symbol)).get(entry.clientOrderId);
    if (holding === undefined) {
      throw this.client.fail('rejected', endpoint, `${position.symbol} ticket ${position.ref} is not open`);
    }
    return { market, holding };
  }

  async #protect(market: Market, entry: string, version: number, qty: string, levels: ProtectionLevels) {
    const symbol = market.instrument.id;
    try {
      await this.#protector.place(market.filters, entry, version, qty, levels);
      this.#pending.delete(entry);
    } catch (error) {
      if (!(error instanceof RejectedError)) {
        this.#pending.set(entry, { symbol, levels, version, qty });
        throw error;
      }
      this.#pending.delete(entry);
      const exit = legClientId(entry, 'x', version);
      const params = { clientOrderId: exit, newOrderRespType: 'FULL' };
      const venue = market.instrument.venueSymbol;
      await this.client.call(ORDER, true, () =>
        this.client.exchange.createOrder(venue, 'market', 'sell', Number(qty), undefined, params),
      );
      const detail = `${symbol} protection refused (${error.message}); the holding was sold at market as ${exit}`;
      throw this.client.fail('rejected', ORDER, detail);
    }
  }
}
