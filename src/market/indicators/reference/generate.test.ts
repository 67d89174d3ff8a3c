// Writes the TA-Lib reference vectors. Run only on purpose, where talib is installed:
//   UPDATE_TALIB_REFERENCE=1 npx vitest run src/market/indicators/reference/generate.test.ts
import { describe, expect, it } from 'vitest';
import { BUNDLED_FILES, REFERENCE_ROWS, readBundled, toColumns } from '../test-support/datasets.js';
import { generatedSeries } from '../test-support/generated-series.js';
import { writeReference } from '../test-support/reference-vectors.js';
import { loadTalib, talibIndicators } from '../test-support/talib-oracle.js';

const enabled = process.env.UPDATE_TALIB_REFERENCE === '1';

describe.skipIf(!enabled)('write TA-Lib reference vectors', () => {
  it('writes one gzipped JSON file per data set', async () => {
    const talib = loadTalib();
    expect(talib, 'UPDATE_TALIB_REFERENCE needs the talib package').toBeDefined();
    let total = 0;
    for (const file of BUNDLED_FILES) {
      const rows = (await readBundled(file)).slice(
        file.referenceOffset,
        file.referenceOffset + REFERENCE_ROWS,
      );
      expect(rows).toHaveLength(REFERENCE_ROWS);
      const slice = { file: file.file, offset: file.referenceOffset, rows: REFERENCE_ROWS, why: file.why };
      const series = talibIndicators(talib!, toColumns(rows));
      total += writeReference({ name: file.name, talib: talib!.version, slice, series });
    }
    for (const { name, candles } of generatedSeries()) {
      const input = toColumns(candles);
      total += writeReference({ name, talib: talib!.version, input, series: talibIndicators(talib!, input) });
    }
    console.info(`[indicators] reference vectors: ${total} bytes`);
    expect(total, 'the repository keeps at most 3 MB of vectors').toBeLessThanOrEqual(3_000_000);
  });
});
