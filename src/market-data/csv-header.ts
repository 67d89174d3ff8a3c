import { CsvError } from './csv-error.js';

/** Columns every candle file must have (SPEC §16), in the order divbot writes them. */
export const REQUIRED_COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
/** Optional known column: the quoted spread at the close (OANDA files). Others are ignored. */
export const SPREAD_COLUMN = 'spread';

type ColumnName = (typeof REQUIRED_COLUMNS)[number];

/** Where each known column sits in a row; resolved once from the header. */
export interface CsvLayout {
  readonly width: number;
  readonly header: string;
  readonly index: Readonly<Record<ColumnName, number>>;
  /** -1 when the file has no spread column. */
  readonly spread: number;
}

/**
 * Header rules: the six required columns must be present by name, in any order; names are matched
 * after trimming and case-insensitively (`Time,Open,...` exports load too); extra columns are
 * allowed and ignored, except `spread`; a known column may not appear twice.
 */
export function readHeader(line: string, file: string, lineNo: number): CsvLayout {
  const names = line.split(',').map((name) => name.trim().toLowerCase());
  // A digit first means a time or a number: the header was left out, which would lose a row.
  if (/^\d/.test(names[0] ?? '')) {
    throw new CsvError(file, lineNo, `no header: the first line looks like data; expected ${expected()}`);
  }
  const known: readonly string[] = [...REQUIRED_COLUMNS, SPREAD_COLUMN];
  for (const name of known) {
    if (names.indexOf(name) !== names.lastIndexOf(name)) {
      throw new CsvError(file, lineNo, `duplicate column '${name}' in the header`, name);
    }
  }
  const missing = REQUIRED_COLUMNS.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new CsvError(
      file,
      lineNo,
      `header is missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${clip(line.trim())}; expected ${expected()})`,
      missing[0],
    );
  }
  const index = Object.fromEntries(REQUIRED_COLUMNS.map((name) => [name, names.indexOf(name)]));
  return {
    width: names.length,
    header: names.join(','),
    index: index as Record<ColumnName, number>,
    spread: names.indexOf(SPREAD_COLUMN),
  };
}

// A file with old-Mac `\r` line endings is one huge "header": keep the message readable.
const clip = (text: string) => (text.length > 120 ? `${text.slice(0, 120)}…` : text);
const expected = () => `${REQUIRED_COLUMNS.join(',')}[,spread][,...]`;
