import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluatedCandidate } from '../../domain/divergence.js';
import type { SymbolId } from '../../domain/ids.js';
import { openStore } from '../../store/open.js';
import { saveOutcome } from '../../store/outcomes-repo.js';
import { signals } from '../../store/schema/signals.js';
import { journalCandidates } from '../../store/signals-repo.js';
import type { Store } from '../../store/store.js';
import { loadRuleCandidates, reportText, ruleEfficacy } from './report-rules.js';

const H = 3_600_000;
let store: Store;
beforeAll(async () => {
  store = await openStore({ dataDir: '', memory: true });
  await store.migrate();
});
afterAll(() => store?.close());

/** A long at 100 with its stop at 98 (R = 2), failing the given rules. */
function candidate(i: number, failing: number[], direction: 'long' | 'short' = 'long'): EvaluatedCandidate {
  const verdicts = Array.from({ length: 15 }, (_, rule) => ({
    rule,
    name: `rule_${rule}`,
    status: rule === 1 ? ('skip' as const) : failing.includes(rule) ? ('fail' as const) : ('pass' as const),
    value: null,
    threshold: null,
  }));
  const first = failing.length ? Math.min(...failing) : null;
  return {
    symbol: 'EUR/USD' as SymbolId,
    timeframe: '1h',
    type: direction === 'long' ? 'regular_bullish' : 'regular_bearish',
    direction,
    oscillators: [],
    pivot1: { index: 1, time: i * H, price: 99 },
    pivot2: { index: 10, time: i * H + 10 * H, price: 99.5 },
    knownAt: { index: 12, time: i * H + 12 * H },
    entry: 100,
    stop: direction === 'long' ? 98 : 102,
    tp1: direction === 'long' ? 102 : 98,
    tp2: direction === 'long' ? 106 : 94,
    atr: 1,
    score: 6,
    confidence: null,
    verdicts,
    rejectedBy: first,
    accepted: first === null,
  };
}

describe('report rules', () => {
  it('puts each rule’s rejected candidates next to the passed ones, with outcomes and moves', async () => {
    // 0: passes all, TP2, +4 % at 24h; 1: fails rule 4, SL; 2: fails 4 and 9, TP1; 3: fails 9, pending;
    // 4: a short that fails rule 4 and expired, price 101 at 24h (−1 % for a short).
    const cs = [
      candidate(0, []),
      candidate(100, [4]),
      candidate(200, [4, 9]),
      candidate(300, [9]),
      candidate(400, [4], 'short'),
    ];
    await journalCandidates(
      store,
      'run',
      'dev',
      cs.map((candidate) => ({ candidate })),
    );
    const ids = (await store.db.select({ id: signals.id, t: signals.pivot1Time }).from(signals))
      .sort((a, b) => a.t - b.t)
      .map((r) => r.id);
    const out = (p24: number | null, verdict: 'tp1' | 'tp2' | 'sl' | 'expired' | null) => ({
      prices: { 1: 100, 4: 100, 24: p24, 72: null },
      verdict,
      resolvedAt: verdict ? 1 : null,
    });
    await saveOutcome(store, ids[0]!, out(104, 'tp2'), 1);
    await saveOutcome(store, ids[1]!, out(98, 'sl'), 1);
    await saveOutcome(store, ids[2]!, out(102, 'tp1'), 1);
    await saveOutcome(store, ids[4]!, out(101, 'expired'), 1);

    const report = ruleEfficacy(await loadRuleCandidates(store));
    expect(report).toMatchObject({ candidates: 5, with_outcome: 4 });
    expect(report.rules).toHaveLength(15);
    const r4 = report.rules.find((r) => r.rule === 4)!;
    expect(r4.first_failure).toBe(3);
    expect(r4.rejected).toMatchObject({
      candidates: 3,
      resolved: 3,
      pending: 0,
      tp1: 1,
      tp2: 0,
      sl: 1,
      expired: 1,
    });
    expect(r4.rejected.sl_rate).toBeCloseTo(1 / 3, 4);
    // 24h: −2 %, +2 %, −1 % (short) → mean −0.3333 %; in R: −1, +1, −0.5 → −0.1667.
    expect(r4.rejected.moves['24h']).toEqual({ n: 3, mean_pct: -0.3333, mean_r: -0.167 });
    expect(r4.passed).toMatchObject({ candidates: 2, resolved: 1, pending: 1, tp2: 1, tp2_rate: 1 });
    expect(r4.passed.moves['24h']).toEqual({ n: 1, mean_pct: 4, mean_r: 2 });
    expect(r4.passed.moves['72h']).toEqual({ n: 0, mean_pct: null, mean_r: null });
    const r9 = report.rules.find((r) => r.rule === 9)!;
    expect(r9.first_failure, 'candidate 2 failed rule 4 first').toBe(1);
    expect(r9.rejected.candidates).toBe(2);
    const r1 = report.rules.find((r) => r.rule === 1)!;
    expect(r1.rejected.candidates + r1.passed.candidates, 'a skip counts as neither').toBe(0);
    const text = reportText(report);
    expect(text).toContain('Rule efficacy over 5 candidates (4 with an outcome)');
    expect(text.split('\n')).toHaveLength(17);
  });

  it('says so when nothing is journaled', () => {
    expect(reportText(ruleEfficacy([]))).toContain('No journaled candidates yet');
  });
});
