import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../domain/candle.js';
import { defaultRegistry } from '../../domain/instruments/index.js';
import { HOUR_MS } from '../../domain/timeframe.js';
import type { SessionInstrument } from './bar-range.js';
import { type Candle4h, Resampler4h, resample4h } from './resample-4h.js';
import { closeOf1h, hourlyBars, noiseAfter, stockBars } from './test-support/series.js';

const H = HOUR_MS;
const utc = (iso: string) => Date.parse(iso);
const bar = (
  iso: string,
  o: number,
  h: number,
  l: number,
  c: number,
  v: number | null,
  spread?: number,
): Candle =>
  spread === undefined
    ? { time: utc(iso), open: o, high: h, low: l, close: c, volume: v }
    : { time: utc(iso), open: o, high: h, low: l, close: c, volume: v, spread };

const INSTRUMENTS: Record<string, SessionInstrument | undefined> = {
  none: undefined,
  'BTC/USDT': defaultRegistry.get('BTC/USDT'),
  EUR_USD: defaultRegistry.get('EUR_USD'),
  XAU_USD: defaultRegistry.get('XAU_USD'),
  DE30_EUR: defaultRegistry.get('DE30_EUR'),
  AU200_AUD: defaultRegistry.get('AU200_AUD'),
};
const NVDA = defaultRegistry.get('NVDA');

/** A generated series with an instrument to resample it for (grid instruments and a stock). */
const anySeries = fc.oneof(
  fc
    .tuple(hourlyBars(), fc.constantFrom(...Object.keys(INSTRUMENTS)))
    .map(([bars, id]) => ({ bars, ins: INSTRUMENTS[id] })),
  stockBars(NVDA).map((bars) => ({ bars, ins: NVDA as SessionInstrument | undefined })),
);

/** The incremental resampler fed bar by bar, flushed at chosen instants that keep its promise. */
function incremental(
  bars: readonly Candle[],
  ins: SessionInstrument | undefined,
  flushes: readonly number[],
) {
  const r = new Resampler4h({ instrument: ins });
  const out: Candle4h[] = [];
  const push = (b: Candle4h | undefined) => b !== undefined && out.push(b);
  bars.forEach((b, i) => {
    push(r.update(b));
    // A clock tick between this bar's close and the next bar's close: every closed bar is in.
    const from = closeOf1h(b, ins);
    const next = bars[i + 1];
    const to = next === undefined ? from + 48 * H : closeOf1h(next, ins);
    const f = flushes[i % Math.max(1, flushes.length)];
    if (f !== undefined && f >= 0) push(r.flush(from + Math.floor(f * (to - from))));
  });
  push(r.flush(Number.POSITIVE_INFINITY));
  return { out, late: r.lateBars };
}

