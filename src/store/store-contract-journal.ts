// The signal journal's half of the store contract: run on PGlite and PostgreSQL alike.
import { expect, it } from 'vitest';
import type { EvaluatedCandidate } from '../domain/divergence.js';
import type { SymbolId } from '../domain/ids.js';
import type { Verdict } from '../domain/verdict.js';
import { listSetups, saveSetup } from './setups-repo.js';
import { journalCandidates, listSignals, markDenied } from './signals-repo.js';
import { listSnapshots, recordSnapshot } from './snapshots-repo.js';
import type { Store } from './store.js';

const T0 = Date.UTC(2024, 0, 1);

function candidate(k: number, accepted: boolean): EvaluatedCandidate {
  const verdicts: Verdict[] = Array.from({ length: 15 }, (_, rule) => ({
    rule,
    name: `r${rule}`,
    status: rule === 1 ? 'skip' : accepted || rule !== 9 ? 'pass' : 'fail',
    value: rule === 4 ? Number.NaN : rule,
    threshold: rule,
  }));
  return {
    symbol: 'BTC/USDT' as SymbolId,
    timeframe: '1h',
    type: 'regular_bullish',
    direction: 'long',
    oscillators: [{ name: 'rsi', value1: 25.5, value2: 31.25 }],
    pivot1: { index: k, time: T0 + k * 3_600_000, price: 100.1 },
    pivot2: { index: k + 12, time: T0 + (k + 12) * 3_600_000, price: 99.9 },
    knownAt: { index: k + 17, time: T0 + (k + 17) * 3_600_000 },
    entry: 101.123456789,
    stop: Number.NaN,
    tp1: 105,
    tp2: 110,
    atr: 1.5,
    score: 6.5,
    confidence: null,
    verdicts,
    rejectedBy: accepted ? null : 9,
    accepted,
  };
}

export function storeJournalContract(getStore: () => Store): void {
  it('journals candidates with their 15 verdicts, idempotently, and records denials', async () => {
    const store = getStore();
    const entries = [candidate(0, true), candidate(5, false), candidate(9, true)].map((c) => ({
      candidate: c,
    }));
    expect(await journalCandidates(store, 'run-1', 'dev', entries)).toBe(3);
    expect(await journalCandidates(store, 'run-1', 'dev', entries), 'the same candidates again').toBe(0);
    await markDenied(store, 'run-1', entries[2]!.candidate, 'MAX_POSITIONS_BROKER');
    const rows = await listSignals(store, { runId: 'run-1' });
    expect(rows).toHaveLength(3);
    const denied = rows.find((r) => r.deniedBy !== null)!;
    expect(denied.deniedBy).toBe('MAX_POSITIONS_BROKER');
    const rejected = rows.find((r) => !r.accepted)!;
    expect(rejected.rejectedBy).toBe('9');
    expect(rejected.verdicts).toHaveLength(15);
    expect(rejected.stop, 'a NaN price is stored as NULL').toBeNull();
    expect(rejected.entry).toBe('101.123456789');
    expect((await listSignals(store, { runId: 'run-1', acceptedOnly: true })).length).toBe(2);
  });

  it('persists a setup against its 4h signal and records the 1h signal that triggered it', async () => {
    const store = getStore();
    const four = { ...candidate(100, true), timeframe: '4h' as const };
    const one = candidate(130, true);
    await journalCandidates(store, 'run-s', 'dev', [{ candidate: four }, { candidate: one }]);
    const base = { signal: four, visibleAt: T0, expiresAt: T0 + 24 * 3_600_000 };
    expect(await saveSetup(store, 'run-s', { ...base, status: 'live' })).toBe(true);
    expect(
      await saveSetup(store, 'run-s', { ...base, status: 'triggered', resolvedAt: T0 + 5, trigger: one }),
    ).toBe(true);
    const rows = await listSetups(store, 'run-s');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'triggered',
      resolvedAt: T0 + 5,
      symbol: 'BTC/USDT',
      direction: 'long',
    });
    expect(rows[0]!.triggerSignalId).not.toBeNull();
    expect(
      await saveSetup(store, 'other-run', { ...base, status: 'live' }),
      'no journaled signal: nothing written',
    ).toBe(false);
  });

  it('records portfolio snapshots in time order with exact numerics', async () => {
    const store = getStore();
    const base = {
      currency: 'USD',
      balance: 100_000,
      unrealizedPnl: 0,
      openRisk: 0,
      state: 'ACTIVE' as const,
      brokers: {},
    };
    await recordSnapshot(store, { ...base, at: T0 + 2, equity: 100_100.25 });
    await recordSnapshot(store, { ...base, at: T0 + 1, equity: 99_999.125, state: 'PAUSED' });
    const rows = await listSnapshots(store);
    expect(rows.map((r) => [r.at, r.equity, r.state])).toEqual([
      [T0 + 1, '99999.125', 'PAUSED'],
      [T0 + 2, '100100.25', 'ACTIVE'],
    ]);
  });
}
