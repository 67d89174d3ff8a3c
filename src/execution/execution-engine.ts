import type { VenueOrder, VenuePosition } from '../domain/broker.js';
import type { EvaluatedCandidate } from '../domain/divergence.js';
import { AmbiguousOrderError, RejectedError, RetryableError } from '../domain/errors.js';
import type { ClientOrderId, PositionId, SignalId } from '../domain/ids.js';
import { BrokerIds } from '../domain/instruments/types.js';
import type { Fill, OrderIntent } from '../domain/order.js';
import { makeClientId } from './client-ids.js';
import { CloseOrders, closeReasonOf, giveUp, isExitKind } from './close-orders.js';
import type { CloseReason, EntryTicketPlan, ExecutionEngineOptions } from './engine-types.js';
import { filledPrice, type ManagedPosition } from './managed-position.js';
import { OrderBook } from './order-book.js';
import type { OrderSnapshot, OrderTransition } from './order-events.js';
import { newOrder } from './order-fsm.js';
import { isTerminal } from './order-transitions.js';
import { adoptedPosition, newTicket, pendingPosition } from './position-factory.js';
import { decide } from './position-policy.js';
import type { ExecutionSnapshot } from './restore.js';
import { applyExit, linkTicket, settlePosition } from './ticket-updates.js';
import { toTick } from './ticks.js';

export type { CloseReason, EngineSettings, EntryTicketPlan, ExecutionEngineOptions } from './engine-types.js';

/** How often an in-flight order may be missing at the venue before it is given up as never placed. */
const MAX_MISSES = 3;

export class ExecutionEngine {
  readonly book = new OrderBook();
  private readonly positions = new Map<string, ManagedPosition>();
  private readonly ordered: ManagedPosition[] = [];
  /** Insertion-ordered like `positions`, so `active()` keeps its order. */
  private readonly activeSet = new Set<ManagedPosition>();
  private readonly misses = new Map<ClientOrderId, number>();
  /** Orders between their creation and their venue call's answer: sync() leaves them alone. */
  private readonly sending = new Set<ClientOrderId>();
  private readonly seenExitFills = new Set<string>();
  private unmatchedExits: Fill[] = [];
  private readonly closeReasons = new Map<string, CloseReason>();
  private fillsSince = 0;
  private readonly linked = new Set<ManagedPosition>();
  private readonly closes: CloseOrders;

  constructor(private readonly o: ExecutionEngineOptions) {
    this.closes = new CloseOrders(this.book, o.namespace);
  }

  /**
   * Takes back the state stored before a restart (an empty engine only): orders replayed from
   * their events, positions with tickets, refs, exits and stops, and the exit fills already
   * applied. Then call `reconcile` (reconcile.ts) before acting.
   */
  restore(snapshot: ExecutionSnapshot): void {
    if (this.positions.size > 0 || this.book.open().length > 0)
      throw new Error('restore needs an empty engine');
    for (const order of snapshot.orders) {
      this.book.add(order);
      this.closes.track(order);
      // A close still in flight labels the exit it brings, even one seen only on the ticket's ref.
      const { kind, positionId } = order.intent;
      if (isExitKind(kind) && positionId !== undefined && !isTerminal(order.state))
        this.closeReasons.set(positionId, closeReasonOf(kind, undefined));
    }
    let since = Number.POSITIVE_INFINITY;
    for (const p of snapshot.positions) {
      this.track(p);
      for (const t of p.tickets) {
        for (const e of t.exits)
          if (e.tradeId !== undefined) this.seenExitFills.add(`${p.broker}:${e.tradeId}`);
      }
      if (p.status === 'pending' || p.status === 'open') {
        since = Math.min(since, p.openedAt ?? p.signal.knownAt.time);
        for (const t of p.tickets) {
          const o = this.book.get(t.entryClientId);
          if (o) since = Math.min(since, o.createdAt);
        }
      }
    }
    for (const o of this.book.open()) since = Math.min(since, o.createdAt);
    // Fills are fetched again from the oldest thing still open; duplicates are recognised.
    this.fillsSince = Number.isFinite(since) ? Math.min(since, snapshot.lastFillAt) : snapshot.lastFillAt;
  }

