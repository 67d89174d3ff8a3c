// Stocks (SPEC §3): 4h bars group each session's 1h bars from the session open, the last group of
// a day shorter; Yahoo's regular-hours bars open at :30 and the last one ends at the 16:00 close.
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../domain/candle.js';
import { defaultRegistry } from '../../domain/instruments/index.js';
import { HOUR_MS } from '../../domain/timeframe.js';
import { resample4h } from './resample-4h.js';
import { visible4hCount } from './visibility.js';

const NVDA = defaultRegistry.get('NVDA');
const utc = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString().slice(0, 16);

/** `n` hourly bars from `first` (UTC), prices rising by one per bar. */
const session = (first: string, n: number): Candle[] =>
  Array.from({ length: n }, (_, k) => ({
    time: utc(first) + k * HOUR_MS,
    open: 100 + k,
    high: 101 + k,
    low: 99 + k,
    close: 100.5 + k,
    volume: 10,
  }));

const summary = (bars: Candle[]) =>
  resample4h(bars, { instrument: NVDA }).map((b) => [
    iso(b.time),
    iso(b.closeTime),
    b.barCount,
    b.open,
    b.close,
  ]);

describe('resampling a stock', () => {
  it('groups from the 09:30 New York open: 09:30–13:30 and a shorter 13:30–16:00, in both DST regimes', () => {
    // 2024-11-26 is on New York winter time (UTC−5), 2024-07-02 on summer time (UTC−4).
    expect(summary([...session('2024-07-02T13:30:00Z', 7), ...session('2024-11-26T14:30:00Z', 7)])).toEqual([
      ['2024-07-02T13:30', '2024-07-02T17:30', 4, 100, 103.5],
      ['2024-07-02T17:30', '2024-07-02T20:00', 3, 104, 106.5],
      ['2024-11-26T14:30', '2024-11-26T18:30', 4, 100, 103.5],
      ['2024-11-26T18:30', '2024-11-26T21:00', 3, 104, 106.5],
    ]);
  });

  it('ends the day’s only group at an early close (the day after Thanksgiving)', () => {
    // Thanksgiving 2024-11-28 is closed; the 29th closes at 13:00 New York (18:00 UTC).
    expect(summary([...session('2024-11-27T14:30:00Z', 7), ...session('2024-11-29T14:30:00Z', 4)])).toEqual([
      ['2024-11-27T14:30', '2024-11-27T18:30', 4, 100, 103.5],
      ['2024-11-27T18:30', '2024-11-27T21:00', 3, 104, 106.5],
      ['2024-11-29T14:30', '2024-11-29T18:00', 4, 100, 103.5],
    ]);
  });

  it('shows the short last group to the 1h stream at the close, when its last (half-hour) bar ends', () => {
    const bars4h = resample4h(session('2024-11-26T14:30:00Z', 7), { instrument: NVDA });
    expect(visible4hCount(bars4h, utc('2024-11-26T18:30:00Z')), '13:30 New York: the first group').toBe(1);
    expect(visible4hCount(bars4h, utc('2024-11-26T20:30:00Z'))).toBe(1);
    expect(visible4hCount(bars4h, utc('2024-11-26T21:00:00Z')), '16:00 New York').toBe(2);
  });

  it('keeps a bar outside the schedule apart from the sessions around it', () => {
    // A 16:00 New York print (Yahoo sometimes has one) and a pre-market 08:30 bar next morning.
    const odd = [
      ...session('2024-11-26T18:30:00Z', 3),
      ...session('2024-11-26T21:00:00Z', 1),
      ...session('2024-11-27T13:30:00Z', 2),
    ];
    expect(summary(odd).map(([t, end, n]) => [t, end, n])).toEqual([
      ['2024-11-26T18:30', '2024-11-26T21:00', 3],
      ['2024-11-26T21:00', '2024-11-27T00:00', 1],
      ['2024-11-27T13:30', '2024-11-27T14:30', 1],
      ['2024-11-27T14:30', '2024-11-27T18:30', 1],
    ]);
  });
});
