// The fake IG venue: market deals fill on arrival at the bid or offer, working orders and the
// positions' stops and limits fill when the moving price passes them, and every deal leaves a
// confirm (GET /confirms) and an activity (GET /history/activity v3) as IG writes them. Each
// entry is its own position (forceOpen), so the bot closes tickets by deal id, never by netting.
import Big from 'big.js';

export type Wire = Record<string, unknown>;
type Dir = 'BUY' | 'SELL';

export interface FakeEpic {
  readonly epic: string;
  readonly halfSpread: string;
  readonly currency: string;
  /** A share: /prices refuses it (unauthorised.access.to.equity.exception). */
  readonly share: boolean;
  /** GET /markets/{epic}: `dealingRules.minDealSize.value` (default 1) and `snapshot.decimalPlacesFactor` (default 2). */
  readonly minDealSize?: number;
  readonly decimalPlacesFactor?: number;
}

export interface Deal {
  readonly dealId: string;
  readonly dealReference: string;
  readonly epic: string;
  readonly direction: Dir;
  size: Big;
  readonly level: Big;
  stop: Big | undefined;
  limit: Big | undefined;
  readonly created: number;
  readonly type?: 'LIMIT' | 'STOP';
}

export interface Outcome {
  readonly status: number;
  readonly body: unknown;
}

const REF = /^[A-Za-z0-9_-]{1,30}$/;
export const n = (x: Big | undefined) => (x === undefined ? null : x.toNumber());
export const utc = (t: number) => new Date(t).toISOString().slice(0, 19);
export const local = (t: number) =>
  `${new Date(t).toISOString().slice(0, 19).replace(/-/g, '/').replace('T', ' ')}:000`;

export class FakeVenue {
  now = 0;
  readonly mids = new Map<string, Big>();
  readonly positions = new Map<string, Deal>();
  readonly orders = new Map<string, Deal>();
  readonly confirms = new Map<string, Wire>();
  readonly activities: Wire[] = [];
  /** Every deal request the venue received (opens, closes, amends, working orders). */
  readonly deals: Wire[] = [];
  balance = 100_000;
  marketStatus = 'TRADEABLE';
  #seq = 0;

  constructor(readonly epics: ReadonlyMap<string, FakeEpic>) {}

  quote(epic: string, dir: Dir): Big {
    const mid = this.mids.get(epic);
    if (mid === undefined) throw new Error(`fake: no price for ${epic}`);
    const half = new Big(this.epics.get(epic)!.halfSpread);
    return dir === 'BUY' ? mid.plus(half) : mid.minus(half);
  }