  /** Takes over a venue position no signal of ours opened (reconciliation with RECONCILE_ADOPT). */
  async adopt(vp: VenuePosition, broker: ManagedPosition['broker'], at: number): Promise<ManagedPosition> {
    const id = `adopted|${broker}|${vp.ref}`;
    const existing = this.positions.get(id);
    if (existing) return existing;
    const p = adoptedPosition(id, vp, this.o.registry.get(vp.symbol), broker, at);
    this.track(p);
    await this.o.journal.position(p);
    return p;
  }

  all(): ManagedPosition[] {
    return [...this.positions.values()];
  }

  /** Positions tracked so far, in the order they were first seen (`positionsFrom` indexes it). */
  get positionCount(): number {
    return this.ordered.length;
  }

  /** The positions first seen from index `i` on: a caller keeps its place instead of all(). */
  positionsFrom(i: number): ManagedPosition[] {
    return this.ordered.slice(i);
  }

  active(symbol?: string): ManagedPosition[] {
    // Only the positions that were active when last asked are looked at (a long backtest has
    // thousands of closed ones); those that have closed since drop out here.
    const out: ManagedPosition[] = [];
    for (const p of this.activeSet) {
      if (p.status !== 'pending' && p.status !== 'open') this.activeSet.delete(p);
      else if (!symbol || p.symbol === symbol) out.push(p);
    }
    return out;
  }

  /**
   * Nothing open, pending, in flight or waiting to be matched: a sync would find nothing and the
   * monitor has nothing to move (a backtest skips such hours).
   */
  quiet(): boolean {
    return (
      this.active().length === 0 &&
      this.unmatchedExits.length === 0 &&
      this.misses.size === 0 &&
      this.closes.size === 0
    );
  }

  private track(p: ManagedPosition): void {
    const before = this.positions.get(p.id);
    if (before === undefined) this.ordered.push(p);
    else if (before !== p) this.ordered[this.ordered.indexOf(before)] = p;
    this.positions.set(p.id, p);
    if (p.status === 'pending' || p.status === 'open') this.activeSet.add(p);
  }

  /** Opens the two tickets of an accepted, risk-approved signal. Idempotent per signal. */
  async open(
    signal: EvaluatedCandidate,
    tickets: readonly EntryTicketPlan[],
    at: number,
  ): Promise<ManagedPosition> {
    const id = positionIdOf(signal);
    const existing = this.positions.get(id);
    if (existing) return existing;
    const inst = this.o.registry.get(signal.symbol ?? '');
    const long = signal.direction === 'long';
    const position = pendingPosition(id, signal, inst);
    const orders: OrderSnapshot[] = [];
    for (const plan of tickets) {
      const clientId = makeClientId({
        kind: 'entry',
        signalId: id as SignalId,
        ticket: plan.ticket,
        namespace: this.o.namespace,
      });
      const intent: OrderIntent = {
        clientId,
        kind: 'entry',
        broker: inst.broker,
        symbol: inst.id,
        side: long ? 'buy' : 'sell',
        orderKind: this.o.settings.ENTRY_MODE === 'limit' ? 'limit' : 'market',
        qty: plan.qty,
        ...(this.o.settings.ENTRY_MODE === 'limit' ? { price: toTick(signal.entry, inst.tickSize) } : {}),
        stop: toTick(signal.stop, inst.tickSize),
        target: toTick(plan.target, inst.tickSize),
        signalId: id as SignalId,
        ticket: plan.ticket,
        positionId: id as PositionId,
      };
      position.tickets.push(newTicket(plan.ticket, clientId, Number(plan.qty), plan.target));
      // Stored by an earlier run that died inside open(): that order keeps its fate (resolved by
      // querying, or denied if it was never sent) and is never created or sent a second time.
      if (this.book.get(clientId)) continue;
      const order = newOrder(intent, at);
      this.book.add(order);
      orders.push(order);
    }
    this.track(position);
    await this.whileSending(orders, async () => {
      // Written before any venue call: a crash after this point replays to the same client ids.
      for (const order of orders) await this.o.journal.orderCreated(order);
      await this.o.journal.position(position);
      for (const order of orders)
        await this.submit(order.intent, at, () => this.o.broker.placeOrder(order.intent));
    });
    return position;
  }

