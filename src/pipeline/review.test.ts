// The LLM gate in the pipeline, with the real SDK against the local fake Messages API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../clock/simulated-clock.js';
import { loadConfig } from '../config/load.js';
import type { EvaluatedCandidate } from '../domain/divergence.js';
import type { SymbolId } from '../domain/ids.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { ClaudeReviewer } from '../llm/claude-reviewer.js';
import { type FakeAnthropic, startFakeAnthropic } from '../llm/fake/anthropic-fake-server.js';
import { errorReply, jsonTextReply } from '../llm/fake/replies.js';
import { readCandleFile } from '../market-data/csv.js';
import { analyzerSettings } from '../signals/analyzer-settings.js';
import { SeriesAnalyzer } from '../signals/series-analyzer.js';
import { SetupBook } from '../signals/setup-book.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { llmFinalizer } from './review.js';
import { SymbolStream } from './symbol-stream.js';

const config = loadConfig({});
let fake: FakeAnthropic;
let store: Store;

beforeAll(async () => {
  fake = await startFakeAnthropic();
  store = await openStore({ dataDir: '', memory: true });
  await store.migrate();
});
afterAll(async () => {
  await fake?.close();
  await store?.close();
});

// Each run reads its own slice: the reviewer reuses answers recorded for an identical request.
async function run(llmFailure: 'closed' | 'algorithmic', from: number, mode: 'review' | 'detect' = 'review') {
  const clock = new SimulatedClock(Date.UTC(2020, 0, 1));
  const reviewer = new ClaudeReviewer({
    settings: {
      LLM_MODEL: config.LLM_MODEL,
      LLM_MAX_RETRIES: 0,
      LLM_TIMEOUT_MS: 2_000,
      LLM_MAX_CONCURRENCY: 2,
      LLM_DAILY_BUDGET_USD: 1_000,
      ANTHROPIC_API_KEY: 'sk-ant-FAKE-KEY-pipeline',
      ANTHROPIC_BASE_URL: fake.baseURL,
    },
    clock,
    store,
  });
  const ctx = (tf: '1h' | '4h') => ({
    symbol: 'BTC/USDT' as SymbolId,
    timeframe: tf,
    isCrypto: true,
    roundTripCost: () => 0,
  });
  const seen: EvaluatedCandidate[] = [];
  const tradable: EvaluatedCandidate[] = [];
  const stream = new SymbolStream(
    {
      symbol: 'BTC/USDT',
      analyzer1h: new SeriesAnalyzer(ctx('1h'), analyzerSettings(config, '1h')),
      analyzer4h: new SeriesAnalyzer(ctx('4h'), analyzerSettings(config, '4h')),
      setups: new SetupBook({ ttlBars: 6 }),
      multiTimeframe: false,
      finalize: llmFinalizer(reviewer, { mode, llmFailure, minConfidence: () => 0.7 }),
    },
    { onCandidate: (c) => seen.push(c), onTradable: (c) => tradable.push(c) },
  );
  const bars = (await readCandleFile(new URL('../../data/binance_BTC_USDT-1h.csv', import.meta.url))).slice(
    from,
    from + 1_500,
  );
  for (const b of bars) {
    await clock.advanceTo(b.time + HOUR_MS);
    await stream.on1hBar(b);
  }
  return { seen, tradable };
}

describe('the LLM review in the pipeline (SPEC §6, §7)', () => {
  it('asks only about survivors; confidence settles rule 1; a veto rejects', async () => {
    let asked = 0;
    fake.reset();
    for (let k = 0; k < 200; k++) {
      fake.enqueue(
        k % 2 === 0
          ? jsonTextReply({ verdict: 'confirm', confidence: 0.9, reasoning: 'clean divergence' })
          : jsonTextReply({ verdict: 'veto', confidence: 0.8, reasoning: 'against the trend' }),
      );
    }
    const { seen, tradable } = await run('closed', 0);
    asked = fake.requests.length;
    const reviewed = seen.filter((c) => c.confidence !== null);
    expect(asked, 'one request per survivor').toBe(reviewed.length);
    expect(asked).toBeGreaterThan(1);
    for (const c of seen) {
      const rule1 = c.verdicts[1]!;
      if (c.confidence === null) expect(rule1.status, 'not asked: rule 1 skips').toBe('skip');
      else expect(rule1.status).toBe(c.confidence >= 0.7 ? 'pass' : 'fail');
    }
    expect(seen.filter((c) => c.rejectedBy === 'llm_veto').length).toBeGreaterThan(0);
    expect(tradable.every((c) => c.confidence === 0.9)).toBe(true);
    const body = JSON.stringify(fake.requests.map((r) => r.body));
    expect(body, 'no symbol in the payload').not.toContain('BTC');
  }, 60_000);

  it('an API failure rejects as llm_error when closed, and passes rule 1 as skipped when algorithmic', async () => {
    fake.reset();
    for (let k = 0; k < 400; k++) fake.enqueue(errorReply(400, 'invalid_request_error', 'bad request'));
    const closed = await run('closed', 1_500);
    expect(closed.tradable).toHaveLength(0);
    expect(closed.seen.some((c) => c.rejectedBy === 'llm_error')).toBe(true);
    fake.reset();
    for (let k = 0; k < 400; k++) fake.enqueue(errorReply(400, 'invalid_request_error', 'bad request'));
    const algorithmic = await run('algorithmic', 3_000);
    expect(algorithmic.tradable.length).toBeGreaterThan(0);
    expect(algorithmic.tradable.every((c) => c.verdicts[1]!.status === 'skip')).toBe(true);
  }, 60_000);

  it('detect mode asks about every candidate past the score gate; the other rules still gate it', async () => {
    fake.reset();
    for (let k = 0; k < 2_000; k++)
      fake.enqueue(jsonTextReply({ verdict: 'confirm', confidence: 0.95, reasoning: 'yes' }));
    const { seen, tradable } = await run('closed', 4_500, 'detect');
    const pastScore = seen.filter((c) => c.rejectedBy !== 'score');
    expect(fake.requests.length).toBe(pastScore.length);
    expect(
      pastScore.some((c) => c.confidence === 0.95 && !c.accepted),
      'a failing rule still rejects',
    ).toBe(true);
    expect(tradable.every((c) => c.verdicts.every((v) => v.status !== 'fail'))).toBe(true);
  }, 60_000);
});
