import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { scenario } from '../brokers/simulated/test-support/scenario.js';
import { sampleSignal } from '../test-support/sample-signal.js';
import { ExecutionEngine } from './execution-engine.js';
import { MemoryExecutionJournal } from './execution-journal.js';
import { reconcile } from './reconcile.js';
import { engineSettings } from './test-support.js';

const SETTINGS = engineSettings();

async function withForeignPosition() {
  const s = scenario();
  await s.hour({ 'BTC/USDT': s.flat(30_000) });
  // Someone else's order on the account (placed by hand at the venue).
  await s.broker.placeOrder(s.intent('BTC/USDT', { qty: '0.05', stop: 29_000, target: 32_000 }));
  await s.hour({ 'BTC/USDT': s.flat(30_000) });
  const journal = new MemoryExecutionJournal();
  const engine = new ExecutionEngine({
    broker: s.broker,
    registry: s.registry,
    journal,
    settings: SETTINGS,
    namespace: 'rec',
  });
  return { s, engine, journal };
}

describe('reconcile', () => {
  it('reports an unknown venue position and flags it without RECONCILE_ADOPT', async () => {
    const { s, engine } = await withForeignPosition();
    const r = await reconcile(engine, s.clock.now(), { broker: s.broker, brokerId: 'binance', adopt: false });
    expect(r.unknownPositions).toHaveLength(1);
    expect(r.flagged).toHaveLength(1);
    expect(r.adopted).toEqual([]);
    expect(engine.all()).toEqual([]);
  });

  it('adopts it with RECONCILE_ADOPT, and settles it once the venue closes it', async () => {
    const { s, engine, journal } = await withForeignPosition();
    const r = await reconcile(engine, s.clock.now(), { broker: s.broker, brokerId: 'binance', adopt: true });
    expect(r.adopted).toHaveLength(1);
    const [p] = engine.all();
    expect(p).toMatchObject({ status: 'open', symbol: 'BTC/USDT' });
    expect(journal.positions.size).toBe(1);
    const again = await reconcile(engine, s.clock.now(), {
      broker: s.broker,
      brokerId: 'binance',
      adopt: true,
    });
    expect(again.unknownPositions, 'known now').toEqual([]);
    await s.hour({ 'BTC/USDT': { open: 30_000, high: 32_100, low: 29_900, close: 32_050 } }); // its target
    const closed = await reconcile(engine, s.clock.now(), {
      broker: s.broker,
      brokerId: 'binance',
      adopt: true,
    });
    expect(closed.positionsClosed).toEqual([p!.id]);
    expect(p!.status).toBe('closed');
    expect(p!.grossPnl).toBeGreaterThan(0);
  });

  it('throws when the positions query fails: never "flat"', async () => {
    const { s, engine } = await withForeignPosition();
    await reconcile(engine, s.clock.now(), { broker: s.broker, brokerId: 'binance', adopt: true });
    s.broker.faults.failPositionsQuery();
    await expect(
      reconcile(engine, s.clock.now(), { broker: s.broker, brokerId: 'binance', adopt: true }),
    ).rejects.toThrow();
    expect(engine.active()).toHaveLength(1);
  });

  it('queries every non-terminal order and applies the answer', async () => {
    const s = scenario();
    await s.hour({ 'BTC/USDT': s.flat(30_000) });
    const engine = new ExecutionEngine({
      broker: s.broker,
      registry: s.registry,
      journal: new MemoryExecutionJournal(),
      settings: SETTINGS,
      namespace: 'rec',
    });
    const sig = sampleSignal({
      pivot1: { index: 1, time: 1, price: 1 },
      pivot2: { index: 2, time: 2, price: 1 },
      knownAt: { index: 3, time: 3 },
    });
    s.broker.faults.loseNextResponse('order', 1);
    await engine.open(sig, [{ ticket: 'A', qty: new Big('0.1'), target: 30_600 }], s.clock.now());
    const r = await reconcile(engine, s.clock.now(), { broker: s.broker, brokerId: 'binance', adopt: false });
    expect(r.ordersChecked).toBe(1);
    expect(r.ordersChanged).toEqual([expect.objectContaining({ from: 'SUBMITTED', to: 'ACCEPTED' })]);
  });
});