  open(body: Wire, reject?: string): Outcome {
    this.deals.push(body);
    const ref = this.#ref(body);
    if (ref === undefined)
      return { status: 400, body: { errorCode: 'validation.pattern.invalid.dealReference' } };
    const epic = String(body.epic);
    const dir = body.direction as Dir;
    const size = new Big(Number(body.size ?? 0));
    const price = this.epics.has(epic) && this.mids.has(epic) ? this.quote(epic, dir) : undefined;
    const stop = body.stopLevel == null ? undefined : new Big(Number(body.stopLevel));
    const limit = body.limitLevel == null ? undefined : new Big(Number(body.limitLevel));
    const wrongSide =
      price !== undefined &&
      ((stop !== undefined && (dir === 'BUY' ? stop.gte(price) : stop.lte(price))) ||
        (limit !== undefined && (dir === 'BUY' ? limit.lte(price) : limit.gte(price))));
    const refusal =
      reject ??
      (price === undefined ? 'MARKET_OFFLINE' : undefined) ??
      (this.marketStatus !== 'TRADEABLE' ? 'MARKET_CLOSED' : undefined) ??
      (size.lte(0) ? 'MINIMUM_ORDER_SIZE_ERROR' : undefined) ??
      (wrongSide ? 'ATTACHED_ORDER_LEVEL_ERROR' : undefined);
    if (refusal !== undefined || price === undefined)
      return this.#rejected(ref, body, refusal ?? 'UNKNOWN', 'POSITION');
    const deal: Deal = {
      dealId: this.#id(),
      dealReference: ref,
      epic,
      direction: dir,
      size,
      level: price,
      stop,
      limit,
      created: this.now,
    };
    this.positions.set(deal.dealId, deal);
    this.#record(
      deal,
      'POSITION',
      'PUBLIC_WEB_API',
      'Position opened',
      [['POSITION_OPENED', deal.dealId]],
      deal.level,
      size,
      dir,
      ref,
    );
    this.#confirm(ref, deal, 'OPEN', [{ dealId: deal.dealId, status: 'OPENED' }], deal.level, size, dir);
    return { status: 200, body: { dealReference: ref } };
  }

  createOrder(body: Wire, reject?: string): Outcome {
    this.deals.push(body);
    const ref = this.#ref(body);
    if (ref === undefined)
      return { status: 400, body: { errorCode: 'validation.pattern.invalid.dealReference' } };
    if (reject !== undefined || !this.mids.has(String(body.epic)))
      return this.#rejected(ref, body, reject ?? 'MARKET_OFFLINE', 'WORKING_ORDER');
    const type = body.type === 'STOP' ? 'STOP' : 'LIMIT';
    const deal: Deal = {
      dealId: this.#id(),
      dealReference: ref,
      epic: String(body.epic),
      direction: body.direction as Dir,
      size: new Big(Number(body.size)),
      level: new Big(Number(body.level)),
      stop: body.stopLevel == null ? undefined : new Big(Number(body.stopLevel)),
      limit: body.limitLevel == null ? undefined : new Big(Number(body.limitLevel)),
      created: this.now,
      type,
    };
    this.orders.set(deal.dealId, deal);
    const action = `${type}_ORDER_OPENED`;
    this.#record(
      deal,
      'WORKING_ORDER',
      'PUBLIC_WEB_API',
      'Working order placed',
      [[action, deal.dealId]],
      deal.level,
      deal.size,
      deal.direction,
      ref,
    );
    this.#confirm(
      ref,
      deal,
      'OPEN',
      [{ dealId: deal.dealId, status: 'OPENED' }],
      deal.level,
      deal.size,
      deal.direction,
    );
    this.sweep(deal.epic, this.mids.get(deal.epic)!, true);
    return { status: 200, body: { dealReference: ref } };
  }

  deleteOrder(dealId: string): Outcome {
    const deal = this.orders.get(dealId);
    const ref = this.#generatedRef();
    if (deal === undefined)
      return { status: 404, body: { errorCode: 'error.service.otc.workingorder.not-found' } };
    this.orders.delete(dealId);
    this.#record(
      deal,
      'WORKING_ORDER',
      'PUBLIC_WEB_API',
      'Working order deleted',
      [['WORKING_ORDER_DELETED', dealId]],
      deal.level,
      deal.size,
      deal.direction,
      ref,
    );
    this.#confirm(
      ref,
      deal,
      'DELETED',
      [{ dealId, status: 'DELETED' }],
      deal.level,
      deal.size,
      deal.direction,
    );
    return { status: 200, body: { dealReference: ref } };
  }

  amend(dealId: string, body: Wire): Outcome {
    this.deals.push(body);
    const deal = this.positions.get(dealId);
    if (deal === undefined)
      return { status: 404, body: { errorCode: 'error.service.otc.position.not-found' } };
    deal.stop = body.stopLevel == null ? undefined : new Big(Number(body.stopLevel));
    deal.limit = body.limitLevel == null ? undefined : new Big(Number(body.limitLevel));
    const ref = this.#generatedRef();
    this.#record(
      deal,
      'EDIT_STOP_AND_LIMIT',
      'PUBLIC_WEB_API',
      'Stop/limit amended',
      [['STOP_LIMIT_AMENDED', dealId]],
      deal.level,
      deal.size,
      deal.direction,
      ref,
    );
    this.#confirm(
      ref,
      deal,
      'AMENDED',
      [{ dealId, status: 'AMENDED' }],
      deal.level,
      deal.size,
      deal.direction,
    );
    return { status: 200, body: { dealReference: ref } };
  }

  close(body: Wire, reject?: string): Outcome {
    this.deals.push(body);
    const deal = this.positions.get(String(body.dealId));
    if (deal === undefined)
      return { status: 404, body: { errorCode: 'error.service.otc.position.not-found' } };
    const size = new Big(Number(body.size));
    const ref = this.#generatedRef();
    if (reject !== undefined || body.direction === deal.direction || size.gt(deal.size) || size.lte(0)) {
      return this.#rejected(ref, body, reject ?? 'POSITION_NOT_AVAILABLE_TO_CLOSE', 'POSITION', deal.epic);
    }
    const dir = body.direction as Dir;
    this.#closeAt(deal, this.quote(deal.epic, dir), size, 'PUBLIC_WEB_API', 'Position closed', ref);
    return { status: 200, body: { dealReference: ref } };
  }

  /** Moves the mid; on a path (not a jump) stops, limits and working orders fill at their levels. */
  sweep(epic: string, mid: Big, jump: boolean): void {
    this.mids.set(epic, mid);
    const bid = this.quote(epic, 'SELL');
    const ask = this.quote(epic, 'BUY');
    for (const o of [...this.orders.values()].filter((d) => d.epic === epic)) {
      const px = o.direction === 'BUY' ? ask : bid;
      const hit =
        o.type === 'LIMIT'
          ? o.direction === 'BUY'
            ? px.lte(o.level)
            : px.gte(o.level)
          : o.direction === 'BUY'
            ? px.gte(o.level)
            : px.lte(o.level);
      if (!hit) continue;
      this.orders.delete(o.dealId);
      const level = jump ? px : o.level;
      const pos: Deal = { ...o, dealId: this.#id(), level, created: this.now };
      delete (pos as { type?: string }).type;
      this.positions.set(pos.dealId, pos);
      const actions: [string, string][] = [
        [`${o.type}_ORDER_FILLED`, o.dealId],
        ['POSITION_OPENED', pos.dealId],
      ];
      this.#record(
        pos,
        'POSITION',
        'SYSTEM',
        'Working order filled',
        actions,
        level,
        pos.size,
        pos.direction,
        o.dealReference,
      );
    }
    for (const p of [...this.positions.values()].filter((d) => d.epic === epic)) {
      const long = p.direction === 'BUY';
      const px = long ? bid : ask;
      const stopped = p.stop !== undefined && (long ? px.lte(p.stop) : px.gte(p.stop));
      const limited = p.limit !== undefined && (long ? px.gte(p.limit) : px.lte(p.limit));
      if (!stopped && !limited) continue;
      const level = jump ? px : stopped ? p.stop! : p.limit!;
      this.#closeAt(
        p,
        level,
        p.size,
        'SYSTEM',
        stopped ? 'Position closed: stop' : 'Position closed: limit',
        this.#generatedRef(),
      );
    }
  }

  #closeAt(deal: Deal, level: Big, size: Big, channel: string, description: string, ref: string): void {
    const full = size.eq(deal.size);
    const dir: Dir = deal.direction === 'BUY' ? 'SELL' : 'BUY';
    const pnl = level
      .minus(deal.level)
      .times(size)
      .times(deal.direction === 'BUY' ? 1 : -1);
    this.balance += pnl.toNumber();
    if (full) this.positions.delete(deal.dealId);
    else deal.size = deal.size.minus(size);
    const action = full ? 'POSITION_CLOSED' : 'POSITION_PARTIALLY_CLOSED';
    this.#record(deal, 'POSITION', channel, description, [[action, deal.dealId]], level, size, dir, ref);
    const status = full ? 'FULLY_CLOSED' : 'PARTIALLY_CLOSED';
    this.#confirm(
      ref,
      deal,
      full ? 'CLOSED' : 'PARTIALLY_CLOSED',
      [{ dealId: deal.dealId, status }],
      level,
      size,
      dir,
    );
  }

  #rejected(ref: string, body: Wire, reason: string, type: string, epicOf?: string): Outcome {
    const epic = epicOf ?? String(body.epic);
    const dealId = this.#id();
    this.confirms.set(ref, {
      date: `${utc(this.now)}.000`,
      dealId,
      dealReference: ref,
      dealStatus: 'REJECTED',
      status: null,
      reason,
      epic,
      expiry: '-',
      direction: body.direction ?? null,
      size: null,
      level: null,
      stopLevel: null,
      stopDistance: null,
      limitLevel: null,
      limitDistance: null,
      guaranteedStop: false,
      trailingStop: false,
      profit: null,
      profitCurrency: null,
      affectedDeals: [],
    });
    this.activities.push({
      date: utc(this.now),
      epic,
      period: '-',
      dealId,
      channel: 'PUBLIC_WEB_API',
      type,
      status: 'REJECTED',
      description: `Rejected: ${reason}`,
      details: {
        dealReference: ref,
        actions: [],
        marketName: epic,
        currency: this.epics.get(epic)?.currency ?? 'USD',
        size: Number(body.size ?? 0),
        direction: body.direction ?? 'BUY',
        level: 0,
        stopLevel: null,
        limitLevel: null,
      },
    });
    return { status: 200, body: { dealReference: ref } };
  }

  #record(
    deal: Deal,
    type: string,
    channel: string,
    description: string,
    actions: [string, string][],
    level: Big,
    size: Big,
    dir: Dir,
    ref: string,
  ) {
    this.activities.push({
      date: utc(this.now),
      epic: deal.epic,
      period: '-',
      dealId: actions.at(-1)![1],
      channel,
      type,
      status: 'ACCEPTED',
      description,
      details: {
        dealReference: ref,
        actions: actions.map(([actionType, affectedDealId]) => ({ actionType, affectedDealId })),
        marketName: deal.epic,
        currency: this.epics.get(deal.epic)!.currency,
        size: size.toNumber(),
        direction: dir,
        level: level.toNumber(),
        stopLevel: n(deal.stop),
        limitLevel: n(deal.limit),
        guaranteedStop: false,
      },
    });
  }

  #confirm(ref: string, deal: Deal, status: string, affected: Wire[], level: Big, size: Big, dir: Dir) {
    this.confirms.set(ref, {
      date: `${utc(this.now)}.000`,
      dealId: deal.dealId,
      dealReference: ref,
      dealStatus: 'ACCEPTED',
      status,
      reason: 'SUCCESS',
      epic: deal.epic,
      expiry: '-',
      direction: dir,
      size: size.toNumber(),
      level: level.toNumber(),
      stopLevel: n(deal.stop),
      stopDistance: null,
      limitLevel: n(deal.limit),
      limitDistance: null,
      guaranteedStop: false,
      trailingStop: false,
      profit: null,
      profitCurrency: null,
      affectedDeals: affected,
    });
  }

  #ref(body: Wire): string | undefined {
    const ref = body.dealReference === undefined ? this.#generatedRef() : String(body.dealReference);
    return REF.test(ref) ? ref : undefined;
  }

  #id = () => `DIAAAAFAKE${String(++this.#seq).padStart(5, '0')}`;
  #generatedRef = () => `SYSREF${String(++this.#seq).padStart(8, '0')}`;
}
