// Regression (found by the soak, src/soak): a stop move whose amend failed at the venue (a 5xx, a
// timeout, a lost answer) was kept in memory only: the engine believed the new stop, the store and
// the venue kept the old one, and as the move was "done" it was never sent again (a breakeven lost
// at the venue). Now the decided stop is stored and the next sync brings the venue's to it.
import { describe, expect, it } from 'vitest';
import { scenario } from '../brokers/simulated/test-support/scenario.js';
import { RetryableError } from '../domain/errors.js';
import { sampleSignal } from '../test-support/sample-signal.js';
import { ExecutionEngine } from './execution-engine.js';
import { MemoryExecutionJournal } from './execution-journal.js';
import { btcBar, engineSettings, TWO_TICKETS } from './test-support.js';

const SETTINGS = engineSettings(50);
const bar = btcBar;

describe('a stop move the venue did not take', () => {
  it('is not kept in memory only: stored, and the next sync sends it again', async () => {
    const s = scenario();
    const journal = new MemoryExecutionJournal();
    const stored: number[] = [];
    const write = journal.position.bind(journal);
    journal.position = async (position) => {
      stored.push(position.stop);
      await write(position);
    };
    const engine = new ExecutionEngine({
      broker: s.broker,
      registry: s.registry,
      journal,
      settings: SETTINGS,
      namespace: 't',
    });
    const p = await engine.open(sampleSignal(), TWO_TICKETS, s.clock.now());
    await s.hour(bar(30_010, 30_100, 29_950, 30_050));
    await engine.sync(s.clock.now());
    await s.hour(bar(30_060, 30_700, 30_000, 30_650)); // ticket A's target: B goes to breakeven or better
    await engine.sync(s.clock.now());
    expect(p.tp1Hit).toBe(true);

    const amend = s.broker.amendProtection.bind(s.broker);
    let failures = 1;
    s.broker.amendProtection = async (ref, protection) => {
      if (failures-- > 0) throw new RetryableError('venue down (test)');
      return amend(ref, protection);
    };
    await expect(engine.onBarClose('BTC/USDT', 30_650, 100, s.clock.now())).rejects.toThrow('venue down');
    const venueStop = async () => Number((await s.broker.fetchPositions())[0]!.stop);
    expect(p.stop, 'the decided trail stands').toBe(30_450);
    expect(await venueStop(), 'the venue did not take it').toBe(29_400);
    expect(stored.at(-1), 'and it is stored').toBe(30_450);

    await engine.sync(s.clock.now());
    expect(await venueStop(), 'the next sync sends it again').toBe(30_450);
    await engine.sync(s.clock.now());
    expect(failures, 'once: then the venue agrees').toBe(-1);
  });
});
