import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../../domain/candle.js';
import { defaultRegistry } from '../../domain/instruments/index.js';
import { HOUR_MS } from '../../domain/timeframe.js';
import { readCandleFile } from '../../market-data/csv.js';
import type { SessionInstrument } from './bar-range.js';
import { type Candle4h, resample4h } from './resample-4h.js';
import { closeOf1h, hourlyBars, stockBars } from './test-support/series.js';
import { closeTimeOf, Visible4hCursor, visible4hCount } from './visibility.js';

const H = HOUR_MS;
const dataDir = new URL('../../../data/', import.meta.url);

/**
 * At every 1h close, the visible 4h bars are exactly those whose last 1h bar has closed: never
 * one whose last member is still open (SPEC §8), and a regular bar as soon as open + 4h.
 */
function checkVisibility(bars: readonly Candle[], ins: SessionInstrument | undefined) {
  const out: Candle4h[] = resample4h(bars, { instrument: ins });
  // The close of each 4h bar's last member, and of the first member of the bar after it.
  const lastMemberClose: number[] = [];
  let i = 0;
  for (const b of out) {
    i += b.barCount;
    lastMemberClose.push(closeOf1h(bars[i - 1]!, ins));
  }
  const cursor = new Visible4hCursor(out);
  for (const bar of bars) {
    const t = closeOf1h(bar, ins);
    const visible = visible4hCount(out, t);
    // Plain checks in this loop: tens of thousands of `expect`s would dominate the run time.
    if (cursor.advance(t) !== visible) expect.fail(`the cursor disagrees with the search at ${t}`);
    if (visible > 0 && !(lastMemberClose[visible - 1]! <= t)) {
      expect.fail(
        `4h bar ${new Date(out[visible - 1]!.time).toISOString()} visible at ${new Date(t).toISOString()}`,
      );
    }
    const next = out[visible];
    if (next !== undefined && next.closeTime - next.time === 4 * H && next.time + 4 * H <= t) {
      expect.fail(
        `regular 4h bar ${new Date(next.time).toISOString()} hidden at ${new Date(t).toISOString()}`,
      );
    }
  }
}

describe('4h visibility to the 1h stream', () => {
  it('shows a regular bar at open + 4h, a merged one at its end, a native candle at open + 4h', () => {
    const t0 = Date.parse('2024-06-03T00:00:00Z');
    const native: Candle = { time: t0, open: 1, high: 1, low: 1, close: 1, volume: null };
    const merged = { ...native, time: t0 + 4 * H, closeTime: t0 + 12 * H, barCount: 5 };
    expect(closeTimeOf(native)).toBe(t0 + 4 * H);
    expect(visible4hCount([native, merged], t0 + 4 * H - 1)).toBe(0);
    expect(visible4hCount([native, merged], t0 + 4 * H)).toBe(1);
    expect(visible4hCount([native, merged], t0 + 8 * H), 'not at open + 4h').toBe(1);
    expect(visible4hCount([native, merged], t0 + 12 * H)).toBe(2);
    const cursor = new Visible4hCursor([native, merged]);
    expect(cursor.advance(t0 + 12 * H)).toBe(2);
    expect(() => cursor.advance(t0)).toThrow(RangeError);
  });

  it('never shows a 4h bar before its last 1h bar has closed (generated series)', () => {
    const instruments = ['BTC/USDT', 'EUR_USD', 'XAU_USD', 'DE30_EUR'].map((id) => defaultRegistry.get(id));
    const series = fc.oneof(
      fc.tuple(hourlyBars(), fc.constantFrom(undefined, ...instruments)),
      stockBars(defaultRegistry.get('NVDA')).map((bars) => [bars, defaultRegistry.get('NVDA')] as const),
    );
    fc.assert(
      fc.property(series, ([bars, ins]) => checkVisibility(bars, ins)),
      { numRuns: 300 },
    );
  });

  describe('on the bundled data', () => {
    const files: [string, string | undefined][] = [
      ['oanda_EUR_USD-1h.csv', 'EUR_USD'],
      ['oanda_XAU_USD-1h.csv', 'XAU_USD'],
      ['oanda_XAU_USD-1h.csv', undefined],
      ['binance_ETH_USDT-1h.csv', 'ETH/USDT'],
    ];
    const data: Record<string, Candle[]> = {};
    beforeAll(async () => {
      for (const [file] of files) data[file] ??= await readCandleFile(new URL(file, dataDir));
    });
    it.each(files)('never shows a 4h bar early: %s with %s', (file, id) => {
      checkVisibility(data[file]!, id === undefined ? undefined : defaultRegistry.get(id));
    });
  });
});
