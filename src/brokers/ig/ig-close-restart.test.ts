// IG's close endpoint takes no client reference, so the adapter knows a close's venue reference
// only in the process that sent it. After a restart the close is unknown by its client id; what a
// new process can still see is its fill, in the activity history, on the position it reduced,
// which the engine applies as an exit of that ticket. (The engine never sends a close again: after
// a restart it settles the ticket from that fill and gives the close up; see
// execution/close-ig.test.ts. A partial close like this one is idempotent by client id only within
// the process that sent it.)
import Big from 'big.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientOrderId } from '../../domain/ids.js';
import { aaplEntry, igHarness } from './test-support/ig-harness.js';

type Harness = Awaited<ReturnType<typeof igHarness>>;
let h: Harness;

describe('IgBroker: a partial close seen from a restarted process', () => {
  beforeEach(async () => {
    h = await igHarness();
  });
  afterEach(() => h.teardown());

  it('is unknown by its client id, and its fill comes back on the position under IG’s reference', async () => {
    const started = h.fake.venue.now;
    const entryId = clientOrderId('igrestart-entry');
    await h.broker.placeOrder(aaplEntry(entryId));
    const [position] = await h.broker.fetchPositions();
    const closeId = clientOrderId('igrestart-close');
    await h.broker.closePosition(position!, { clientId: closeId, qty: new Big(5) });
    expect((await h.broker.fetchOrder({ clientId: closeId }))?.state, 'known to the sender').toBe('FILLED');

    const restarted = h.connect();
    try {
      expect(await restarted.fetchOrder({ clientId: closeId })).toBeUndefined();
      const [left] = await restarted.fetchPositions();
      expect(left?.ref).toBe(position!.ref);
      expect(left?.qty.toString()).toBe('5');
      const fills = await restarted.fetchFills(started);
      const exit = fills.find((f) => f.side === 'sell');
      // Under the venue's own dealReference, which no order of ours has: an exit of that ticket.
      expect(exit?.positionRef).toBe(position!.ref);
      expect(exit?.clientId).toBeDefined();
      expect(exit?.clientId).not.toBe(closeId);
      expect(exit?.qty.toString()).toBe('5');
      // The entry keeps its client id: IG echoes an opening deal's dealReference.
      expect(fills.find((f) => f.side === 'buy')?.clientId).toBe(entryId);
    } finally {
      await restarted.close();
    }
  });
});
