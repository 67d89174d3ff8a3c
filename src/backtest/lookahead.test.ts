import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import type { SymbolId } from '../domain/ids.js';
import { readCandleFile } from '../market-data/csv.js';
import { lookahead } from './lookahead.js';
import type { FileSeries } from './run-backtest.js';

const DATA = fileURLToPath(new URL('../../data/', import.meta.url));
let series: FileSeries[];

beforeAll(async () => {
  const to = Date.parse('2021-05-01T00:00:00Z');
  const candles = (await readCandleFile(`${DATA}binance_BTC_USDT-1h.csv`)).filter((c) => c.time < to);
  series = [{ symbol: 'BTC/USDT' as SymbolId, timeframe: '1h', candles }];
});

describe('lookahead proof', () => {
  it('finds nothing on the pipeline: indicators, pivots, signals and trades known at each cut stay', async () => {
    const r = await lookahead({ config: loadConfig({}), series, maxCuts: 6, randomCuts: 3 });
    expect(r.changes).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.cuts_tested.length).toBe(6);
    expect(r.checked.indicators).toBeGreaterThan(0);
    expect(r.checked.pivots).toBeGreaterThan(0);
    expect(r.checked.signals).toBeGreaterThan(0);
    expect(r.checked.trade_events).toBeGreaterThan(0);
  }, 240_000);

  it('catches a planted leak: each bar seeing the next bar’s close', async () => {
    const peek = (list: readonly FileSeries[]) =>
      list.map((s) => ({
        ...s,
        candles: s.candles.map((c, i) => {
          const next = s.candles[i + 1];
          if (next === undefined) return c;
          return {
            ...c,
            close: next.close,
            high: Math.max(c.high, next.close),
            low: Math.min(c.low, next.close),
          };
        }),
      }));
    const r = await lookahead({ config: loadConfig({}), series, maxCuts: 2, randomCuts: 2, view: peek });
    expect(r.ok).toBe(false);
    const kinds = new Set(r.changes.map((c) => c.kind));
    expect(kinds.has('indicator')).toBe(true);
    expect(r.changes[0]).toMatchObject({ symbol: 'BTC/USDT', timeframe: '1h' });
  }, 240_000);
});
