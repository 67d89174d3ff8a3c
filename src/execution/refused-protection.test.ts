// Regression (found by the soak, src/soak): a Binance entry that filled, had its protection (the
// OCO) refused and was sold back at market is reported by the adapter as a rejection; the venue's
// fills of it then reached the REJECTED order and every later sync threw (OrderFilled is invalid
// in REJECTED) — the engine stopped managing every position. They are unattributed fills now.
import Big from 'big.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { binanceHarness } from '../brokers/binance/test-support/binance-harness.js';
import { defaultRegistry } from '../domain/instruments/index.js';
import { sampleSignal } from '../test-support/sample-signal.js';
import { ExecutionEngine } from './execution-engine.js';
import { MemoryExecutionJournal } from './execution-journal.js';
import { engineSettings } from './test-support.js';

const SETTINGS = engineSettings(50);
let h: Awaited<ReturnType<typeof binanceHarness>>;

beforeEach(async () => {
  h = await binanceHarness();
});
afterEach(() => h.teardown());

describe('an entry whose protection the venue refused', () => {
  it('ends REJECTED, the venue flat, and later syncs still work', async () => {
    const journal = new MemoryExecutionJournal();
    const engine = new ExecutionEngine({
      broker: h.broker,
      registry: defaultRegistry,
      journal,
      settings: SETTINGS,
      namespace: 't',
    });
    const at = h.fake.exchange.now;
    h.fake.faults.arm('createOco', {
      kind: 'reject',
      msg: 'Account has insufficient balance for requested action.',
    });
    const signal = sampleSignal({ entry: 50_000, stop: 49_000, tp1: 51_000, tp2: 53_000, atr: 300 });
    const p = await engine.open(
      signal,
      [
        { ticket: 'A', qty: new Big('0.01'), target: 51_000 },
        { ticket: 'B', qty: new Big('0.01'), target: 53_000 },
      ],
      at,
    );
    const a = p.tickets.find((t) => t.ticket === 'A')!;
    expect(engine.all()).toHaveLength(1);
    await engine.sync(at + 1);
    await engine.sync(at + 2);
    const fills = await h.broker.fetchFills(0);
    expect(
      fills.filter((f) => f.side === 'sell').length,
      'ticket A was sold back at market',
    ).toBeGreaterThanOrEqual(1);
    expect(a.open, 'the refused ticket holds nothing').toBe(false);
    const venue = await h.broker.fetchPositions();
    const refs = new Set(p.tickets.flatMap((t) => (t.ref ? [t.ref] : [])));
    expect(
      venue.every((v) => refs.has(v.ref)),
      'every venue holding is a known ticket',
    ).toBe(true);
  });
});
