// Reference vectors: TA-Lib's outputs kept in the repository (reference/*.json.gz) so the equality
// proof runs where the native oracle cannot be built. JSON.stringify writes doubles that parse back
// to the same double, so gzip + JSON loses nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Candle } from '../../../domain/candle.js';
import type { IndicatorField } from '../../../domain/indicator-values.js';
import type { OhlcvColumns, TalibSeries } from './talib-oracle.js';

export interface ReferenceFile {
  readonly name: string;
  readonly talib: string;
  /** A slice of a bundled file: `rows` rows from row `offset` (0 = first data row). */
  readonly slice?: {
    readonly file: string;
    readonly offset: number;
    readonly rows: number;
    readonly why: string;
  };
  /** A generated series, stored whole so the vectors do not depend on the generator's code. */
  readonly input?: OhlcvColumns;
  /** TA-Lib's outputs; bb_bandwidth is derived from the bands when loading. */
  readonly series: Partial<Record<IndicatorField, TalibSeries>>;
}

export const referenceUrl = (name: string) => new URL(`../reference/${name}.json.gz`, import.meta.url);

export function writeReference(ref: ReferenceFile): number {
  const { bb_bandwidth: _derived, ...series } = ref.series;
  const bytes = gzipSync(JSON.stringify({ ...ref, series }), { level: 9 });
  writeFileSync(referenceUrl(ref.name), bytes);
  return bytes.length;
}

export function readReference(name: string): ReferenceFile {
  const ref = JSON.parse(gunzipSync(readFileSync(referenceUrl(name))).toString('utf8')) as ReferenceFile;
  const { bb_upper: upper, bb_middle: middle, bb_lower: lower } = ref.series;
  if (!upper || !middle || !lower) throw new Error(`${name}: reference without Bollinger bands`);
  const values = middle.values.map((m, k) => (m !== 0 ? (upper.values[k]! - lower.values[k]!) / m : 0));
  return { ...ref, series: { ...ref.series, bb_bandwidth: { begIndex: middle.begIndex, values } } };
}

/** Candles back from stored columns (the indicators read neither open nor time). */
export function candlesFromColumns(input: OhlcvColumns): Candle[] {
  return input.close.map((close, i) => ({
    time: i * 3_600_000,
    open: close,
    high: input.high[i]!,
    low: input.low[i]!,
    close,
    volume: input.volume ? input.volume[i]! : null,
  }));
}