describe('resample4h', () => {
  it('aggregates OHLCV on UTC buckets, with the last bar’s spread', () => {
    const out = resample4h([
      bar('2024-01-02T03:00:00Z', 10, 11, 9, 10.5, 1, 0.1),
      bar('2024-01-02T04:00:00Z', 10.5, 12, 10, 11, 2, 0.2),
      bar('2024-01-02T05:00:00Z', 11, 11.5, 8, 9, 3),
      bar('2024-01-02T07:00:00Z', 9, 10, 8.5, 9.5, null, 0.3),
      bar('2024-01-02T08:00:00Z', 9.5, 9.6, 9.4, 9.5, 4),
    ]);
    expect(out).toEqual([
      {
        time: utc('2024-01-02T00:00:00Z'),
        open: 10,
        high: 11,
        low: 9,
        close: 10.5,
        volume: 1,
        spread: 0.1,
        closeTime: utc('2024-01-02T04:00:00Z'),
        barCount: 1,
      },
      // One unknown volume makes the sum unknown: a partial sum would pass for a real one.
      {
        time: utc('2024-01-02T04:00:00Z'),
        open: 10.5,
        high: 12,
        low: 8,
        close: 9.5,
        volume: null,
        spread: 0.3,
        closeTime: utc('2024-01-02T08:00:00Z'),
        barCount: 3,
      },
      {
        time: utc('2024-01-02T08:00:00Z'),
        open: 9.5,
        high: 9.6,
        low: 9.4,
        close: 9.5,
        volume: 4,
        closeTime: utc('2024-01-02T12:00:00Z'),
        barCount: 1,
      },
    ]);
  });

  it('completes a bar on a later bucket’s bar or on the clock, and drops bars that come after a flush', () => {
    const r = new Resampler4h();
    expect(r.update(bar('2024-01-02T00:00:00Z', 1, 2, 1, 2, 1))).toBeUndefined();
    expect(r.update(bar('2024-01-02T01:00:00Z', 2, 3, 2, 3, 1))).toBeUndefined();
    expect(r.flush(utc('2024-01-02T03:59:59Z')), 'not before its close').toBeUndefined();
    expect(r.flush(utc('2024-01-02T04:00:00Z'))).toMatchObject({ barCount: 2, close: 3 });
    expect(r.update(bar('2024-01-02T03:00:00Z', 3, 3, 3, 3, 1)), 'late: its 4h bar is out').toBeUndefined();
    expect(r.lateBars).toBe(1);
    r.update(bar('2024-01-02T04:00:00Z', 3, 4, 3, 4, 1));
    expect(r.pending).toEqual({ start: utc('2024-01-02T04:00:00Z'), end: utc('2024-01-02T08:00:00Z') });
    expect(r.update(bar('2024-01-02T08:00:00Z', 4, 4, 4, 4, 1))).toMatchObject({
      time: utc('2024-01-02T04:00:00Z'),
    });
    expect(() => r.update(bar('2024-01-02T08:00:00Z', 4, 4, 4, 4, 1))).toThrow(/not after the previous one/);
  });

  it('holds the bar before a Friday stub until the stub bucket ends, and a Sunday stub until Monday 04:00', () => {
    const fx = new Resampler4h({ instrument: INSTRUMENTS.EUR_USD });
    // 2024-06-07: New York summer time, so EUR_USD closes at 21:00 UTC: 20:00–21:00 is a stub.
    for (const h of [16, 17, 18, 19, 20]) {
      expect(fx.update(bar(`2024-06-07T${h}:00:00Z`, 1, 2, 0.5, 1.5, null))).toBeUndefined();
    }
    expect(fx.flush(utc('2024-06-07T21:00:00Z')), 'the stub belongs to this bar').toBeUndefined();
    expect(fx.flush(utc('2024-06-08T00:00:00Z'))).toMatchObject({
      time: utc('2024-06-07T16:00:00Z'),
      closeTime: utc('2024-06-08T00:00:00Z'),
      barCount: 5,
    });
    // 2024-01-07: winter, gold reopens at 23:00 UTC: one hour of Sunday, merged into Monday's first bar.
    const gold = new Resampler4h({ instrument: INSTRUMENTS.XAU_USD });
    for (const iso of ['2024-01-07T23', '2024-01-08T00', '2024-01-08T01', '2024-01-08T02', '2024-01-08T03']) {
      expect(gold.update(bar(`${iso}:00:00Z`, 1, 2, 0.5, 1.5, null))).toBeUndefined();
    }
    expect(gold.flush(utc('2024-01-08T00:00:00Z'))).toBeUndefined();
    expect(gold.flush(utc('2024-01-08T04:00:00Z'))).toMatchObject({
      time: utc('2024-01-07T20:00:00Z'),
      closeTime: utc('2024-01-08T04:00:00Z'),
      barCount: 5,
    });
  });

  it('gives the same bars incrementally as in batch, whatever the flush times', () => {
    fc.assert(
      fc.property(
        anySeries,
        fc.array(fc.oneof(fc.constant(-1), fc.double({ min: 0, max: 0.999, noNaN: true }))),
        ({ bars, ins }, flushes) => {
          const { out, late } = incremental(bars, ins, flushes);
          expect(late, 'flushes that keep the promise make no late bars').toBe(0);
          expect(out).toEqual(resample4h(bars, { instrument: ins }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('partitions the 1h bars into disjoint ranges that aggregate exactly their members', () => {
    fc.assert(
      fc.property(anySeries, ({ bars, ins }) => {
        const out = resample4h(bars, { instrument: ins });
        let i = 0;
        out.forEach((b4, k) => {
          const prev = out[k - 1];
          if (prev !== undefined)
            expect(b4.time, 'ranges are disjoint and ascending').toBeGreaterThanOrEqual(prev.closeTime);
          if (ins?.assetClass !== 'stock') expect(b4.time % (4 * H), 'UTC 4h grid').toBe(0);
          const members = bars.slice(i, i + b4.barCount);
          i += b4.barCount;
          expect(
            members.every((m) => m.time >= b4.time && closeOf1h(m, ins) <= b4.closeTime),
            'members inside the range',
          ).toBe(true);
          expect(b4.open).toBe(members[0]!.open);
          expect(b4.close).toBe(members.at(-1)!.close);
          expect(b4.high).toBe(Math.max(...members.map((m) => m.high)));
          expect(b4.low).toBe(Math.min(...members.map((m) => m.low)));
          expect(b4.spread).toBe(members.at(-1)!.spread);
        });
        expect(i, 'every 1h bar in exactly one 4h bar').toBe(bars.length);
      }),
      { numRuns: 300 },
    );
  });

  it('is causal: the 4h bars complete at a cut do not change when the future is cut off or replaced by noise', () => {
    fc.assert(
      fc.property(anySeries, fc.nat(), ({ bars, ins }, k) => {
        const t = k % bars.length;
        const cutTime = closeOf1h(bars[t]!, ins);
        const known = (series: readonly Candle[]) =>
          resample4h(series, { instrument: ins }).filter((b) => b.closeTime <= cutTime);
        const expected = known(bars);
        const cut = bars.slice(0, t + 1);
        expect(known(cut), 'future cut off').toEqual(expected);
        fc.assert(
          fc.property(noiseAfter(bars[t]!), (future) => {
            expect(known([...cut, ...future]), 'future replaced by noise').toEqual(expected);
          }),
          { numRuns: 3 },
        );
      }),
      { numRuns: 300 },
    );
  });
});
