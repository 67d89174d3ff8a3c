import { describe, expect, it } from 'vitest';
import { parseTimestamptz } from './columns.js';

describe('parseTimestamptz', () => {
  it.each([
    ['2024-01-01 00:00:00+00', Date.UTC(2024, 0, 1)],
    ['2024-01-01 10:00:00+10', Date.UTC(2024, 0, 1)],
    ['2024-01-01 05:45:00.123456+05:45', Date.UTC(2024, 0, 1, 0, 0, 0, 123)],
    ['2023-12-31 20:30:00.5-03:30', Date.UTC(2024, 0, 1, 0, 0, 0, 500)],
    ['1883-11-18 11:55:00-04:56:02', Date.UTC(1883, 10, 18, 16, 51, 2)],
    ['1970-01-01T00:00:00.001Z', 1],
  ])('%s', (text, ms) => {
    expect(parseTimestamptz(text)).toBe(ms);
  });

  it('refuses what it cannot represent', () => {
    expect(() => parseTimestamptz('infinity')).toThrow(RangeError);
    expect(() => parseTimestamptz('0044-03-15 00:00:00+00 BC')).toThrow(RangeError);
  });
});
