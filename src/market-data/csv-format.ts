import type { Candle } from '../domain/candle.js';
import { REQUIRED_COLUMNS, SPREAD_COLUMN } from './csv-header.js';
import { formatUtcTime } from './csv-time.js';

/**
 * Candles as CSV in the format `parseCandleCsv` reads back exactly: `String(number)` is the
 * shortest text that round-trips a double; unknown volume is an empty cell; the `spread` column is
 * written when any candle has one (empty where a candle has none).
 */
export function formatCandleCsv(candles: readonly Candle[]): string {
  const withSpread = candles.some((c) => c.spread !== undefined);
  const lines = [withSpread ? `${REQUIRED_COLUMNS.join(',')},${SPREAD_COLUMN}` : REQUIRED_COLUMNS.join(',')];
  for (const c of candles) {
    const row = `${formatUtcTime(c.time)},${c.open},${c.high},${c.low},${c.close},${c.volume ?? ''}`;
    lines.push(withSpread ? `${row},${c.spread ?? ''}` : row);
  }
  return `${lines.join('\n')}\n`;
}
