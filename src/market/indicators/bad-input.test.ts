// Whatever the data (flat prices, zero or unknown volume, gaps, magnitudes from 1e-8 to 1e9), no
// field is NaN or ±Infinity after its first value, except MFI and volume SMA exactly where their
// window holds a bar of unknown volume.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../domain/candle.js';
import { IndicatorFields } from '../../domain/indicator-values.js';
import { computeIndicators } from './compute-indicators.js';
import { IndicatorSet } from './indicator-set.js';
import { candleSequence } from './test-support/candle-arbitrary.js';
import { compareWithTalib } from './test-support/compare.js';
import { toColumns } from './test-support/datasets.js';
import { loadTalib, talibIndicators } from './test-support/talib-oracle.js';

/** Whether bars i−period+1..i all have a known volume (the rule for MFI and volume SMA). */
const volumeKnown = (candles: readonly Candle[], i: number, period: number) =>
  candles.slice(Math.max(0, i - period + 1), i + 1).every((c) => c.volume !== null);

describe('bad input', () => {
  it('every value from its first index on is finite (MFI/volume SMA: where volume is known)', () => {
    fc.assert(
      fc.property(candleSequence(), (candles) => {
        const set = new IndicatorSet();
        const first = set.firstIndex;
        candles.forEach((candle, i) => {
          const values = set.update(candle);
          for (const field of IndicatorFields) {
            const x = values[field];
            const volumeBased = field === 'mfi' || field === 'volume_sma';
            const period = field === 'mfi' ? set.settings.mfiPeriod : set.settings.volumeSmaPeriod;
            const defined = i >= first[field] && (!volumeBased || volumeKnown(candles, i, period));
            if (defined ? !Number.isFinite(x) : !Number.isNaN(x)) {
              throw new Error(`bar ${i} ${field} = ${x}, expected ${defined ? 'a finite number' : 'NaN'}`);
            }
          }
        });
      }),
      { numRuns: 150 },
    );
  });

  it('a series without any volume has MFI and volume SMA NaN everywhere', () => {
    const candles = Array.from({ length: 100 }, (_, i) => ({
      time: i,
      open: 1 + i,
      high: 2 + i,
      low: i + 0.5,
      close: 1.5 + i,
      volume: null,
    }));
    const history = computeIndicators(candles);
    expect(Array.from(history.column('mfi')).every(Number.isNaN)).toBe(true);
    expect(Array.from(history.column('volume_sma')).every(Number.isNaN)).toBe(true);
    expect(history.get('rsi', 99)).toBeGreaterThan(0);
  });
});

// Random sequences against the oracle itself, where it loads (no unknown volume: TA-Lib has none).
const talib = loadTalib();
describe.skipIf(!talib)('random sequences equal TA-Lib (direct)', () => {
  it('fast-check sequences with known volume', () => {
    const known = candleSequence().map((candles) => candles.map((c) => ({ ...c, volume: c.volume ?? 0 })));
    fc.assert(
      fc.property(known, (candles) => {
        const result = compareWithTalib(
          computeIndicators(candles),
          talibIndicators(talib!, toColumns(candles)),
          'random',
        );
        if (result.problems.length > 0) throw new Error(result.problems.join('\n'));
      }),
      { numRuns: 150 },
    );
  });
});
