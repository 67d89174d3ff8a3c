import { describe, expect, it } from 'vitest';
import { DivbotError } from '../domain/errors.js';
import { parseCandleCsv } from './csv.js';
import { CsvError } from './csv-error.js';

const FILE = 'data/x.csv';
const HEADER = 'time,open,high,low,close,volume';
const t = (hour: number) => `2024-01-01T${String(hour).padStart(2, '0')}:00:00Z`;
/** A valid row at `hour`; `cells` overrides columns by name. */
const row = (
  hour: number,
  cells: Partial<Record<'open' | 'high' | 'low' | 'close' | 'volume', string>> = {},
) =>
  [
    t(hour),
    cells.open ?? '100',
    cells.high ?? '101',
    cells.low ?? '99',
    cells.close ?? '100.5',
    cells.volume ?? '10',
  ].join(',');
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');

function rejection(text: string): CsvError {
  try {
    parseCandleCsv(text, FILE);
  } catch (error) {
    if (error instanceof CsvError) return error;
    throw error;
  }
  throw new Error('the CSV was accepted');
}

// [case, text, line, column, problem] — the message must be exactly `${FILE} line ${line}: ${problem}`.
type Case = [string, string, number, string | undefined, string];
const cases: Case[] = [
  ['empty file', '', 1, undefined, 'empty file: expected a header time,open,high,low,close,volume and rows'],
  [
    'BOM and blank lines only',
    '\uFEFF\n \r\n',
    1,
    undefined,
    'empty file: expected a header time,open,high,low,close,volume and rows',
  ],
  ['header only', `${HEADER}\n`, 1, undefined, 'header only: the file has no candle rows'],
  [
    'missing columns',
    'time,open,close,volume\n1',
    1,
    'high',
    'header is missing columns high, low (found: time,open,close,volume; expected time,open,high,low,close,volume[,spread][,...])',
  ],
  ['duplicate column', `${HEADER},close`, 1, 'close', "duplicate column 'close' in the header"],
  [
    'no header',
    row(0),
    1,
    undefined,
    'no header: the first line looks like data; expected time,open,high,low,close,volume[,spread][,...]',
  ],
  ['blank line between rows', csv(row(0), '', row(1)), 3, undefined, 'blank line between rows'],
  [
    'too few fields',
    csv(row(0), '2024-01-01T01:00:00Z,1,2,1,2'),
    3,
    undefined,
    'row has 5 fields, the header has 6 (time,open,high,low,close,volume)',
  ],
  [
    'too many fields',
    csv(`${row(0)},1`),
    2,
    undefined,
    'row has 7 fields, the header has 6 (time,open,high,low,close,volume)',
  ],
  [
    'unsorted times',
    csv(row(0), row(2), row(1)),
    4,
    'time',
    "time 2024-01-01T01:00:00Z is earlier than line 3's; rows must be in ascending time order",
  ],
  [
    'duplicate times',
    csv(row(0), row(1), row(1)),
    4,
    'time',
    'duplicate time 2024-01-01T01:00:00Z (same as line 3)',
  ],
  [
    'high below low',
    csv(
      row(0),
      row(1),
      row(2),
      row(3),
      row(4),
      row(5),
      row(6),
      row(7),
      row(8),
      row(9),
      row(10),
      row(11),
      row(12),
      row(13),
      row(14),
      row(15, { high: '99.5', low: '100.2', open: '100', close: '100' }),
    ),
    17,
    'high',
    'high 99.5 is below low 100.2',
  ],
  [
    'open above high',
    csv(row(0, { open: '101.5' })),
    2,
    'open',
    "open 101.5 is outside the bar's range [low 99, high 101]",
  ],
  [
    'open below low',
    csv(row(0, { open: '98' })),
    2,
    'open',
    "open 98 is outside the bar's range [low 99, high 101]",
  ],
  [
    'close outside',
    csv(row(0, { close: '102' })),
    2,
    'close',
    "close 102 is outside the bar's range [low 99, high 101]",
  ],
  ['price NaN', csv(row(0, { high: 'NaN' })), 2, 'high', "high 'NaN' is not a number"],
  ['price abc', csv(row(0, { low: 'abc' })), 2, 'low', "low 'abc' is not a number"],
  ['price zero', csv(row(0, { low: '0' })), 2, 'low', 'low 0 is not a positive price'],
  ['price negative', csv(row(0, { open: '-1' })), 2, 'open', 'open -1 is not a positive price'],
  ['price -0', csv(row(0, { low: '-0' })), 2, 'low', 'low -0 is not a positive price'],
  ['price Infinity', csv(row(0, { high: 'Infinity' })), 2, 'high', "high 'Infinity' is not a number"],
  ['price overflow', csv(row(0, { high: '1e999' })), 2, 'high', 'high 1e999 is out of range'],
  ['price hex', csv(row(0, { close: '0x64' })), 2, 'close', "close '0x64' is not a number"],
  ['price with a space', csv(row(0, { close: ' 100' })), 2, 'close', "close ' 100' is not a number"],
  ['price empty', csv(row(0, { close: '' })), 2, 'close', 'close is empty'],
  ['volume negative', csv(row(0, { volume: '-3' })), 2, 'volume', 'volume -3 is negative'],
  ['volume non-numeric', csv(row(0, { volume: 'n/a' })), 2, 'volume', "volume 'n/a' is not a number"],
  ['spread negative', `${HEADER},spread\n${row(0)},-0.1`, 2, 'spread', 'spread -0.1 is negative'],
  [
    'time without zone',
    csv('2024-01-01T00:00:00,1,1,1,1,1'),
    2,
    'time',
    "time '2024-01-01T00:00:00' has no time zone (expected ISO-8601 UTC like 2020-09-20T00:00:00Z)",
  ],
  [
    'impossible date',
    csv('2023-02-29T00:00:00Z,1,1,1,1,1'),
    2,
    'time',
    "time '2023-02-29T00:00:00Z' is not a valid ISO-8601 time with a zone (expected ISO-8601 UTC like 2020-09-20T00:00:00Z)",
  ],
  [
    'epoch time',
    csv('1704067200000,1,1,1,1,1'),
    2,
    'time',
    "time '1704067200000' is not a valid ISO-8601 time with a zone (expected ISO-8601 UTC like 2020-09-20T00:00:00Z)",
  ],
  ['empty time', csv(',1,1,1,1,1'), 2, 'time', 'time is empty'],
];

describe('parseCandleCsv rejects bad input with file, line and problem', () => {
  it.each(cases)('%s', (_, text, line, column, problem) => {
    const error = rejection(text);
    expect(error).toBeInstanceOf(DivbotError);
    expect(error.message).toBe(`${FILE} line ${line}: ${problem}`);
    expect({ file: error.file, line: error.line, column: error.column, problem: error.problem }).toEqual({
      file: FILE,
      line,
      column,
      problem,
    });
  });

  it('counts CRLF lines and ignores the BOM when numbering', () => {
    expect(rejection(`\uFEFF${HEADER}\r\n${row(0)}\r\n${row(1, { volume: '-1' })}\r\n`).line).toBe(3);
  });
});
