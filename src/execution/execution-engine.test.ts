import { describe, expect, it } from 'vitest';
import { scenario } from '../brokers/simulated/test-support/scenario.js';
import { sampleSignal } from '../test-support/sample-signal.js';
import { ExecutionEngine } from './execution-engine.js';
import { MemoryExecutionJournal } from './execution-journal.js';
import { netPnl, rMultiple } from './managed-position.js';
import { btcBar, engineSettings, TWO_TICKETS } from './test-support.js';

const SETTINGS = engineSettings(5);

const signal = sampleSignal;

function setup() {
  const s = scenario();
  const journal = new MemoryExecutionJournal();
  const engine = new ExecutionEngine({
    broker: s.broker,
    registry: s.registry,
    journal,
    settings: SETTINGS,
    namespace: 'test',
  });
  return { ...s, journal, engine, tickets: TWO_TICKETS };
}

const bar = btcBar;

describe('ExecutionEngine on the SimulatedBroker', () => {
  it('opens two tickets, takes TP1, moves to breakeven and trails, and labels every exit', async () => {
    const { engine, clock, hour, broker, tickets, journal } = setup();
    const p = await engine.open(signal(), tickets, clock.now());
    expect(journal.orders.size, 'both entries stored before the call').toBe(2);
    await hour(bar(30_010, 30_100, 29_950, 30_050)); // entries fill at this open
    await engine.sync(clock.now());
    expect(p.status).toBe('open');
    expect(p.tickets.every((t) => t.open && t.ref)).toBe(true);
    await engine.onBarClose('BTC/USDT', 30_050, 200, clock.now());
    expect(p.stop, 'no move before TP1').toBe(29_400);

    await hour(bar(30_060, 30_700, 30_000, 30_650)); // ticket A's target
    await engine.sync(clock.now());
    expect(p.tp1Hit).toBe(true);
    expect(p.tickets[0]!.exits[0]).toMatchObject({ reason: 'tp1', price: 30_600 });
    await engine.onBarClose('BTC/USDT', 30_650, 100, clock.now());
    expect(p.stop, 'trail above breakeven: 30650 − 2 × 100').toBe(30_450);
    expect(p.stopOrigin).toBe('trail');
    const venue = await broker.fetchPositions();
    expect(venue).toHaveLength(1);
    expect(Number(venue[0]!.stop)).toBe(30_450);

    await hour(bar(30_640, 30_660, 30_300, 30_350)); // B's trailed stop
    await engine.sync(clock.now());
    expect(p.status).toBe('closed');
    expect(p.tickets[1]!.exits[0]).toMatchObject({ reason: 'trail' });
    expect(netPnl(p)).toBeGreaterThan(0);
    expect(rMultiple(p)!).toBeGreaterThan(0);
  });

  it('a lost placement response stays in flight and is resolved by querying: one order per intent', async () => {
    const { engine, clock, hour, broker, tickets } = setup();
    broker.faults.loseNextResponse('order');
    const p = await engine.open(signal(), tickets, clock.now());
    const a = engine.book.get(p.tickets[0]!.entryClientId)!;
    expect(a.state).toBe('SUBMITTED');
    await engine.sync(clock.now());
    expect(engine.book.get(p.tickets[0]!.entryClientId)!.state).not.toBe('SUBMITTED');
    expect((await broker.fetchOpenOrders()).length, 'no duplicate at the venue').toBe(2);
    await hour(bar(30_010, 30_100, 29_950, 30_050));
    await engine.sync(clock.now());
    expect((await broker.fetchPositions()).length).toBe(2);
  });

  it('an order the venue never saw is given up after repeated queries, never re-sent', async () => {
    const { engine, clock, broker, tickets } = setup();
    broker.faults.failNext('placeOrder', 2);
    const p = await engine.open(signal(), tickets, clock.now());
    for (let k = 0; k < 3; k++) await engine.sync(clock.now());
    for (const t of p.tickets) expect(engine.book.get(t.entryClientId)!.state).toBe('REJECTED');
    expect(await broker.fetchOpenOrders()).toHaveLength(0);
    expect(p.status).toBe('canceled');
  });

  it('time stop after MAX_HOLD_BARS closes both tickets at the next open', async () => {
    const { engine, clock, hour, tickets } = setup();
    const p = await engine.open(signal(), tickets, clock.now());
    for (let k = 0; k < 6; k++) {
      await hour(bar(30_000, 30_050, 29_950, 30_000));
      await engine.sync(clock.now());
      await engine.onBarClose('BTC/USDT', 30_000, 200, clock.now());
    }
    await hour(bar(30_000, 30_050, 29_950, 30_000));
    await engine.sync(clock.now());
    expect(p.status).toBe('closed');
    expect(p.tickets.flatMap((t) => t.exits.map((e) => e.reason))).toEqual(['time', 'time']);
  });

  it('opening the same signal twice is one position', async () => {
    const { engine, clock, tickets, broker } = setup();
    const a = await engine.open(signal(), tickets, clock.now());
    const b = await engine.open(signal(), tickets, clock.now());
    expect(b).toBe(a);
    expect(await broker.fetchOpenOrders()).toHaveLength(2);
  });

  it('an entry and its target in the same bar: the exit is not lost', async () => {
    const { engine, clock, hour, tickets } = setup();
    const p = await engine.open(signal(), tickets, clock.now());
    await hour(bar(30_010, 30_700, 29_950, 30_650)); // fills at the open, ticket A's target inside the bar
    await engine.sync(clock.now());
    expect(p.tp1Hit).toBe(true);
    expect(p.tickets[0]!.open).toBe(false);
    expect(p.tickets[0]!.exits).toEqual([expect.objectContaining({ reason: 'tp1', price: 30_600 })]);
    expect(p.tickets[1]!.open).toBe(true);
    expect(p.status).toBe('open');
  });

  it('WEEKEND_POLICY: reduce closes ticket A, flatten closes the rest, both labelled policy', async () => {
    const { engine, clock, hour, tickets } = setup();
    const p = await engine.open(signal(), tickets, clock.now());
    await hour(bar(30_010, 30_100, 29_950, 30_050));
    await engine.sync(clock.now());
    expect(await engine.reduceSymbol('BTC/USDT', clock.now())).toBe(1);
    await hour(bar(30_050, 30_100, 29_990, 30_060)); // the close fills at this open
    await engine.sync(clock.now());
    expect(p.tickets[0]!.open).toBe(false);
    expect(p.tickets[1]!.open).toBe(true);
    expect(p.tickets[0]!.exits.map((e) => e.reason)).toEqual(['policy']);
    expect(await engine.reduceSymbol('BTC/USDT', clock.now()), 'nothing left to reduce').toBe(0);
    await engine.closeSymbol('BTC/USDT', 'policy', clock.now());
    await hour(bar(30_060, 30_100, 29_990, 30_070));
    await engine.sync(clock.now());
    expect(p.status).toBe('closed');
    expect(p.tickets[1]!.exits.map((e) => e.reason)).toEqual(['policy']);
  });
});
