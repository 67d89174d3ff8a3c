// Generated 1h series for the resampler's property tests: hourly bars with the holes real data
// has (missing hours, maintenance, weekends), and stock sessions the way Yahoo delivers them.
import fc from 'fast-check';
import type { Candle } from '../../../domain/candle.js';
import { nextClose, nextOpen } from '../../../domain/instruments/index.js';
import { HOUR_MS } from '../../../domain/timeframe.js';
import type { SessionInstrument } from '../bar-range.js';

const DAY_MS = 24 * HOUR_MS;

/** When a 1h bar closes: an hour after its open, or at the session close (a stock's 15:30 bar). */
export function closeOf1h(bar: Candle, instrument?: SessionInstrument): number {
  const end = bar.time + HOUR_MS;
  if (instrument?.assetClass !== 'stock') return end;
  return Math.min(end, nextClose(instrument, bar.time) ?? end);
}

const price = fc.double({ min: 0.9, max: 1.1, noNaN: true });
const volume = fc.oneof(fc.constant(null), fc.double({ min: 0, max: 100, noNaN: true }));
const spread = fc.option(fc.double({ min: 0, max: 0.01, noNaN: true }), { nil: undefined });

/** One bar's price movement and fields, placed at `time` after a close of `last`. */
function makeBar(time: number, last: number, [a, b, c, d]: number[], v: number | null, s?: number): Candle {
  const open = last * a!;
  const close = open * b!;
  const high = Math.max(open, close) * Math.max(c!, 1);
  const low = Math.min(open, close) * Math.min(d!, 1);
  return s === undefined
    ? { time, open, high, low, close, volume: v }
    : { time, open, high, low, close, volume: v, spread: s };
}

const move = fc.tuple(fc.tuple(price, price, price, price), volume, spread);

/** Hour steps between bars: mostly 1, some short holes, some weekend-sized ones. */
const step = fc.oneof(
  { weight: 20, arbitrary: fc.constant(1) },
  { weight: 3, arbitrary: fc.integer({ min: 2, max: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 80 }) },
);

/** Hourly bars from a random hour in 2006–2024 (so both DST regimes and weekends turn up). */
export const hourlyBars = (maxLength = 300) =>
  fc
    .tuple(
      fc.integer({ min: Date.UTC(2006, 0, 1) / HOUR_MS, max: Date.UTC(2024, 11, 1) / HOUR_MS }),
      fc.array(fc.tuple(step, move), { minLength: 1, maxLength }),
    )
    .map(([startHour, steps]) => {
      const out: Candle[] = [];
      let time = startHour * HOUR_MS;
      let last = 100;
      for (const [gap, [m, v, s]] of steps) {
        time += gap * HOUR_MS;
        const bar = makeBar(time, last, m, v, s);
        out.push(bar);
        last = bar.close;
      }
      return out;
    });

/** Yahoo-style stock bars: every session's :30 hours from its open, some missing. */
export const stockBars = (instrument: SessionInstrument, days = 12) =>
  fc
    .tuple(
      fc.integer({ min: Date.UTC(2024, 0, 1) / DAY_MS, max: Date.UTC(2027, 11, 1) / DAY_MS }),
      fc.array(fc.tuple(fc.boolean(), move), { minLength: days * 8, maxLength: days * 8 }),
    )
    .map(([startDay, draws]) => {
      const out: Candle[] = [];
      let last = 100;
      let k = 0;
      let open = nextOpen(instrument, startDay * DAY_MS);
      for (let day = 0; day < days && open !== undefined; day++) {
        const close = nextClose(instrument, open)!;
        for (let t = open; t < close; t += HOUR_MS) {
          const [keep, [m, v, s]] = draws[k++ % draws.length]!;
          if (!keep && k % 3 === 0) continue;
          const bar = makeBar(t, last, m, v, s);
          out.push(bar);
          last = bar.close;
        }
        open = nextOpen(instrument, close);
      }
      return out;
    });

/** Random bars after `last` (hourly, with holes): the "future replaced by noise". */
export const noiseAfter = (last: Candle) =>
  fc.array(fc.tuple(step, move), { minLength: 1, maxLength: 30 }).map((steps) => {
    const out: Candle[] = [];
    let time = last.time;
    let close = last.close;
    for (const [gap, [m, v, s]] of steps) {
      time += gap * HOUR_MS;
      const bar = makeBar(time, close, m, v, s);
      out.push(bar);
      close = bar.close;
    }
    return out;
  });
