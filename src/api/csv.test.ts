import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('quotes RFC 4180 style and defuses spreadsheet formulas in text, not in numbers', () => {
    const csv = toCsv(
      ['a', 'b', 'c'],
      [
        ['=HYPERLINK("x")', -12.5, 'plain'],
        ['+1', null, 'with,comma'],
        ['@SUM(A1)', true, 'line\nbreak'],
      ],
    );
    expect(csv.split('\r\n')).toEqual([
      'a,b,c',
      `"'=HYPERLINK(""x"")",-12.5,plain`,
      `"'+1",,"with,comma"`,
      `"'@SUM(A1)",true,"line\nbreak"`,
      '',
    ]);
  });
});
