// The contract's position half: entries open tickets carrying their protection; targets,
// stops, amendments and closes end them with fills that add up.
import { describe, expect, it } from 'vitest';
import type { ContractHarness } from './broker-contract-harness.js';
import {
  exitFills,
  type Levels,
  longEntry,
  newClientId,
  positionOf,
  shortEntry,
  sum,
} from './broker-contract-support.js';

type Get = () => { h: ContractHarness; levels: Levels };

export function brokerExitContract(get: Get): void {
  /** A long (or short) entry filled through one quiet bar; returns its position. */
  async function opened(direction: 'long' | 'short' = 'long') {
    const { h, levels } = get();
    const intent = direction === 'long' ? longEntry(h, levels) : shortEntry(h, levels);
    await h.broker.placeOrder(intent);
    await h.market.next(levels.quiet);
    const [position] = await positionOf(h, intent.clientId);
    if (position === undefined) throw new Error('the entry did not open a position');
    return { h, levels, intent, position };
  }

  describe('positions', () => {
    it('fills a market entry into a position carrying its stop and target', async () => {
      const { h, levels, intent, position } = await opened();
      expect(position.direction).toBe('long');
      expect(position.qty.eq(h.qty)).toBe(true);
      expect(position.stop?.eq(intent.stop!), 'stop attached on the venue').toBe(true);
      expect(position.target?.eq(intent.target!), 'target attached on the venue').toBe(true);
      const off = Math.abs(position.entryPrice.toNumber() - levels.mid);
      expect(off, 'filled near the market').toBeLessThan(levels.mid * 0.005);
      const order = await h.broker.fetchOrder({ clientId: intent.clientId });
      expect(order?.state).toBe('FILLED');
      expect(order?.filledQty.eq(h.qty)).toBe(true);
      expect(order?.positionRef).toBe(position.ref);
    });

    it('closes the position with a fill at the target when the market reaches it', async () => {
      const { h, levels, intent, position } = await opened();
      await h.market.next(levels.bar(-0.3, 3, 2.5));
      expect(await positionOf(h, intent.clientId)).toEqual([]);
      const [exit, ...more] = await exitFills(h, position);
      expect(more).toEqual([]);
      expect(exit?.qty.eq(h.qty)).toBe(true);
      expect(exit?.price.gte(intent.target!), 'a target fills at its price or better').toBe(true);
    });

    it('closes the position with a fill at the stop when the market reaches it', async () => {
      const { h, levels, intent, position } = await opened();
      await h.market.next(levels.bar(-3, 0.3, -2.5));
      expect(await positionOf(h, intent.clientId)).toEqual([]);
      const [exit] = await exitFills(h, position);
      expect(exit?.qty.eq(h.qty)).toBe(true);
      expect(exit?.price.lte(intent.stop!), 'a stop fills at its price or worse').toBe(true);
      expect(exit?.price.gt(levels.price(-3)), 'but not beyond the bar').toBe(true);
    });

    it('fills the stop when one bar touches both stop and target (bar-driven venues)', async () => {
      const { h, levels, intent, position } = await opened();
      if (!h.capabilities.stopFirstInsideBar) return;
      await h.market.next(levels.bar(-3, 3));
      expect(await positionOf(h, intent.clientId)).toEqual([]);
      const [exit] = await exitFills(h, position);
      expect(exit?.price.lte(intent.stop!), 'stop first: the worse outcome is assumed').toBe(true);
    });

    it('moves the stop with amendProtection', async () => {
      const { h, levels, intent, position } = await opened();
      await h.broker.amendProtection(position, { stop: levels.price(-1) });
      const [amended] = await positionOf(h, intent.clientId);
      expect(amended?.stop?.eq(levels.price(-1))).toBe(true);
      expect(amended?.target?.eq(intent.target!), 'the target is kept').toBe(true);
      await h.market.next(levels.bar(-1.5, 0.3, -1.2));
      expect(await positionOf(h, intent.clientId), 'the old stop (-2%) was not reached').toEqual([]);
      const [exit] = await exitFills(h, position);
      expect(exit?.price.lte(levels.price(-1))).toBe(true);
    });

    it('closes part of a position, then the rest, with fills summing to the entry size', async () => {
      const { h, levels, intent, position } = await opened();
      const half = h.qty.div(2);
      const partial = { clientId: newClientId('part'), qty: half };
      const ack = await h.broker.closePosition(position, partial);
      const again = await h.broker.closePosition(position, partial);
      expect(again.venueOrderId, 'closes are idempotent by client id too').toBe(ack.venueOrderId);
      await h.market.next(levels.quiet);
      const [left] = await positionOf(h, intent.clientId);
      expect(left?.qty.eq(h.qty.minus(half))).toBe(true);
      await h.broker.closePosition(position, { clientId: newClientId('rest') });
      await h.market.next(levels.quiet);
      expect(await positionOf(h, intent.clientId)).toEqual([]);
      const exits = await exitFills(h, position);
      expect(exits).toHaveLength(2);
      expect(sum(exits.map((f) => f.qty)).eq(h.qty), 'the exits add up to the entry').toBe(true);
    });

    it('opens a short that its stop closes when the market rises', async (ctx) => {
      // A venue with no shortable instrument (Binance spot) has nothing to show here.
      if (!get().h.instrument.canShort) return ctx.skip();
      const { h, levels, intent, position } = await opened('short');
      expect(position.direction).toBe('short');
      await h.market.next(levels.bar(-0.3, 3, 2.5));
      expect(await positionOf(h, intent.clientId)).toEqual([]);
      const [exit] = await exitFills(h, position);
      expect(exit?.side).toBe('buy');
      expect(exit?.price.gte(intent.stop!)).toBe(true);
    });

    it('gives every fill a unique trade id, and fetchFills(since) returns each once', async () => {
      const { h, levels, position } = await opened();
      await h.broker.closePosition(position, { clientId: newClientId('all') });
      await h.market.next(levels.quiet);
      const all = await h.broker.fetchFills(0);
      expect(all).toHaveLength(2);
      expect(new Set(all.map((f) => f.tradeId)).size).toBe(all.length);
      const [entry, exit] = all;
      const since = await h.broker.fetchFills(exit!.time);
      expect(since.filter((f) => f.tradeId === exit!.tradeId)).toHaveLength(1);
      expect(
        since.every((f) => f.time >= exit!.time),
        'since is a lower bound',
      ).toBe(true);
      expect(entry!.time).toBeLessThanOrEqual(exit!.time);
      const later = await h.broker.fetchFills(Math.max(...all.map((f) => f.time)) + 1);
      expect(later).toEqual([]);
    });
  });
}
