// `--llm replay` (SPEC §6, issue #5/#7): a backtest reviewed live by Claude (the real SDK against
// the fake Messages API, every call recorded) and the same backtest replaying those recorded
// answers make the same decisions, without a single request; an answer recorded too late (over an hour after
// the confirm bar's close) is not used.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import type { Clock } from '../domain/clock.js';
import type { SymbolId } from '../domain/ids.js';
import { timeframeMs } from '../domain/timeframe.js';
import { ClaudeReviewer } from '../llm/claude-reviewer.js';
import type { FakeAnthropic } from '../llm/fake/anthropic-fake-server.js';
import { jsonTextReply } from '../llm/fake/replies.js';
import { ReplayReviewer } from '../llm/replay-reviewer.js';
import type { LlmReviewer } from '../llm/reviewer.js';
import { closeFakeMessagesApi, fakeLlmSettings, openFakeMessagesApi } from '../llm/test-support.js';
import { readCandleFile } from '../market-data/csv.js';
import { type Finalizer, llmFinalizer } from '../pipeline/review.js';
import { openStore, type Store } from '../store/index.js';
import { buildReport } from './report.js';
import { type FileSeries, runBacktest } from './run-backtest.js';

const DATA = fileURLToPath(new URL('../../data/', import.meta.url));
const config = loadConfig({});
let fake: FakeAnthropic;
let store: Store;
let series: FileSeries[];

beforeAll(async () => {
  const to = Date.parse('2021-05-01T00:00:00Z');
  const candles = (await readCandleFile(`${DATA}binance_BTC_USDT-1h.csv`)).filter((c) => c.time < to);
  series = [{ symbol: 'BTC/USDT' as SymbolId, timeframe: '1h', candles }];
  // Confirm, downgrade and veto in turn: the replay must reproduce a mix, not one answer.
  const answers = [
    { verdict: 'confirm', confidence: 0.9, reasoning: 'clean divergence' },
    { verdict: 'downgrade', confidence: 0.55, reasoning: 'weak volume' },
    { verdict: 'veto', confidence: 0.2, reasoning: 'against the trend' },
  ];
  [fake, store] = await openFakeMessagesApi();
  for (let i = 0; i < 600; i++) fake.enqueue(jsonTextReply(answers[i % 3]));
});
afterAll(() => closeFakeMessagesApi(fake, store));

/** Reviews each candidate at its known_at close (what a live run would have recorded then). */
function reviewAtKnownAt(make: (clock: Clock) => LlmReviewer, delayMs = 0): Finalizer {
  let now = 0;
  const clock: Clock = { now: () => now, sleepUntil: async () => {} };
  const inner = llmFinalizer(make(clock), {
    mode: 'review',
    llmFailure: 'closed',
    minConfidence: () => config.MIN_CONFIDENCE,
  });
  return (c, ctx) => {
    now = c.knownAt.time + timeframeMs[c.timeframe ?? '1h'] + delayMs;
    return inner(c, ctx);
  };
}

describe('backtest --llm replay', () => {
  it('replays the recorded answers: the same trades and rejections, no request', async () => {
    const live = await runBacktest({
      config,
      series,
      finalize: reviewAtKnownAt(
        (clock) => new ClaudeReviewer({ settings: fakeLlmSettings(fake.baseURL), clock, store }),
      ),
    });
    const calls = fake.requests.length;
    expect(calls, 'candidates were sent to the fake Claude').toBeGreaterThan(10);
    const replayed = await runBacktest({
      config,
      series,
      finalize: llmFinalizer(new ReplayReviewer({ store, model: fakeLlmSettings('').LLM_MODEL }), {
        mode: 'review',
        llmFailure: 'closed',
        minConfidence: () => config.MIN_CONFIDENCE,
      }),
    });
    expect(fake.requests.length, 'replay never calls the API').toBe(calls);
    const a = buildReport(live).report;
    const b = buildReport(replayed).report;
    expect(b.trades).toEqual(a.trades);
    expect(b.rejections).toEqual(a.rejections);
    // The mix came through: vetoes, low confidence failing rule 1, and trades.
    expect(a.rejections.gates.find((g) => g.by === 'llm_veto')?.count).toBeGreaterThan(0);
    expect(a.rejections.rules[1]!.first_failure.count).toBeGreaterThan(0);
    expect(a.rejections.gates.find((g) => g.by === 'llm_error')).toBeUndefined();
    expect(a.trades.length).toBeGreaterThan(0);
  }, 120_000);

  it("does not use an answer recorded more than 1 h after known_at's close", async () => {
    const late = await openStore({ dataDir: 'unused', memory: true });
    await late.migrate();
    try {
      fake.reset();
      for (let i = 0; i < 600; i++)
        fake.enqueue(jsonTextReply({ verdict: 'confirm', confidence: 0.9, reasoning: 'ok' }));
      const settings = fakeLlmSettings(fake.baseURL);
      await runBacktest({
        config,
        series,
        finalize: reviewAtKnownAt(
          (clock) => new ClaudeReviewer({ settings, clock, store: late }),
          2 * 3_600_000,
        ),
      });
      const replayed = await runBacktest({
        config,
        series,
        finalize: llmFinalizer(new ReplayReviewer({ store: late, model: settings.LLM_MODEL }), {
          mode: 'review',
          llmFailure: 'closed',
          minConfidence: () => config.MIN_CONFIDENCE,
        }),
      });
      const r = buildReport(replayed).report;
      expect(r.trades).toEqual([]);
      expect(r.rejections.gates.find((g) => g.by === 'llm_error')?.count).toBeGreaterThan(0);
    } finally {
      await late.close();
    }
  }, 120_000);
});
