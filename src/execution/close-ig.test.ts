// The engine closing on IG (the real adapter against the fake IG server). In one process a close
// is known by its client id and its fill comes back under it. IG's close endpoint takes no client
// reference, so a close whose answer a dead process never stored is unknown by its client id to
// the next one (brokers/ig/ig-close-restart.test.ts); what that one sees is the fill on the
// ticket's ref: the ticket is closed by it, the close order given up, nothing sent twice, and the
// ticket whose close was never sent is closed afresh under the next sequence.
import Big from 'big.js';
import { afterEach, describe, expect, it } from 'vitest';
import { igHarness } from '../brokers/ig/test-support/ig-harness.js';
import type { PositionId, SymbolId } from '../domain/ids.js';
import { defaultRegistry } from '../domain/instruments/index.js';
import { sampleSignal } from '../test-support/sample-signal.js';
import { makeClientId } from './client-ids.js';
import { ExecutionEngine } from './execution-engine.js';
import { type ExecutionJournal, MemoryExecutionJournal } from './execution-journal.js';
import { reconcile } from './reconcile.js';
import { decodePosition } from './restore.js';
import { engineSettings } from './test-support.js';

type Harness = Awaited<ReturnType<typeof igHarness>>;
let h: Harness | undefined;
afterEach(async () => {
  await h?.teardown();
  h = undefined;
});

const SETTINGS = engineSettings();

const engineOn = (broker: Harness['broker'], journal: ExecutionJournal) =>
  new ExecutionEngine({ broker, registry: defaultRegistry, journal, settings: SETTINGS, namespace: 'ig' });

/** An AAPL long of two tickets of 10, both filled at IG (market deals fill on arrival). */
async function openOnIg(journal: ExecutionJournal) {
  h = await igHarness();
  const engine = engineOn(h.broker, journal);
  const now = () => h!.fake.venue.now;
  const p = await engine.open(
    sampleSignal({ symbol: 'AAPL' as SymbolId, entry: 200, stop: 196, tp1: 204, tp2: 208, atr: 2 }),
    [
      { ticket: 'A', qty: new Big(10), target: 204 },
      { ticket: 'B', qty: new Big(10), target: 208 },
    ],
    now(),
  );
  await engine.sync(now());
  expect(p.tickets.map((t) => t.open)).toEqual([true, true]);
  const closeId = (ticket: 'A' | 'B', sequence = 0) =>
    makeClientId({ kind: 'exit_manual', positionId: p.id as PositionId, ticket, sequence, namespace: 'ig' });
  // IG's close requests: market deals naming the deal they close.
  const closes = () => h!.fake.venue.deals.filter((d) => d.dealId !== undefined && d.orderType === 'MARKET');
  return { h, engine, p, now, closeId, closes };
}

describe('the engine closing on IG', () => {
  it('in one process: the close filled by its answer and its fill (under the entry’s deal id)', async () => {
    const { engine, p, now, closeId, closes } = await openOnIg(new MemoryExecutionJournal());
    await engine.closeSymbol('AAPL', 'manual', now());
    expect(engine.book.get(closeId('A'))?.state).toBe('FILLED');
    expect(engine.book.get(closeId('A'))?.venueOrderId, 'the deal id stays the entry’s').toBeUndefined();
    await engine.sync(now());
    expect(p.status).toBe('closed');
    expect(p.tickets.map((t) => t.exits.map((e) => e.reason))).toEqual([['manual'], ['manual']]);
    expect(engine.book.open()).toEqual([]);
    await engine.closeSymbol('AAPL', 'manual', now());
    expect(closes()).toHaveLength(2);
  });

  it('across a restart: a close IG made but the store holds in flight is settled by its fill, never sent again', async () => {
    const memory = new MemoryExecutionJournal();
    let dead = false;
    // The first process dies when the answer to ticket A's close comes back (nothing stored after).
    const dying: ExecutionJournal = {
      orderCreated: (o) => (dead ? Promise.resolve() : memory.orderCreated(o)),
      fill: (f) => (dead ? Promise.resolve() : memory.fill(f)),
      position: (p) => (dead ? Promise.resolve() : memory.position(p)),
      transition: async (o, t) => {
        if (o.intent.kind === 'exit_manual' && t.from === 'SUBMITTED') dead = true;
        if (dead) throw new Error('killed');
        await memory.transition(o, t);
      },
    };
    const { engine: first, now, closeId, closes } = await openOnIg(dying);
    await expect(first.closeSymbol('AAPL', 'manual', now())).rejects.toThrow('killed');
    expect(closes(), 'ticket A closed at IG').toHaveLength(1);
    expect(memory.orders.get(closeId('A'))?.state).toBe('SUBMITTED');
    expect(memory.orders.get(closeId('B'))?.state).toBe('INITIALIZED');

    const restarted = h!.connect();
    try {
      const second = engineOn(restarted, memory);
      second.restore({
        orders: [...memory.orders.values()],
        positions: [...memory.positions.values()].map((x) => decodePosition(JSON.parse(JSON.stringify(x)))),
        lastFillAt: 0,
        mismatches: [],
      });
      expect(
        await restarted.fetchOrder({ clientId: closeId('A') }),
        'unknown by its client id',
      ).toBeUndefined();
      const r = await reconcile(second, now(), { broker: restarted, brokerId: 'ig', adopt: false });
      expect(r.unknownPositions).toEqual([]);
      const [q] = second.all();
      expect(q!.tickets.map((t) => t.open)).toEqual([false, true]);
      expect(
        q!.tickets[0]!.exits.map((e) => e.reason),
        'labelled by the close in flight',
      ).toEqual(['manual']);
      expect(second.book.get(closeId('A'))).toMatchObject({
        state: 'REJECTED',
        reason: 'ticket closed; the venue has no record of this close',
      });
      expect(second.book.get(closeId('B'))?.state).toBe('DENIED');

      await second.closeSymbol('AAPL', 'manual', now());
      await second.sync(now());
      expect(q!.status).toBe('closed');
      expect(q!.tickets.map((t) => t.exits.length)).toEqual([1, 1]);
      expect(second.book.get(closeId('B', 1))?.state).toBe('FILLED');
      expect(second.book.open()).toEqual([]);
      await second.sync(now());
      expect(closes(), 'one close per ticket reached IG').toHaveLength(2);
    } finally {
      await restarted.close();
    }
  });
});
