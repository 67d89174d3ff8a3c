import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WindowExtremes } from './window-extremes.js';

describe('WindowExtremes', () => {
  it('equals a scan of the last `period` bars, ties and reset included', () => {
    const bars = fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })), {
      maxLength: 200,
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), bars, (period, pairs) => {
        const window = new WindowExtremes(period);
        for (let round = 0; round < 2; round++) {
          pairs.forEach(([high, low], i) => {
            window.push({ high, low });
            const from = Math.max(0, i - period + 1);
            const slice = pairs.slice(from, i + 1);
            expect(window.highest).toBe(Math.max(...slice.map((p) => p[0])));
            expect(window.lowest).toBe(Math.min(...slice.map((p) => p[1])));
          });
          window.reset();
        }
      }),
      { numRuns: 200 },
    );
  });
});
