// Closes follow the rule entries do (SPEC §10): a client id per intent, the order stored before the
// venue call, an unknown outcome queried and never sent again, a refused close retried only as a
// new intent. On the SimulatedBroker with its faults; the journal and the broker are the real
// ones, observed through wrappers.
import { describe, expect, it } from 'vitest';
import { scenario } from '../brokers/simulated/test-support/scenario.js';
import type { ClientOrderId, PositionId } from '../domain/ids.js';
import { sampleSignal } from '../test-support/sample-signal.js';
import { makeClientId } from './client-ids.js';
import { ExecutionEngine } from './execution-engine.js';
import { MemoryExecutionJournal } from './execution-journal.js';
import { btcBar, engineSettings, failOrderWrites, TWO_TICKETS } from './test-support.js';

const QUIET = btcBar(30_000, 30_050, 29_950, 30_000);

/** An engine with both tickets filled; `log` lists journal writes and close calls in order. */
async function openPosition(maxHoldBars = 120) {
  const s = scenario();
  const log: string[] = [];
  const journal = new MemoryExecutionJournal();
  const created = journal.orderCreated.bind(journal);
  journal.orderCreated = async (o) => {
    log.push(`created ${o.intent.clientId}`);
    await created(o);
  };
  const transition = journal.transition.bind(journal);
  journal.transition = async (o, t) => {
    log.push(`${t.from}->${t.to} ${o.intent.clientId}`);
    await transition(o, t);
  };
  const calls: ClientOrderId[] = [];
  /** What the store held of each close when the venue heard of it. */
  const storedAtCall: Array<string | undefined> = [];
  const close = s.broker.closePosition.bind(s.broker);
  s.broker.closePosition = async (position, options) => {
    storedAtCall.push(journal.orders.get(options.clientId)?.state);
    calls.push(options.clientId);
    log.push(`closePosition ${options.clientId}`);
    return close(position, options);
  };
  const engine = new ExecutionEngine({
    broker: s.broker,
    registry: s.registry,
    journal,
    settings: engineSettings(maxHoldBars),
    namespace: 'closes',
  });
  const p = await engine.open(sampleSignal(), TWO_TICKETS, s.clock.now());
  await s.hour(btcBar(30_010, 30_100, 29_950, 30_050));
  await engine.sync(s.clock.now());
  expect(p.tickets.every((t) => t.open)).toBe(true);
  const closeId = (kind: 'exit_manual' | 'exit_time_stop' | 'exit_policy', ticket: 'A' | 'B', sequence = 0) =>
    makeClientId({ kind, positionId: p.id as PositionId, ticket, sequence, namespace: 'closes' });
  /** One quiet hour: the bar, the sync, the monitor. */
  const hour = async () => {
    await s.hour(QUIET);
    await engine.sync(s.clock.now());
    await engine.onBarClose('BTC/USDT', 30_000, 200, s.clock.now());
  };
  return { s, engine, journal, log, calls, storedAtCall, p, closeId, hour };
}

