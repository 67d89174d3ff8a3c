// The range extremes equal a plain scan, whatever the buffer size, however rarely synced.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IndicatorValues } from '../../domain/indicator-values.js';
import { BarBuffer } from './bar-buffer.js';
import { BlockExtremes } from './block-extremes.js';

const values = {} as IndicatorValues;

describe('BlockExtremes', () => {
  it('equals a scan of the held bars, synced now and then', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }), fc.nat(600)), {
          minLength: 1,
          maxLength: 900,
        }),
        fc.integer({ min: 1, max: 300 }),
        (capacity, bars, rate) => {
          const buf = new BarBuffer(capacity);
          const ext = new BlockExtremes(buf);
          const highs: number[] = [];
          const lows: number[] = [];
          for (const [h, l, q] of bars) {
            buf.append({ time: 0, open: 1, high: 10 + h, low: l, close: 1, volume: null }, values);
            highs.push(10 + h);
            lows.push(l);
            // Queries on rate/600 of the bars: gaps of every length, beyond the capacity too.
            if (q >= rate) continue;
            ext.sync();
            const first = buf.first;
            const last = buf.length - 1;
            const from = first + (q % (last - first + 1));
            const to = from + ((q >> 3) % (last - from + 1));
            ext.result = Number.NEGATIVE_INFINITY;
            ext.highest(from, to);
            expect(ext.result).toBe(Math.max(...highs.slice(from, to + 1)));
            ext.result = Number.POSITIVE_INFINITY;
            ext.lowest(from, to);
            expect(ext.result).toBe(Math.min(...lows.slice(from, to + 1)));
            ext.result = 15;
            ext.highest(from, to);
            expect(ext.result, 'folds into the running value').toBe(
              Math.max(15, ...highs.slice(from, to + 1)),
            );
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
