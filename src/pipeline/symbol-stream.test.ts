import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import type { Candle } from '../domain/candle.js';
import type { EvaluatedCandidate } from '../domain/divergence.js';
import type { SymbolId } from '../domain/ids.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { readCandleFile } from '../market-data/csv.js';
import { analyzerSettings } from '../signals/analyzer-settings.js';
import { SeriesAnalyzer } from '../signals/series-analyzer.js';
import { SetupBook, type Trigger } from '../signals/setup-book.js';
import { SymbolStream } from './symbol-stream.js';

const DATA = new URL('../../data/', import.meta.url);
const config = loadConfig({});
const symbol = 'BTC/USDT' as SymbolId;

function stream(native4h: readonly Candle[] | undefined, multiTimeframe = true) {
  const ctx = (tf: '1h' | '4h') => ({ symbol, timeframe: tf, isCrypto: true, roundTripCost: () => 0 });
  const setups = new SetupBook({ ttlBars: config.SETUP_TTL_BARS });
  const candidates: Array<{ c: EvaluatedCandidate; at: number }> = [];
  const tradable: Array<{ s: EvaluatedCandidate; at: number; t: Trigger | undefined }> = [];
  let now = 0;
  const s = new SymbolStream(
    {
      symbol,
      analyzer1h: new SeriesAnalyzer(ctx('1h'), analyzerSettings(config, '1h')),
      analyzer4h: new SeriesAnalyzer(ctx('4h'), analyzerSettings(config, '4h')),
      setups,
      multiTimeframe,
      ...(native4h ? { native4h } : {}),
    },
    {
      onCandidate: (c) => candidates.push({ c, at: now }),
      onTradable: (sig, at, t) => tradable.push({ s: sig, at, t }),
    },
  );
  return {
    async feed(bars: readonly Candle[]) {
      for (const b of bars) {
        now = b.time + HOUR_MS;
        await s.on1hBar(b);
      }
    },
    candidates,
    tradable,
    setups,
  };
}

describe('SymbolStream (SPEC §8)', async () => {
  const h1 = (await readCandleFile(new URL('binance_BTC_USDT-1h.csv', DATA))).slice(0, 8_000);
  const h4 = (await readCandleFile(new URL('binance_BTC_USDT-4h.csv', DATA))).slice(0, 2_000);

  it('never sees a 4h candidate before its confirm bar has closed', async () => {
    const s = stream(h4);
    await s.feed(h1);
    const fours = s.candidates.filter((x) => x.c.timeframe === '4h');
    expect(fours.length).toBeGreaterThan(50);
    for (const { c, at } of fours)
      expect(at, 'seen at a 1h close').toBeGreaterThanOrEqual(c.knownAt.time + 4 * HOUR_MS);
  });

  it('trades only 1h signals that triggered a setup visible by then, in the same direction', async () => {
    const s = stream(h4);
    await s.feed(h1);
    expect(s.tradable.length, 'some setups convert').toBeGreaterThan(0);
    for (const { s: sig, at, t } of s.tradable) {
      expect(sig.timeframe).toBe('1h');
      expect(t).toBeDefined();
      expect(t!.setup.direction).toBe(sig.direction);
      expect(t!.setup.visibleAt).toBeLessThanOrEqual(at);
      expect(sig.pivot2.time).toBeGreaterThanOrEqual(t!.setup.signal.pivot2.time);
      expect(sig.accepted).toBe(true);
    }
    const conv = s.setups.conversion();
    expect(conv.setups).toBeGreaterThan(conv.triggered);
  });

  it('resampled 4h gives the same setups as the native file except near exchange gaps', async () => {
    const native = stream(h4);
    const resampled = stream(undefined);
    await native.feed(h1);
    await resampled.feed(h1);
    const key = (x: { c: EvaluatedCandidate }) =>
      `${x.c.type}:${x.c.pivot1.time}:${x.c.pivot2.time}:${x.c.accepted}`;
    const a = native.candidates.filter((x) => x.c.timeframe === '4h').map(key);
    const b = new Set(resampled.candidates.filter((x) => x.c.timeframe === '4h').map(key));
    const same = a.filter((k) => b.has(k)).length;
    expect(same / a.length).toBeGreaterThan(0.95);
  });

  it('without multi-timeframe confirmation every accepted 1h signal is tradable', async () => {
    const s = stream(h4, false);
    await s.feed(h1);
    const accepted1h = s.candidates.filter((x) => x.c.timeframe === '1h' && x.c.accepted).length;
    expect(s.tradable.length).toBe(accepted1h);
    expect(s.setups.conversion().setups).toBe(0);
  });

  it('analyses each bar once: a repeated bar is ignored', async () => {
    const s = stream(h4);
    await s.feed(h1.slice(0, 3_000));
    const n = s.candidates.length;
    await s.feed(h1.slice(2_500, 3_000));
    expect(s.candidates.length).toBe(n);
  });
});
