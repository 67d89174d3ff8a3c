// The one Broker contract suite (ARCHITECTURE: a function taking a factory, run by every
// implementation): the SimulatedBroker directly, each venue adapter through its fake server.
// Venue differences are capability flags of the harness, never branches on its name.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AmbiguousOrderError, RejectedError } from '../../domain/errors.js';
import { brokerExitContract } from './broker-contract-exits.js';
import type { ContractHarness, ContractSetup } from './broker-contract-harness.js';
import {
  type Levels,
  levelsFor,
  longEntry,
  newClientId,
  positionOf,
  shortEntry,
} from './broker-contract-support.js';

export type { ContractHarness, ContractSetup } from './broker-contract-harness.js';

export function brokerContract(name: string, setup: ContractSetup): void {
  describe(`Broker contract: ${name}`, () => {
    let h: ContractHarness;
    let levels: Levels;
    beforeEach(async () => {
      h = await setup();
      levels = levelsFor(h);
    });
    afterEach(async () => {
      await h.teardown();
    });
    const get = () => ({ h, levels });

    describe('orders', () => {
      it('is idempotent by client id: the same id twice is one order and one position', async () => {
        const intent = longEntry(h, levels);
        const first = await h.broker.placeOrder(intent);
        const second = await h.broker.placeOrder(intent);
        expect(second.venueOrderId, 'the second call returns the first order').toBe(first.venueOrderId);
        await h.market.next(levels.quiet);
        expect(await positionOf(h, intent.clientId)).toHaveLength(1);
        const entryFills = (await h.broker.fetchFills(0)).filter((f) => f.clientId === intent.clientId);
        expect(entryFills).toHaveLength(1);
      });

      it('finds an order by client id and by venue id', async () => {
        const intent = longEntry(h, levels);
        const ack = await h.broker.placeOrder(intent);
        expect(ack.clientId).toBe(intent.clientId);
        const byClient = await h.broker.fetchOrder({ clientId: intent.clientId });
        const byVenue = await h.broker.fetchOrder({ venueOrderId: ack.venueOrderId });
        expect(byClient?.venueOrderId).toBe(ack.venueOrderId);
        expect(byVenue?.clientId).toBe(intent.clientId);
        expect(await h.broker.fetchOrder({ clientId: newClientId('unknown') })).toBeUndefined();
      });

      it('accepts a bar-driven entry without filling it before the next bar', async () => {
        if (!h.capabilities.barDriven) return;
        const intent = longEntry(h, levels);
        const ack = await h.broker.placeOrder(intent);
        expect(ack.state).toBe('ACCEPTED');
        expect(await h.broker.fetchPositions()).toEqual([]);
        expect((await h.broker.fetchOpenOrders()).map((o) => o.clientId)).toContain(intent.clientId);
      });

      it('cancels a pending limit entry, which then never fills', async () => {
        const intent = longEntry(h, levels, {
          orderKind: 'limit',
          price: levels.price(-5),
          stop: levels.price(-7),
        });
        const ack = await h.broker.placeOrder(intent);
        expect((await h.broker.fetchOpenOrders()).map((o) => o.venueOrderId)).toContain(ack.venueOrderId);
        await h.broker.cancelOrder({ venueOrderId: ack.venueOrderId });
        expect((await h.broker.fetchOrder({ clientId: intent.clientId }))?.state).toBe('CANCELED');
        await h.market.next(levels.bar(-6, 0.3));
        expect(await positionOf(h, intent.clientId), 'canceled before the market reached it').toEqual([]);
        expect((await h.broker.fetchOpenOrders()).map((o) => o.clientId)).not.toContain(intent.clientId);
      });

      it('resolves an ambiguous placement by querying, and re-placing the id does not duplicate', async () => {
        if (h.faults === undefined) return;
        const intent = longEntry(h, levels);
        h.faults.loseNextResponse();
        await expect(h.broker.placeOrder(intent)).rejects.toBeInstanceOf(AmbiguousOrderError);
        const found = await h.broker.fetchOrder({ clientId: intent.clientId });
        expect(found, 'the venue applied the order whose response was lost').toBeDefined();
        const again = await h.broker.placeOrder(intent);
        expect(again.venueOrderId).toBe(found?.venueOrderId);
        await h.market.next(levels.quiet);
        expect(await positionOf(h, intent.clientId)).toHaveLength(1);
      });

      it('throws when the positions query fails (never an empty list)', async () => {
        if (h.faults === undefined) return;
        await h.broker.placeOrder(longEntry(h, levels));
        await h.market.next(levels.quiet);
        h.faults.failPositionsQuery();
        await expect(h.broker.fetchPositions()).rejects.toThrow();
        expect(await h.broker.fetchPositions(), 'the fault is one call').toHaveLength(1);
      });

      it('rejects a short on an instrument that cannot be shorted, naming it', async () => {
        const noShort = h.noShort;
        if (noShort === undefined) return;
        const intent = shortEntry(h, levels, {
          symbol: noShort.symbol,
          qty: noShort.qty,
          stop: undefined,
          target: undefined,
        });
        const placed = h.broker.placeOrder(intent);
        await expect(placed).rejects.toBeInstanceOf(RejectedError);
        await expect(placed).rejects.toThrow(noShort.symbol);
        expect(await h.broker.fetchPositions()).toEqual([]);
      });

      it('reports connectivity', async () => {
        const health = await h.broker.checkConnectivity();
        expect(health.ok).toBe(true);
      });
    });

    brokerExitContract(get);
  });
}
