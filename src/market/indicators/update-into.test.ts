// IndicatorSet.updateInto (the bar buffer's path) writes exactly the values `update` returns.
import { describe, expect, it } from 'vitest';
import { IndicatorFields } from '../../domain/indicator-values.js';
import { IndicatorSet } from './indicator-set.js';
import { generatedSeries } from './test-support/generated-series.js';

describe('IndicatorSet.updateInto', () => {
  it.each(generatedSeries().map((g) => [g.name, g.candles] as const))(
    'on %s: every field of every bar as update returns it, NaN included',
    (_name, candles) => {
      const size = 8;
      const rings = Object.fromEntries(IndicatorFields.map((f) => [f, new Float64Array(size)])) as Record<
        (typeof IndicatorFields)[number],
        Float64Array
      >;
      const byObject = new IndicatorSet();
      const byRings = new IndicatorSet();
      candles.forEach((c, i) => {
        const v = byObject.update(c);
        byRings.updateInto(c, rings, i % size);
        for (const f of IndicatorFields)
          expect(Object.is(rings[f][i % size], v[f]), `${f} at ${i}`).toBe(true);
      });
    },
  );
});
