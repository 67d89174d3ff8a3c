// SPEC §3's tolerance, checked field by field against TA-Lib series.
import type { IndicatorField } from '../../../domain/indicator-values.js';
import type { IndicatorHistory } from '../indicator-history.js';
import type { TalibSeries } from './talib-oracle.js';

export const withinTolerance = (a: number, b: number): boolean =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

export interface Comparison {
  /** Values compared against TA-Lib (bars from its begIndex on). */
  readonly compared: number;
  /** Bars before begIndex checked to be NaN. */
  readonly warmupChecked: number;
  /** Largest |a − b| / max(1, |b|) seen. */
  readonly worst: number;
  /** Human-readable failures (at most 5 per field). */
  readonly problems: string[];
}

export function compareWithTalib(
  ours: IndicatorHistory,
  expected: Partial<Record<IndicatorField, TalibSeries>>,
  label: string,
): Comparison {
  let compared = 0;
  let warmupChecked = 0;
  let worst = 0;
  const problems: string[] = [];
  for (const [field, series] of Object.entries(expected) as [IndicatorField, TalibSeries][]) {
    const column = ours.column(field);
    let fieldProblems = 0;
    const report = (message: string) => {
      if (fieldProblems++ < 5) problems.push(`${label} ${field}: ${message}`);
    };
    if (series.begIndex + series.values.length !== column.length && series.values.length > 0) {
      report(
        `TA-Lib gives ${series.values.length} values from ${series.begIndex}, we have ${column.length} bars`,
      );
    }
    const begin = series.values.length > 0 ? series.begIndex : column.length;
    for (let i = 0; i < begin; i++, warmupChecked++) {
      if (!Number.isNaN(column[i])) report(`bar ${i} is ${column[i]}, expected NaN before TA-Lib's ${begin}`);
    }
    for (let k = 0; k < series.values.length; k++, compared++) {
      const a = column[series.begIndex + k]!;
      const b = series.values[k]!;
      const error = Math.abs(a - b) / Math.max(1, Math.abs(b));
      if (!(error <= worst)) worst = Number.isNaN(error) ? Number.POSITIVE_INFINITY : error;
      if (!withinTolerance(a, b)) report(`bar ${series.begIndex + k}: ours ${a}, TA-Lib ${b}`);
    }
  }
  return { compared, warmupChecked, worst, problems };
}
