// The no-lookahead contract (SPEC §4, §15), proved by truncation: whatever follows bar t — nothing,
// or noise — the indicator values and pivots of bars ≤ t and the candidates known at ≤ t are the same.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import type { Candle } from '../domain/candle.js';
import { readCandleFile } from '../market-data/csv.js';
import { analyzerSettings } from './analyzer-settings.js';
import { candidateJson } from './candidate-json.js';
import { SeriesAnalyzer } from './series-analyzer.js';

const settings = analyzerSettings(loadConfig({}), '1h');

function analyse(candles: readonly Candle[]) {
  const a = new SeriesAnalyzer(
    { symbol: undefined, timeframe: '1h', isCrypto: true, roundTripCost: () => 0 },
    settings,
  );
  const values: string[] = [];
  const pivots: string[] = [];
  const candidates: string[] = [];
  for (const c of candles) {
    const r = a.onCandle(c);
    values.push(JSON.stringify(Object.values(r.values).map((x) => (Number.isNaN(x) ? null : x))));
    for (const p of r.pivots) pivots.push(`${p.confirmIndex}:${JSON.stringify(p)}`);
    for (const k of r.candidates) candidates.push(`${k.knownAt.index}:${JSON.stringify(candidateJson(k))}`);
  }
  return { values, pivots, candidates };
}

const upTo = (list: string[], t: number) => list.filter((s) => Number(s.slice(0, s.indexOf(':'))) <= t);

function noise(after: Candle, n: number, seed: number): Candle[] {
  let x = seed;
  const rnd = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const out: Candle[] = [];
  let price = after.close;
  for (let i = 1; i <= n; i++) {
    const open = price;
    price = Math.max(1e-6, price * (1 + (rnd() - 0.5) * 0.2));
    const high = Math.max(open, price) * (1 + rnd() * 0.05);
    const low = Math.min(open, price) * (1 - rnd() * 0.05);
    out.push({ time: after.time + i * 3_600_000, open, high, low, close: price, volume: rnd() * 1000 });
  }
  return out;
}

describe('no lookahead: truncating or replacing the future changes nothing known before the cut', () => {
  it('on real BTC/USDT 1h data at many random cut points', async () => {
    const all = (await readCandleFile(new URL('../../data/binance_BTC_USDT-1h.csv', import.meta.url))).slice(
      0,
      4_000,
    );
    const full = analyse(all);
    fc.assert(
      fc.property(
        fc.integer({ min: 250, max: all.length - 200 }),
        fc.integer({ min: 1, max: 1e6 }),
        (t, seed) => {
          const cut = analyse(all.slice(0, t + 1));
          const noisy = analyse([...all.slice(0, t + 1), ...noise(all[t]!, 150, seed)]);
          for (const run of [cut, noisy]) {
            expect(run.values.slice(0, t + 1)).toEqual(full.values.slice(0, t + 1));
            expect(upTo(run.pivots, t)).toEqual(upTo(full.pivots, t));
            expect(upTo(run.candidates, t)).toEqual(upTo(full.candidates, t));
          }
          // Nothing is known at t that needs a bar after t.
          expect(cut.pivots.length).toBe(upTo(full.pivots, t).length);
          expect(cut.candidates.length).toBe(upTo(full.candidates, t).length);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
