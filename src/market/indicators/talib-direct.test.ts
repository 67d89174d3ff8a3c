// Ours against TA-Lib itself, on every row of every bundled file and on the generated edge-case
// series. Skips (with a notice) where the optional native `talib` package is not installed; the
// reference-vector test runs the same comparison everywhere.
import { describe, expect, it } from 'vitest';
import { computeIndicators } from './compute-indicators.js';
import { compareWithTalib } from './test-support/compare.js';
import { BUNDLED_FILES, readBundled, toColumns } from './test-support/datasets.js';
import { generatedSeries } from './test-support/generated-series.js';
import { loadTalib, talibIndicators } from './test-support/talib-oracle.js';

const talib = loadTalib();
if (!talib)
  console.warn(
    '[indicators] talib not loadable (optional dependency, or TALIB=off): direct TA-Lib comparison skipped',
  );

describe.skipIf(!talib)('indicators equal TA-Lib (direct)', () => {
  let total = 0;

  it.each(BUNDLED_FILES)('all rows of $file', async (file) => {
    const candles = await readBundled(file);
    const expected = talibIndicators(talib!, toColumns(candles));
    const ours = computeIndicators(candles);
    const result = compareWithTalib(ours, expected, file.name);
    expect(result.problems).toEqual([]);
    if (!file.hasVolume) {
      expect(Array.from(ours.column('mfi')).every(Number.isNaN), 'no volume: MFI is NaN everywhere').toBe(
        true,
      );
      expect(Array.from(ours.column('volume_sma')).every(Number.isNaN)).toBe(true);
    }
    total += result.compared;
    console.info(
      `[indicators] ${file.name}: ${result.compared} values equal TA-Lib, worst ${result.worst.toExponential(2)}`,
    );
  });

  it.each(generatedSeries())('generated series $name', ({ name, candles }) => {
    const result = compareWithTalib(
      computeIndicators(candles),
      talibIndicators(talib!, toColumns(candles)),
      name,
    );
    expect(result.problems).toEqual([]);
    total += result.compared;
    console.info(
      `[indicators] ${name}: ${result.compared} values equal TA-Lib, worst ${result.worst.toExponential(2)}`,
    );
  });

  it('compared many values', () => {
    console.info(`[indicators] direct TA-Lib comparisons: ${total}`);
    expect(total).toBeGreaterThan(4_000_000);
  });
});
