import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario } from '../brokers/simulated/test-support/scenario.js';
import { clientOrderId } from '../domain/ids.js';
import { ExecutionEngine } from '../execution/execution-engine.js';
import { newOrder } from '../execution/order-fsm.js';
import { engineSettings, intent, TWO_TICKETS } from '../execution/test-support.js';
import { createTestDatabase, type TestDatabase } from '../test-support/postgres.js';
import { sampleSignal } from '../test-support/sample-signal.js';
import { serviceUrl } from '../test-support/services.js';
import { StoreExecutionJournal } from './execution-journal-repo.js';
import { openStore } from './open.js';
import { fills, orderEvents, orders, positions } from './schema/execution.js';
import type { Store } from './store.js';

const signal = sampleSignal();

const pgUrl = serviceUrl('TEST_DATABASE_URL');
const targets: Array<[string, () => Promise<{ store: Store; cleanup: () => Promise<void> }>]> = [
  [
    'PGlite',
    async () => {
      const store = await openStore({ dataDir: '', memory: true });
      return { store, cleanup: () => store.close() };
    },
  ],
];
if (pgUrl) {
  targets.push([
    'PostgreSQL',
    async () => {
      const db: TestDatabase = await createTestDatabase(pgUrl);
      const store = await openStore({ databaseUrl: db.url, dataDir: '' });
      return {
        store,
        cleanup: async () => {
          await store.close();
          await db.drop();
        },
      };
    },
  ]);
} else console.warn('[skip] execution journal on PostgreSQL: TEST_DATABASE_URL is not set');

describe.each(targets)('the execution journal in the store (%s)', (_name, make) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, cleanup } = await make());
    await store.migrate();
  });
  afterAll(async () => cleanup?.());

  it('stores both entries before the venue call, every transition, fills once, and the position', async () => {
    const s = scenario();
    const journal = new StoreExecutionJournal(store);
    const engine = new ExecutionEngine({
      broker: s.broker,
      registry: s.registry,
      journal,
      settings: engineSettings(),
      namespace: 'store-test',
    });
    // Both placements reach the venue but their answers are lost: the rows must already exist.
    s.broker.faults.loseNextResponse('order', 2);
    await engine.open(signal, TWO_TICKETS, s.clock.now());
    const stored = await store.db.select().from(orders);
    expect(stored.map((o) => o.clientOrderId).sort()).toEqual(
      engine.book
        .open()
        .map((o) => o.intent.clientId)
        .sort(),
    );
    expect(stored.every((o) => o.state === 'SUBMITTED')).toBe(true);
    await engine.sync(s.clock.now());
    await s.hour({ 'BTC/USDT': { open: 30_010, high: 30_700, low: 29_950, close: 30_650 } });
    await engine.sync(s.clock.now());
    await engine.sync(s.clock.now()); // a second sync sees the same fills: stored once
    const f = await store.db.select().from(fills);
    expect(new Set(f.map((x) => x.venueTradeId)).size).toBe(f.length);
    expect(f.length).toBeGreaterThanOrEqual(3); // two entries and ticket A's target
    const events = await store.db.select().from(orderEvents);
    expect(events.length).toBeGreaterThanOrEqual(6);
    const [pos] = await store.db.select().from(positions);
    expect(pos).toMatchObject({ symbol: 'BTC/USDT', status: 'open', tp1Hit: true });
    expect(pos!.exits[0]).toMatchObject({ reason: 'tp1' });
  });

  it('an order written again (after a later write of the same call failed) keeps one row and one creation event', async () => {
    const journal = new StoreExecutionJournal(store);
    const order = newOrder(intent({ clientId: clientOrderId('dvb-E-A-again') }), 1_000);
    await journal.orderCreated(order);
    await journal.orderCreated(order);
    const rows = await store.db.select().from(orders).where(eq(orders.clientOrderId, order.intent.clientId));
    expect(rows).toHaveLength(1);
    const created = await store.db.select().from(orderEvents).where(eq(orderEvents.orderId, rows[0]!.id));
    expect(created.map((e) => [e.fromState, e.toState])).toEqual([[null, 'INITIALIZED']]);
  });
});
