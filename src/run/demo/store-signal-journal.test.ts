// A traded signal is linked in the store: its position row and its entry orders carry the
// signal's id (positions.signal_id, orders.signal_id), so the dashboard and an audit can go from a
// trade to the candidate, verdicts and review that opened it; setups reference their signal too.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario } from '../../brokers/simulated/test-support/scenario.js';
import { ExecutionEngine } from '../../execution/execution-engine.js';
import { engineSettings, TWO_TICKETS } from '../../execution/test-support.js';
import { StoreExecutionJournal } from '../../store/execution-journal-repo.js';
import { openStore } from '../../store/open.js';
import { orders, positions } from '../../store/schema/execution.js';
import { setups, signals } from '../../store/schema/signals.js';
import type { Store } from '../../store/store.js';
import { sampleSignal } from '../../test-support/sample-signal.js';
import { StoreSignalJournal } from './store-signal-journal.js';

describe('the store signal journal', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ dataDir: '', memory: true });
    await store.migrate();
  });
  afterAll(async () => store?.close());

  it('links a traded signal to its position and entry orders once it is journaled', async () => {
    const s = scenario();
    const execution = new StoreExecutionJournal(store);
    const engine = new ExecutionEngine({
      broker: s.broker,
      registry: s.registry,
      journal: execution,
      settings: engineSettings(),
      namespace: 'link-test',
    });
    const journal = new StoreSignalJournal(store, 'link-run', 'dev', 4 * 3_600_000, (id) =>
      execution.rowOf(id),
    );
    // The store keeps all 15 verdicts of every candidate.
    const verdicts = Array.from({ length: 15 }, (_, rule) => ({
      rule,
      name: `r${rule}`,
      status: 'pass' as const,
      value: null,
      threshold: null,
    }));
    const signal = sampleSignal({ verdicts });
    // The trading loop's order: the candidate journaled (buffered), the position opened, traded().
    journal.candidate(signal);
    const p = await engine.open(signal, TWO_TICKETS, s.clock.now());
    journal.traded(signal, p.id);
    await journal.flush();

    const [sig] = await store.db
      .select({ id: signals.id })
      .from(signals)
      .where(eq(signals.runId, 'link-run'));
    expect(sig).toBeDefined();
    const [pos] = await store.db
      .select()
      .from(positions)
      .where(eq(positions.id, execution.rowOf(p.id)!));
    expect(pos?.signalId).toBe(sig!.id);
    const entries = await store.db.select().from(orders).where(eq(orders.positionId, pos!.id));
    expect(entries.map((o) => [o.intentKind, o.signalId])).toEqual([
      ['entry', sig!.id],
      ['entry', sig!.id],
    ]);
    expect(journal.counts.traded).toBe(1);

    // A setup references its journaled signal the same way.
    journal.setup({
      id: 'setup-1',
      symbol: 'BTC/USDT',
      direction: 'long',
      signal,
      visibleAt: 3,
      status: 'live',
      barsSeen: 0,
    });
    await journal.flush();
    const [setup] = await store.db.select().from(setups).where(eq(setups.runId, 'link-run'));
    expect(setup).toMatchObject({ signalId: sig!.id, status: 'live', expiresAt: 3 + 4 * 3_600_000 });
  });
});
