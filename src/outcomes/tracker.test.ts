import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario } from '../brokers/simulated/test-support/scenario.js';
import type { EvaluatedCandidate } from '../domain/divergence.js';
import type { SymbolId } from '../domain/ids.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { openStore } from '../store/open.js';
import { outcomes } from '../store/schema/signals.js';
import { journalCandidates } from '../store/signals-repo.js';
import type { Store } from '../store/store.js';
import { trackOutcomes } from './tracker.js';

let store: Store;
beforeAll(async () => {
  store = await openStore({ dataDir: '', memory: true });
  await store.migrate();
});
afterAll(async () => store?.close());

describe('outcome tracker job', () => {
  it('records prices and the verdict of every journaled candidate, accepted or not, from the broker', async () => {
    const s = scenario();
    const t0 = s.clock.now();
    const candidate = (accepted: boolean, tp1: number): EvaluatedCandidate => ({
      symbol: 'BTC/USDT' as SymbolId,
      timeframe: '1h',
      type: 'regular_bullish',
      direction: 'long',
      oscillators: [],
      pivot1: { index: 1, time: t0 - 20 * HOUR_MS + tp1, price: 29_000 },
      pivot2: { index: 20, time: t0 - 5 * HOUR_MS, price: 29_400 },
      knownAt: { index: 25, time: t0 - HOUR_MS },
      entry: 30_000,
      stop: 29_400,
      tp1,
      tp2: 31_800,
      atr: 200,
      score: 7,
      confidence: null,
      verdicts: Array.from({ length: 15 }, (_, rule) => ({
        rule,
        name: `r${rule}`,
        status: 'pass' as const,
        value: null,
        threshold: null,
      })),
      rejectedBy: accepted ? null : 9,
      accepted,
    });
    await journalCandidates(store, 'run-o', 'dev', [
      { candidate: candidate(true, 30_600) },
      { candidate: candidate(false, 31_000) },
    ]);
    for (let h = 0; h < 80; h++) {
      const up = h === 3 ? 30_700 : 30_100;
      await s.hour({ 'BTC/USDT': { open: 30_000, high: up, low: 29_900, close: 30_050 } });
    }
    await trackOutcomes(store, s.broker, 'run-o', s.clock.now());
    const rows = await store.db.select().from(outcomes);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.verdict).sort()).toEqual(['expired', 'tp1']);
    expect(rows.every((r) => r.price72h === '30050')).toBe(true);
    // Decided rows are not pending any more: a second run changes nothing.
    expect(await trackOutcomes(store, s.broker, 'run-o', s.clock.now())).toBe(0);
  });
});
