// An entry whose store write failed before its venue call was never sent: the next sync stores it
// and denies it, so its position settles (canceled) instead of staying pending in memory for good,
// holding its symbol and the book's quiet() until a restart.
import { describe, expect, it } from 'vitest';
import { scenario } from '../brokers/simulated/test-support/scenario.js';
import { sampleSignal } from '../test-support/sample-signal.js';
import { ExecutionEngine } from './execution-engine.js';
import { MemoryExecutionJournal } from './execution-journal.js';
import { btcBar, engineSettings, failOrderWrites, TWO_TICKETS } from './test-support.js';

describe('an entry whose store write failed', () => {
  it('is never sent, and is denied at the next sync: the position ends canceled', async () => {
    const s = scenario();
    const journal = new MemoryExecutionJournal();
    failOrderWrites(journal);
    const placed: string[] = [];
    const place = s.broker.placeOrder.bind(s.broker);
    s.broker.placeOrder = async (intent) => {
      placed.push(intent.clientId);
      return place(intent);
    };
    const engine = new ExecutionEngine({
      broker: s.broker,
      registry: s.registry,
      journal,
      settings: engineSettings(),
      namespace: 'unsent',
    });
    await expect(engine.open(sampleSignal(), TWO_TICKETS, s.clock.now())).rejects.toThrow(
      'store unavailable',
    );
    expect(placed, 'nothing sent without its row').toEqual([]);
    const [a, b] = engine.book.open();
    expect([a?.state, b?.state]).toEqual(['INITIALIZED', 'INITIALIZED']);
    expect(engine.quiet()).toBe(false);

    await s.hour(btcBar(30_010, 30_100, 29_950, 30_050));
    await engine.sync(s.clock.now());
    expect([a, b].map((o) => engine.book.get(o!.intent.clientId)?.state)).toEqual(['DENIED', 'DENIED']);
    expect(journal.orders.get(a!.intent.clientId), 'stored, then denied').toMatchObject({ state: 'DENIED' });
    expect(engine.book.open()).toEqual([]);
    const p = await engine.open(sampleSignal(), TWO_TICKETS, s.clock.now());
    expect(p.status, 'the same signal is not entered again').toBe('canceled');
    expect(placed).toEqual([]);
    expect(engine.quiet()).toBe(true);
  });
});