  /** SUBMITTED is stored, then the venue call (`send`) is made and its answer applied. */
  private async submit(intent: OrderIntent, at: number, send: () => Promise<VenueOrder>): Promise<void> {
    await this.record(intent.clientId, this.book.apply(intent.clientId, { type: 'OrderSubmitted', at }));
    try {
      const ack = await send();
      await this.report(ack, at);
    } catch (e) {
      if (e instanceof RejectedError) {
        this.o.logger?.warn({ clientId: intent.clientId, err: e }, 'order refused by the venue');
        await this.record(
          intent.clientId,
          this.book.apply(intent.clientId, { type: 'OrderRejected', at, reason: e.message }),
        );
      } else if (e instanceof AmbiguousOrderError || e instanceof RetryableError) {
        // In flight: sync() asks the venue for this client id; it is never sent again.
        this.o.logger?.warn(
          { clientId: intent.clientId, err: e },
          'order outcome unknown: will query the venue',
        );
      } else {
        throw e;
      }
    }
  }

  /**
   * Brings the book up to the venue: in-flight orders, fills, positions. A failed positions query
   * throws (never "flat"). Call before acting on a closed bar and at start-up (reconciliation).
   */
  async sync(at: number): Promise<void> {
    await this.resolveInFlight(at);
    const fills = await this.o.broker.fetchFills(this.fillsSince);
    // Entries first: an entry and its exit can both happen between two syncs (same bar).
    const exits: Fill[] = [];
    const closeFills: Fill[] = [];
    for (const fill of fills) {
      if (fill.time > this.fillsSince) this.fillsSince = fill.time;
      if (this.closeOrderOf(fill) !== undefined) closeFills.push(fill);
      else if (!(await this.onEntryFill(fill, at))) exits.push(fill);
    }
    const venue = await this.o.broker.fetchPositions();
    this.linkTickets(venue, at);
    // Links are stored at once: a restart must find the tickets' refs.
    for (const p of this.linked) await this.o.journal.position(p);
    this.linked.clear();
    for (const fill of closeFills) if (!(await this.onCloseFill(fill, at))) exits.push(fill);
    for (const fill of [...this.unmatchedExits, ...exits]) await this.onExitFill(fill);
    for (const p of this.active()) await this.settle(p, venue, at);
    await this.settleCloses(at);
    await this.alignStops(venue);
  }

  /**
   * The venue's stop of every open ticket is the position's: an amend that failed or whose answer
   * was lost (some tickets moved, some not) is sent again here, never left to the next move of
   * the trail (a breakeven could otherwise stay in memory only). A venue refusing it is logged;
   * the next sync tries again.
   */
  private async alignStops(venue: readonly VenuePosition[]): Promise<void> {
    const byRef = new Map(venue.map((v) => [v.ref, v]));
    for (const p of this.active()) {
      if (p.status !== 'open') continue;
      const tick = this.o.registry.get(p.symbol).tickSize;
      const stop = toTick(p.stop, tick);
      for (const t of p.tickets) {
        const v = t.open && t.ref ? byRef.get(t.ref) : undefined;
        if (
          v?.stop === undefined ||
          v.stop
            .minus(stop)
            .abs()
            .lt(tick / 2)
        )
          continue;
        try {
          await this.o.broker.amendProtection({ ref: t.ref!, symbol: p.symbol }, { stop });
        } catch (err) {
          this.o.logger?.warn(
            { err, position: p.id, ticket: t.ticket },
            'stop not aligned with the venue yet',
          );
        }
      }
    }
  }

