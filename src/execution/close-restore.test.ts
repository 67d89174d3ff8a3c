// A restart in the middle of a close, with the store's journal (PGlite): the close orders come
// back from the store with their kind, position and ticket; one never sent is denied (and a later
// close goes out under the next sequence), one the venue took is resolved by querying.
import { afterEach, describe, expect, it } from 'vitest';
import { scenario } from '../brokers/simulated/test-support/scenario.js';
import type { ClientOrderId, PositionId } from '../domain/ids.js';
import { StoreExecutionJournal } from '../store/execution-journal-repo.js';
import { loadExecution } from '../store/execution-restore-repo.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { sampleSignal } from '../test-support/sample-signal.js';
import { makeClientId } from './client-ids.js';
import { ExecutionEngine } from './execution-engine.js';
import type { ExecutionJournal } from './execution-journal.js';
import type { OrderSnapshot, OrderTransition } from './order-events.js';
import { reconcile } from './reconcile.js';
import { btcBar, engineSettings, TWO_TICKETS } from './test-support.js';

const QUIET = btcBar(30_000, 30_050, 29_950, 30_000);
const SETTINGS = engineSettings();

class Crash extends Error {}

/** The store's journal, dying (throwing) at the first transition `dies` picks. */
class DyingJournal implements ExecutionJournal {
  dies: ((o: OrderSnapshot, t: OrderTransition) => boolean) | undefined;
  constructor(readonly inner: StoreExecutionJournal) {}
  orderCreated = (o: OrderSnapshot) => this.inner.orderCreated(o);
  fill: ExecutionJournal['fill'] = (f) => this.inner.fill(f);
  position: ExecutionJournal['position'] = (p) => this.inner.position(p);
  async transition(o: OrderSnapshot, t: OrderTransition): Promise<void> {
    if (this.dies?.(o, t)) throw new Crash('killed');
    await this.inner.transition(o, t);
  }
}

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function run() {
  const s = scenario();
  store = await openStore({ dataDir: '', memory: true });
  await store.migrate();
  const calls: ClientOrderId[] = [];
  const close = s.broker.closePosition.bind(s.broker);
  s.broker.closePosition = async (position, options) => {
    calls.push(options.clientId);
    return close(position, options);
  };
  const engineOn = async (restore: boolean) => {
    const journal = new DyingJournal(new StoreExecutionJournal(store!));
    const engine = new ExecutionEngine({
      broker: s.broker,
      registry: s.registry,
      journal,
      settings: SETTINGS,
      namespace: 'close-restore',
    });
    if (restore) {
      const snap = await loadExecution(store!);
      expect(snap.mismatches).toEqual([]);
      journal.inner.remember(snap.orderIds, snap.positionIds);
      engine.restore(snap);
    }
    return { engine, journal };
  };
  const first = await engineOn(false);
  const p = await first.engine.open(sampleSignal(), TWO_TICKETS, s.clock.now());
  await s.hour(btcBar(30_010, 30_100, 29_950, 30_050));
  await first.engine.sync(s.clock.now());
  const id = (ticket: 'A' | 'B', sequence = 0) =>
    makeClientId({
      kind: 'exit_manual',
      positionId: p.id as PositionId,
      ticket,
      sequence,
      namespace: 'close-restore',
    });
  return { s, calls, first, engineOn, id, positionId: p.id };
}

describe('a restart in the middle of a close', () => {
  it('between storing the close and the venue call: denied, nothing sent, a later close works', async () => {
    const { s, calls, first, engineOn, id, positionId } = await run();
    first.journal.dies = (o, t) => o.intent.kind === 'exit_manual' && t.to === 'SUBMITTED';
    await expect(first.engine.closeSymbol('BTC/USDT', 'manual', s.clock.now())).rejects.toThrow(Crash);
    expect(calls).toEqual([]);

    const { engine } = await engineOn(true);
    expect(engine.book.get(id('A'))).toMatchObject({
      state: 'INITIALIZED',
      intent: { kind: 'exit_manual', positionId, ticket: 'A', side: 'sell' },
    });
    const r = await reconcile(engine, s.clock.now(), { broker: s.broker, brokerId: 'binance', adopt: false });
    expect(r.ordersChanged).toEqual([
      { clientId: id('A'), from: 'INITIALIZED', to: 'DENIED' },
      { clientId: id('B'), from: 'INITIALIZED', to: 'DENIED' },
    ]);
    expect(calls, 'nothing reached the venue').toEqual([]);
    const [p] = engine.active();
    expect(p?.tickets.map((t) => t.open)).toEqual([true, true]);

    await engine.closeSymbol('BTC/USDT', 'manual', s.clock.now());
    expect(calls).toEqual([id('A', 1), id('B', 1)]);
    await s.hour(QUIET);
    await engine.sync(s.clock.now());
    expect(p!.status).toBe('closed');
    expect(p!.tickets.map((t) => t.exits.map((e) => e.reason))).toEqual([['manual'], ['manual']]);
    expect(engine.book.open()).toEqual([]);
  });

  it('after the venue took the close, its answer not stored: queried, the ticket closed once', async () => {
    const { s, calls, first, engineOn, id } = await run();
    first.journal.dies = (o, t) => o.intent.clientId === id('A') && t.from === 'SUBMITTED';
    await expect(first.engine.closeSymbol('BTC/USDT', 'manual', s.clock.now())).rejects.toThrow(Crash);
    expect(calls).toEqual([id('A')]);

    const { engine } = await engineOn(true);
    expect(engine.book.get(id('A'))?.state).toBe('SUBMITTED');
    const r = await reconcile(engine, s.clock.now(), { broker: s.broker, brokerId: 'binance', adopt: false });
    expect(r.ordersChanged).toEqual([
      { clientId: id('A'), from: 'SUBMITTED', to: 'ACCEPTED' },
      { clientId: id('B'), from: 'INITIALIZED', to: 'DENIED' },
    ]);
    await engine.closeSymbol('BTC/USDT', 'manual', s.clock.now());
    expect(calls, 'A in flight: only B goes out, as a new intent').toEqual([id('A'), id('B', 1)]);
    await s.hour(QUIET);
    await engine.sync(s.clock.now());
    const [p] = engine.all();
    expect(p!.status).toBe('closed');
    expect(p!.tickets.map((t) => t.exits.map((e) => e.reason))).toEqual([['manual'], ['manual']]);
    expect(engine.book.get(id('A'))?.state).toBe('FILLED');

    // Once more from the store: the fills are not applied twice, nothing is sent.
    const { engine: third } = await engineOn(true);
    await reconcile(third, s.clock.now(), { broker: s.broker, brokerId: 'binance', adopt: false });
    expect(third.all()[0]!.tickets.map((t) => t.exits.length)).toEqual([1, 1]);
    expect(third.book.open()).toEqual([]);
    expect(calls).toHaveLength(2);
  });
});
