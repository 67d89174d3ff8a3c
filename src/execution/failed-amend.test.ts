// Regression (found by the soak, src/soak): a stop move whose amend failed at the venue (a 5xx, a
// timeout) was kept in memory only: the engine believed the new stop, the store and the venue kept
// the old one, and as the move was "done" it was never sent again (a breakeven lost at the venue).
// Now the move is undone on failure and decided again, and sent, on the next closed bar.
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { scenario } from '../brokers/simulated/test-support/scenario.js';
import { RetryableError } from '../domain/errors.js';
import { sampleSignal } from '../test-support/sample-signal.js';
import { ExecutionEngine } from './execution-engine.js';
import { MemoryExecutionJournal } from './execution-journal.js';

const SETTINGS = {
  ENTRY_MODE: 'market' as const,
  TRAIL_ATR_MULTIPLE: 2,
  TRAIL_ATR_MULTIPLE_TIGHT: 1,
  MAX_HOLD_BARS: 50,
};
const bar = (open: number, high: number, low: number, close: number) => ({
  'BTC/USDT': { open, high, low, close },
});

describe('a stop move the venue did not take', () => {
  it('is not kept in memory only: the next bar sends it again, and store and venue agree', async () => {
    const s = scenario();
    const journal = new MemoryExecutionJournal();
    const engine = new ExecutionEngine({
      broker: s.broker,
      registry: s.registry,
      journal,
      settings: SETTINGS,
      namespace: 't',
    });
    const p = await engine.open(
      sampleSignal(),
      [
        { ticket: 'A', qty: new Big('0.1'), target: 30_600 },
        { ticket: 'B', qty: new Big('0.1'), target: 31_800 },
      ],
      s.clock.now(),
    );
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
    expect(p.stop, 'not moved: the venue holds the old stop').toBe(29_400);
    expect(await venueStop()).toBe(29_400);

    await s.hour(bar(30_650, 30_700, 30_600, 30_660));
    await engine.sync(s.clock.now());
    await engine.onBarClose('BTC/USDT', 30_660, 100, s.clock.now());
    expect(p.stop, 'decided again on the next bar').toBe(30_460);
    expect(await venueStop(), 'and sent').toBe(30_460);
  });
});