  /** The monitor on a closed bar of `symbol` (SPEC §10): breakeven, trailing, time stop. */
  async onBarClose(symbol: string, close: number, atr: number, at: number): Promise<void> {
    for (const p of this.active(symbol)) {
      if (p.status !== 'open') continue;
      if (p.lastBarAt !== undefined && at <= p.lastBarAt) continue; // this bar was handled already
      p.lastBarAt = at;
      p.barsHeld++;
      const d = decide({ ...p, entry: filledPrice(p) ?? p.signal.entry }, close, atr, this.o.settings);
      if (d.timeStop) {
        await this.closePosition(p, 'time', at);
        await this.o.journal.position(p);
        continue;
      }
      if (!d.stopMoved) {
        // The hold count is state too: a restart must not take back bars (the time stop would come late).
        await this.o.journal.position(p);
        continue;
      }
      p.stop = d.stop;
      p.stopOrigin = d.stopOrigin;
      const inst = this.o.registry.get(p.symbol);
      try {
        for (const t of p.tickets) {
          if (!t.open || !t.ref) continue;
          await this.o.broker.amendProtection(
            { ref: t.ref, symbol: p.symbol },
            { stop: toTick(d.stop, inst.tickSize) },
          );
        }
      } catch (e) {
        // The decided stop stands (stored): sync() brings the venue's to it (alignStops).
        await this.o.journal.position(p);
        throw e;
      }
      p.amendments++;
      await this.o.journal.position(p);
    }
  }

  /** Market-closes every open ticket of the symbol's positions (manual, time stop, end of data). */
  async closeSymbol(symbol: string | undefined, reason: CloseReason, at: number): Promise<number> {
    let n = 0;
    for (const p of this.active(symbol)) {
      await this.closePosition(p, reason, at);
      n++;
    }
    return n;
  }

  /** WEEKEND_POLICY=reduce: closes ticket A of each of the symbol's positions, ticket B runs on. */
  async reduceSymbol(symbol: string, at: number): Promise<number> {
    let n = 0;
    for (const p of this.active(symbol)) {
      if (!p.tickets.some((t) => t.ticket === 'A' && t.open)) continue;
      await this.closePosition(p, 'policy', at, 'A');
      n++;
    }
    return n;
  }

  /**
   * Closes whole tickets, each as an exit order stored (created, then SUBMITTED) before its venue
   * call, as entries are. A ticket whose close is in flight is skipped: the answer is awaited (or
   * queried by sync), never sent again; one whose last close ended unfilled gets a new one.
   */
  private async closePosition(
    p: ManagedPosition,
    reason: CloseReason,
    at: number,
    only?: 'A' | 'B',
  ): Promise<void> {
    const orders: Array<{ order: OrderSnapshot; ref: string }> = [];
    for (const t of p.tickets) {
      if (!t.open || !t.ref || (only && t.ticket !== only)) continue;
      const order = this.closes.create(p, t, reason, at);
      if (order) orders.push({ order, ref: t.ref });
    }
    if (orders.length === 0) return;
    this.closeReasons.set(p.id, reason);
    await this.whileSending(
      orders.map(({ order }) => order),
      async () => {
        // Written before any venue call: a crash after this point finds them (denied if never sent).
        for (const { order } of orders) await this.o.journal.orderCreated(order);
        for (const { order, ref } of orders) {
          const { clientId } = order.intent;
          await this.submit(order.intent, at, () =>
            this.o.broker.closePosition({ ref, symbol: p.symbol }, { clientId }),
          );
        }
      },
    );
  }

  /** `work` (storing and sending `orders`) with the orders marked as being sent, for sync(). */
  private async whileSending(orders: readonly OrderSnapshot[], work: () => Promise<void>): Promise<void> {
    for (const order of orders) this.sending.add(order.intent.clientId);
    try {
      await work();
    } finally {
      for (const order of orders) this.sending.delete(order.intent.clientId);
    }
  }

  private async resolveInFlight(at: number): Promise<void> {
    await this.resolveOrders(at, false);
  }

