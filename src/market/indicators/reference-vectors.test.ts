// Ours against TA-Lib's outputs kept in reference/ (written by reference/generate.test.ts): the
// equality proof that runs with or without the native talib package.
import { describe, expect, it } from 'vitest';
import { computeIndicators } from './compute-indicators.js';
import { compareWithTalib } from './test-support/compare.js';
import { BUNDLED_FILES, readBundled } from './test-support/datasets.js';
import { generatedSeries } from './test-support/generated-series.js';
import { candlesFromColumns, readReference } from './test-support/reference-vectors.js';

describe('indicators equal the TA-Lib reference vectors', () => {
  it.each(BUNDLED_FILES)('$file from row $referenceOffset', async (file) => {
    const ref = readReference(file.name);
    expect(ref.slice, 'the vectors belong to this slice').toMatchObject({
      file: file.file,
      offset: file.referenceOffset,
    });
    const rows = (await readBundled(file)).slice(ref.slice!.offset, ref.slice!.offset + ref.slice!.rows);
    const result = compareWithTalib(computeIndicators(rows), ref.series, file.name);
    expect(result.problems).toEqual([]);
    expect(result.compared).toBeGreaterThan(ref.slice!.rows * (file.hasVolume ? 19 : 17));
  });

  it.each(generatedSeries().map((s) => s.name))('generated series %s', (name) => {
    const ref = readReference(name);
    const result = compareWithTalib(computeIndicators(candlesFromColumns(ref.input!)), ref.series, name);
    expect(result.problems).toEqual([]);
    expect(Object.keys(ref.series)).toHaveLength(20);
  });
});
