// A review request for the tests: a regular bullish divergence on BTC/USDT around 64,123.45 on
// 2024-03-05, so the tests can prove none of those reach the model. `scale` multiplies every price
// level (ATR, EMAs and MACD included), `shiftMs` moves every time and `shiftBars` every index:
// none of them may change the payload. `vary` changes the score slightly, for a distinct hash.
import type { SymbolId } from '../domain/ids.js';
import type { IndicatorValues } from '../domain/indicator-values.js';
import type { Verdict } from '../domain/verdict.js';
import { openStore, type Store } from '../store/index.js';
import type { LlmSettings } from './claude-reviewer.js';
import { type FakeAnthropic, startFakeAnthropic } from './fake/anthropic-fake-server.js';
import type { ReviewRequest } from './reviewer.js';

export interface SampleOptions {
  readonly scale?: number;
  readonly shiftMs?: number;
  readonly shiftBars?: number;
  readonly vary?: number;
  /** Overrides the confirm bar's time (the candidate's known_at). */
  readonly knownAt?: number;
}

export const SAMPLE_KNOWN_AT = Date.UTC(2024, 2, 5, 12);

const RULES = [
  'direction',
  'confidence',
  'required_fields',
  'stop_side',
  'risk_reward',
  'rsi_contradiction',
  'stop_atr_multiple',
  'adx',
  'not_ranging',
  'confirming_families',
  'swing_length',
  'rsi_margin',
  'volume_ratio',
  'low_volume_gate',
  'candle_pattern',
];

export function sampleRequest(options: SampleOptions = {}): ReviewRequest {
  const k = options.scale ?? 1;
  const dt = options.shiftMs ?? 0;
  const di = options.shiftBars ?? 0;
  const knownAt = options.knownAt ?? SAMPLE_KNOWN_AT + dt;
  const indicators: IndicatorValues = {
    rsi: 36.2,
    macd: -250.4 * k,
    macd_signal: -180.9 * k,
    macd_hist: -69.5 * k,
    stoch_k: 22.5,
    stoch_d: 18.75,
    mfi: 31.1,
    cci: -88.25,
    willr: -74.5,
    atr: 846.9 * k,
    ema50: 65_200 * k,
    ema200: 66_900 * k,
    bb_upper: 66_800 * k,
    bb_middle: 65_000 * k,
    bb_lower: 63_200 * k,
    bb_bandwidth: 0.0554,
    adx: 24.5,
    plus_di: 17.25,
    minus_di: 26.5,
    volume_sma: Number.NaN,
  };
  const verdicts: Verdict[] = RULES.map((name, rule) => ({
    rule,
    name,
    status: rule === 1 || rule >= 13 ? 'skip' : 'pass',
    // Rule 3's value is a price level: only names may reach the model.
    value: rule === 3 ? 63_700 * k : null,
    threshold: rule === 3 ? 64_480.1 * k : null,
  }));
  return {
    candidate: {
      symbol: 'BTC/USDT' as SymbolId,
      timeframe: '4h',
      type: 'regular_bullish',
      direction: 'long',
      oscillators: [
        { name: 'rsi', value1: 28.4, value2: 34.9 },
        { name: 'macd_hist', value1: -310.2 * k, value2: -120.7 * k },
        { name: 'cci', value1: -180.5, value2: -95.25 },
      ],
      pivot1: { index: 100 + di, time: Date.UTC(2024, 1, 29, 20) + dt, price: 65_012.5 * k },
      pivot2: { index: 123 + di, time: Date.UTC(2024, 2, 5) + dt, price: 64_123.45 * k },
      knownAt: { index: 126 + di, time: knownAt },
      entry: 64_480.1 * k,
      stop: 63_700 * k,
      tp1: 66_100 * k,
      tp2: 67_900 * k,
      atr: 846.9 * k,
    },
    context: {
      score: 7.5 + (options.vary ?? 0) / 1000,
      verdicts,
      indicators,
      ema200TwentyBarsAgo: 67_300 * k,
      volumeRatio: 0.82,
    },
  };
}

/** Reviewer settings pointed at a local fake, with test-friendly limits; override per test. */
export function fakeLlmSettings(baseURL: string, over: Partial<LlmSettings> = {}): LlmSettings {
  return {
    LLM_MODEL: 'claude-sonnet-5-5',
    LLM_MAX_RETRIES: 0,
    LLM_TIMEOUT_MS: 2_000,
    LLM_MAX_CONCURRENCY: 4,
    LLM_DAILY_BUDGET_USD: 1_000,
    ANTHROPIC_API_KEY: 'sk-ant-test',
    ANTHROPIC_BASE_URL: baseURL,
    ...over,
  };
}

/** The fake Messages API and a migrated in-memory store, as the LLM tests each open them. */
export async function openFakeMessagesApi(): Promise<[FakeAnthropic, Store]> {
  const [fake, store] = await Promise.all([
    startFakeAnthropic(),
    openStore({ dataDir: 'unused', memory: true }),
  ]);
  await store.migrate();
  return [fake, store];
}

/** Closes what `openFakeMessagesApi` opened (either may be missing when opening failed). */
export async function closeFakeMessagesApi(
  fake: FakeAnthropic | undefined,
  store: Store | undefined,
): Promise<void> {
  await fake?.close();
  await store?.close();
}