  /**
   * Asks the venue for in-flight orders (`all`: every non-terminal one, as reconciliation does) by
   * client id and applies its answer. An order still INITIALIZED was never sent (SUBMITTED is
   * stored before the call): after a restart it is denied, never sent late.
   */
  async resolveOrders(at: number, all: boolean): Promise<void> {
    for (const order of this.book.open()) {
      const { clientId } = order.intent;
      if (order.state === 'INITIALIZED') {
        if (this.sending.has(clientId)) continue; // open() or a close is between its writes
        // Restored: never sent before the restart. In this run: the store write before its venue
        // call failed, so it never went out; stored now (if it was not) and denied, so that its
        // position settles and a ticket's next close is a new intent instead of waiting forever.
        if (!all) await this.o.journal.orderCreated(order);
        const reason = all
          ? 'not sent before a restart'
          : 'not sent: a store write before the venue call failed';
        await this.record(clientId, this.book.apply(clientId, { type: 'OrderDenied', at, reason }));
        continue;
      }
      if (!all && order.state !== 'SUBMITTED') continue;
      const venue = await this.o.broker.fetchOrder({ clientId: order.intent.clientId });
      if (venue) {
        this.misses.delete(order.intent.clientId);
        await this.report(venue, at);
        continue;
      }
      const misses = (this.misses.get(order.intent.clientId) ?? 0) + 1;
      this.misses.set(order.intent.clientId, misses);
      if (misses >= MAX_MISSES) {
        // Never placed: give it up rather than risk a second order.
        const reason = `not found at the venue after ${misses} queries`;
        this.misses.delete(order.intent.clientId);
        await this.record(
          order.intent.clientId,
          this.book.apply(order.intent.clientId, { type: 'OrderRejected', at, reason }),
        );
      }
    }
  }

  private async report(venue: VenueOrder, at: number): Promise<void> {
    const order =
      (venue.clientId ? this.book.get(venue.clientId) : undefined) ??
      BrokerIds.map((b) => this.book.byVenueId(b, venue.venueOrderId)).find((o) => o !== undefined);
    if (!order) return;
    const outcome = this.book.applyReport(order.intent.broker, venue, at);
    if (outcome.kind === 'applied') await this.o.journal.transition(outcome.order, outcome.transition);
  }

  /** An entry fill of one of our orders: true when it was one (applied or a duplicate). */
  private async onEntryFill(fill: Fill, at: number): Promise<boolean> {
    const outcome = this.book.applyFill(fill, at);
    if (outcome.kind === 'duplicate') {
      // Seen before a restart: its ticket may not have been linked yet.
      const order = this.book.find(fill.broker, fill);
      if (order && fill.positionRef) this.linkByFill(order.intent.clientId, fill.positionRef, at);
      return true;
    }
    if (outcome.kind === 'unmatched') return false;
    await this.o.journal.fill(fill);
    await this.o.journal.transition(outcome.order, outcome.transition);
    if (fill.positionRef) this.linkByFill(outcome.order.intent.clientId, fill.positionRef, at);
    return true;
  }

  /** The close order a fill belongs to (by client id, then venue order id), if it is one. */
  private closeOrderOf(fill: Fill): OrderSnapshot | undefined {
    const order = this.book.find(fill.broker, fill);
    return order !== undefined && isExitKind(order.intent.kind) ? order : undefined;
  }

  /**
   * A fill of one of our closes: the order takes it, and its ticket takes it as an exit, once per
   * trade id (also when the order had it before a restart but the ticket did not). False when the
   * order refuses it (a close given up or refused): then it is an exit found by the ticket's ref.
   */
  private async onCloseFill(fill: Fill, at: number): Promise<boolean> {
    const outcome = this.book.applyFill(fill, at);
    if (outcome.kind === 'unmatched') return false;
    if (outcome.kind === 'applied') {
      await this.o.journal.fill(fill);
      await this.o.journal.transition(outcome.order, outcome.transition);
    }
    const { positionId, ticket, kind } = this.closeOrderOf(fill)!.intent;
    const p = positionId === undefined ? undefined : this.positions.get(positionId);
    const t = p?.tickets.find((x) => x.ticket === ticket);
    if (!p || !t) return false;
    const key = `${fill.broker}:${fill.tradeId}`;
    if (this.seenExitFills.has(key)) return true;
    this.seenExitFills.add(key);
    applyExit(p, t, fill, closeReasonOf(kind, this.closeReasons.get(p.id)));
    await this.o.journal.position(p);
    return true;
  }