describe('closing a position', () => {
  it('stores each close as an order (created, then SUBMITTED) before the venue call', async () => {
    const { s, engine, log, calls, storedAtCall, p, closeId } = await openPosition();
    log.length = 0;
    await engine.closeSymbol('BTC/USDT', 'manual', s.clock.now());
    const [a, b] = [closeId('exit_manual', 'A'), closeId('exit_manual', 'B')];
    expect(calls).toEqual([a, b]);
    expect(storedAtCall, 'each close in the store, in flight, before the venue hears of it').toEqual([
      'SUBMITTED',
      'SUBMITTED',
    ]);
    expect(log).toEqual([
      `created ${a}`,
      `created ${b}`,
      `INITIALIZED->SUBMITTED ${a}`,
      `closePosition ${a}`,
      `SUBMITTED->ACCEPTED ${a}`,
      `INITIALIZED->SUBMITTED ${b}`,
      `closePosition ${b}`,
      `SUBMITTED->ACCEPTED ${b}`,
    ]);
    expect(engine.book.get(a)?.intent).toMatchObject({
      kind: 'exit_manual',
      side: 'sell',
      orderKind: 'market',
      positionId: p.id,
      ticket: 'A',
    });
    expect(engine.book.get(a)?.intent.qty.toString()).toBe('0.1');

    await s.hour(QUIET); // the closes fill at this open
    await engine.sync(s.clock.now());
    expect(p.status).toBe('closed');
    expect(p.tickets.map((t) => t.exits.map((e) => e.reason))).toEqual([['manual'], ['manual']]);
    expect([a, b].map((id) => engine.book.get(id)?.state)).toEqual(['FILLED', 'FILLED']);
    expect(engine.book.open(), 'nothing left open in the book').toEqual([]);
    await engine.sync(s.clock.now());
    expect(
      p.tickets.map((t) => t.exits.length),
      'each close fill applied once',
    ).toEqual([1, 1]);
  });

  it('a close whose answer was lost is resolved by querying: sent once, the ticket closed once', async () => {
    const { s, engine, calls, p, closeId, hour } = await openPosition(1);
    s.broker.faults.loseNextResponse('closePosition');
    await hour(); // the first bar held: the time stop, ticket A's answer lost
    const a = closeId('exit_time_stop', 'A');
    expect(engine.book.get(a)?.state).toBe('SUBMITTED');
    await engine.sync(s.clock.now());
    expect(engine.book.get(a)?.state, 'the venue has it').toBe('ACCEPTED');
    await hour(); // the closes fill; the time stop would fire again, but nothing is left open
    expect(p.status).toBe('closed');
    expect(p.tickets.map((t) => t.exits.map((e) => e.reason))).toEqual([['time'], ['time']]);
    expect(engine.book.get(a)?.state).toBe('FILLED');
    expect(calls).toEqual([a, closeId('exit_time_stop', 'B')]);
    expect(engine.quiet()).toBe(true);
  });

  it('a time stop or manual close repeated while the close is in flight sends nothing', async () => {
    const { s, engine, calls, closeId, hour, p } = await openPosition(1);
    s.broker.faults.failNext('closePosition', 2); // neither reaches the venue: both in flight
    await hour();
    const first = [closeId('exit_time_stop', 'A'), closeId('exit_time_stop', 'B')];
    expect(calls).toEqual(first);
    await engine.closeSymbol('BTC/USDT', 'manual', s.clock.now());
    await engine.closeSymbol('BTC/USDT', 'manual', s.clock.now());
    await hour(); // the time stop fires again; one miss at the venue so far
    expect(calls, 'nothing sent while in flight').toEqual(first);
    // Not found in three queries: given up as never placed; then the time stop closes afresh.
    await hour();
    await hour();
    const second = [closeId('exit_time_stop', 'A', 1), closeId('exit_time_stop', 'B', 1)];
    expect(first.map((id) => engine.book.get(id)?.state)).toEqual(['REJECTED', 'REJECTED']);
    expect(calls).toEqual([...first, ...second]);
    await hour();
    expect(p.status).toBe('closed');
    expect(calls, 'no id twice').toEqual([...first, ...second]);
  });

  it('a refused close is recorded and retried as a new intent (sequence 1), never under its old id', async () => {
    const { s, engine, calls, closeId, p, log } = await openPosition();
    s.broker.faults.rejectNext('closePosition', 'market closed (test)');
    await engine.closeSymbol('BTC/USDT', 'manual', s.clock.now());
    const [a0, b0, a1] = [
      closeId('exit_manual', 'A'),
      closeId('exit_manual', 'B'),
      closeId('exit_manual', 'A', 1),
    ];
    expect(engine.book.get(a0)).toMatchObject({ state: 'REJECTED', reason: 'market closed (test)' });
    expect(log).toContain(`SUBMITTED->REJECTED ${a0}`);
    await s.hour(QUIET); // B's close fills; A is still open
    await engine.sync(s.clock.now());
    expect(p.tickets.map((t) => t.open)).toEqual([true, false]);
    await engine.closeSymbol('BTC/USDT', 'manual', s.clock.now());
    await s.hour(QUIET);
    await engine.sync(s.clock.now());
    expect(p.status).toBe('closed');
    expect(calls).toEqual([a0, b0, a1]);
    expect(engine.book.get(a1)?.state).toBe('FILLED');
    expect(p.tickets[0]!.exits.map((e) => e.reason)).toEqual(['manual']);
  });

  it('a close in flight whose ticket the venue closed meanwhile is given up, not left open', async () => {
    const { s, engine, p, closeId, calls } = await openPosition();
    s.broker.faults.failNext('closePosition'); // ticket A's close never reaches the venue
    await engine.reduceSymbol('BTC/USDT', s.clock.now());
    const a = closeId('exit_policy', 'A');
    expect(calls).toEqual([a]);
    expect(engine.book.get(a)?.state).toBe('SUBMITTED');
    // The venue's stop closes both tickets at the next open.
    await s.hour(btcBar(29_000, 29_100, 28_900, 29_000));
    await engine.sync(s.clock.now());
    expect(p.status).toBe('closed');
    expect(p.tickets.map((t) => t.exits.map((e) => e.reason))).toEqual([['stop'], ['stop']]);
    expect(engine.book.get(a)).toMatchObject({
      state: 'REJECTED',
      reason: 'ticket closed; the venue has no record of this close',
    });
    expect(engine.book.open(), 'nothing left open in the book').toEqual([]);
    expect(engine.quiet()).toBe(true);
    await engine.sync(s.clock.now());
    expect(calls, 'nothing sent again').toHaveLength(1);
  });

  it('a close whose store write failed was never sent: denied at the next sync, then closed afresh', async () => {
    const { s, engine, journal, calls, closeId, p } = await openPosition();
    failOrderWrites(journal);
    await expect(engine.closeSymbol('BTC/USDT', 'manual', s.clock.now())).rejects.toThrow(
      'store unavailable',
    );
    const [a0, b0] = [closeId('exit_manual', 'A'), closeId('exit_manual', 'B')];
    expect(calls, 'nothing sent without its row').toEqual([]);
    expect(engine.book.get(a0)?.state).toBe('INITIALIZED');
    await engine.sync(s.clock.now());
    expect([a0, b0].map((id) => engine.book.get(id)?.state)).toEqual(['DENIED', 'DENIED']);
    expect(journal.orders.get(a0), 'stored, then denied').toMatchObject({ state: 'DENIED' });
    await engine.closeSymbol('BTC/USDT', 'manual', s.clock.now());
    const [a1, b1] = [closeId('exit_manual', 'A', 1), closeId('exit_manual', 'B', 1)];
    expect(calls).toEqual([a1, b1]);
    await s.hour(QUIET);
    await engine.sync(s.clock.now());
    expect(p.status).toBe('closed');
    expect(engine.book.open()).toEqual([]);
  });

  it('a close never sent whose ticket the venue then closed is denied (no invalid cancel of an unsent order)', async () => {
    const { s, engine, journal, calls, closeId, p } = await openPosition();
    failOrderWrites(journal);
    await expect(engine.reduceSymbol('BTC/USDT', s.clock.now())).rejects.toThrow('store unavailable');
    await s.hour(btcBar(29_000, 29_100, 28_900, 29_000)); // the venue's stop closes both tickets
    await engine.sync(s.clock.now());
    expect(p.status).toBe('closed');
    expect(engine.book.get(closeId('exit_policy', 'A'))?.state).toBe('DENIED');
    expect(calls).toEqual([]);
    expect(engine.quiet()).toBe(true);
  });
});
