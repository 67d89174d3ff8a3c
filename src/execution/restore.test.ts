import { afterEach, describe, expect, it, vi } from 'vitest';
import { scenario } from '../brokers/simulated/test-support/scenario.js';
import { StoreExecutionJournal } from '../store/execution-journal-repo.js';
import { loadExecution } from '../store/execution-restore-repo.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { sampleSignal } from '../test-support/sample-signal.js';
import { ExecutionEngine } from './execution-engine.js';
import { reconcile } from './reconcile.js';
import { btcBar, engineSettings, TWO_TICKETS } from './test-support.js';

const signal = sampleSignal();
const SETTINGS = engineSettings();
const tickets = TWO_TICKETS;
const bar = btcBar;

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function engineOn(s: ReturnType<typeof scenario>, st: Store, restore: boolean) {
  const journal = new StoreExecutionJournal(st);
  const engine = new ExecutionEngine({
    broker: s.broker,
    registry: s.registry,
    journal,
    settings: SETTINGS,
    namespace: 'restore',
  });
  if (restore) {
    const snap = await loadExecution(st);
    expect(snap.mismatches).toEqual([]);
    journal.remember(snap.orderIds, snap.positionIds);
    engine.restore(snap);
  }
  return engine;
}

describe('restoring the engine from the store', () => {
  it('resolves in-flight orders by querying, never opens the same signal twice, and keeps tickets', async () => {
    const s = scenario();
    store = await openStore({ dataDir: '', memory: true });
    await store.migrate();
    const place = vi.spyOn(s.broker, 'placeOrder');
    const first = await engineOn(s, store, false);
    s.broker.faults.loseNextResponse('order', 2); // both placed, both answers lost
    await first.open(signal, tickets, s.clock.now());
    expect(place).toHaveBeenCalledTimes(2);
    // "Crash": the first engine is gone; a new one restores from the store.
    const second = await engineOn(s, store, true);
    expect(second.book.open().map((o) => o.state)).toEqual(['SUBMITTED', 'SUBMITTED']);
    await second.open(signal, tickets, s.clock.now());
    expect(place, 'the same signal is not placed again').toHaveBeenCalledTimes(2);
    const r1 = await reconcile(second, s.clock.now(), {
      broker: s.broker,
      brokerId: 'binance',
      adopt: false,
    });
    expect(r1.ordersChanged.map((c) => c.to)).toEqual(['ACCEPTED', 'ACCEPTED']);
    await s.hour(bar(30_010, 30_100, 29_950, 30_050)); // entries fill
    await second.sync(s.clock.now());
    await s.hour(bar(30_060, 30_700, 30_000, 30_650)); // ticket A's target
    await second.sync(s.clock.now());
    const [p] = second.all();
    expect(p!.tp1Hit).toBe(true);

    const third = await engineOn(s, store, true);
    const [q] = third.all();
    expect(q!.tickets.map((t) => [t.ref, t.open, t.exits.length])).toEqual(
      p!.tickets.map((t) => [t.ref, t.open, t.exits.length]),
    );
    const r = await reconcile(third, s.clock.now(), { broker: s.broker, brokerId: 'binance', adopt: false });
    expect(r.unknownPositions).toEqual([]);
    expect(third.all()[0]!.tickets[0]!.exits, 'the TP1 fill is not applied twice').toHaveLength(1);
    await third.onBarClose('BTC/USDT', 30_650, 100, s.clock.now());
    expect(third.all()[0]!.stop).toBe(30_450);
    expect(place).toHaveBeenCalledTimes(2);
  });
});