  /**
   * Closes not ended yet, after fills and positions: a working one is asked for (a venue that
   * dropped it must not block the next close; SUBMITTED ones were asked for by resolveInFlight).
   * Once its ticket is closed, one the venue has no record of is given up: IG's close takes no
   * client reference, so after a restart its fill comes back only on the ticket's ref (applied as
   * an exit there) and the close is never found by its client id.
   */
  private async settleCloses(at: number): Promise<void> {
    for (const order of this.closes.pending()) {
      const { clientId, positionId, ticket } = order.intent;
      if (this.sending.has(clientId)) continue; // its venue call has not answered yet
      let known = false;
      if (order.state !== 'SUBMITTED') {
        const venue = await this.o.broker.fetchOrder({ clientId });
        if (venue) await this.report(venue, at);
        known = venue !== undefined;
      }
      const now = this.book.get(clientId)!;
      const t = this.positions.get(positionId!)?.tickets.find((x) => x.ticket === ticket);
      if (isTerminal(now.state) || known || t?.open) continue;
      const reason = 'ticket closed; the venue has no record of this close';
      this.misses.delete(clientId);
      await this.record(clientId, this.book.apply(clientId, giveUp(now, at, reason)));
    }
  }

  // Not one of our orders: an exit the venue made (stop, target) or a close's fill. Kept until its
  // ticket is linked, so an exit seen before its entry's position is never lost.
  private async onExitFill(fill: Fill): Promise<void> {
    const key = `${fill.broker}:${fill.tradeId}`;
    this.unmatchedExits = this.unmatchedExits.filter((f) => f !== fill);
    if (this.seenExitFills.has(key)) return;
    if (fill.reason === 'entry' || !fill.positionRef) {
      this.seenExitFills.add(key);
      await this.o.journal.fill(fill);
      return;
    }
    const found = this.ticketOf(fill.positionRef);
    if (found === undefined) {
      if (this.unmatchedExits.length < 1000) this.unmatchedExits.push(fill);
      return;
    }
    const [p, t] = found;
    this.seenExitFills.add(key);
    await this.o.journal.fill(fill);
    applyExit(p, t, fill, this.closeReasons.get(p.id));
    await this.o.journal.position(p);
  }

  /**
   * The ticket a venue ref belongs to: open positions first (a long backtest holds thousands of
   * closed ones), then all of them (refs are unique).
   */
  private ticketOf(ref: string): [ManagedPosition, ManagedPosition['tickets'][number]] | undefined {
    for (const positions of [this.active(), this.positions.values()]) {
      for (const p of positions) {
        const t = p.tickets.find((x) => x.ref === ref);
        if (t) return [p, t];
      }
    }
    return undefined;
  }

  private linkByFill(clientId: ClientOrderId, ref: string, at: number): void {
    for (const p of this.active()) {
      const t = p.tickets.find((x) => x.entryClientId === clientId);
      if (!t || t.ref) continue;
      const order = this.book.get(clientId)!;
      linkTicket(p, t, {
        ref,
        entryPrice: Number(order.avgFillPrice),
        filledQty: Number(order.filledQty),
        at,
      });
      this.linked.add(p);
    }
  }

  private linkTickets(venue: readonly VenuePosition[], at: number): void {
    for (const p of this.active()) {
      for (const t of p.tickets) {
        if (t.ref) continue;
        const entry = this.book.get(t.entryClientId);
        const vp = venue.find((v) => v.clientId === t.entryClientId);
        if (!entry || !vp) continue;
        linkTicket(p, t, {
          ref: vp.ref,
          entryPrice: Number(entry.avgFillPrice ?? vp.entryPrice),
          filledQty: Number(entry.filledQty.gt(0) ? entry.filledQty : vp.qty),
          at: vp.openedAt ?? at,
        });
        this.linked.add(p);
      }
    }
  }

  private async settle(p: ManagedPosition, venue: readonly VenuePosition[], at: number): Promise<void> {
    const refs = new Set(venue.map((v) => v.ref));
    if (settlePosition(p, refs, (id) => this.book.get(id as ClientOrderId)?.state, at))
      await this.o.journal.position(p);
  }

  private async record(clientId: ClientOrderId, transition: OrderTransition | undefined): Promise<void> {
    if (!transition) return;
    await this.o.journal.transition(this.book.get(clientId)!, transition);
  }
}

/** One position per signal: symbol, timeframe, type and both pivots identify it. */
export function positionIdOf(signal: EvaluatedCandidate): string {
  return `${signal.symbol}|${signal.timeframe}|${signal.type}|${signal.pivot1.time}|${signal.pivot2.time}`;
}
