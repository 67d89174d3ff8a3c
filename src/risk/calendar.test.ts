import { describe, expect, it } from 'vitest';
import { CalendarParseError, parseEarningsDates, parseEconomicCalendar, splitCsvLine } from './calendar.js';
import { utc } from './test-support/fixtures.js';

describe('economic calendar CSV', () => {
  it('parses events in time order, quoted fields with commas included', () => {
    const csv = [
      'time,currency,impact,event',
      '2026-03-06T13:30:00Z,USD,High,Non-Farm Payrolls',
      '',
      '2026-03-05T12:45:00+00:00,EUR,medium,"ECB Press Conference, Q&A"',
    ].join('\r\n');
    expect(parseEconomicCalendar(csv)).toEqual([
      {
        time: utc('2026-03-05T12:45:00Z'),
        currency: 'EUR',
        impact: 'medium',
        event: 'ECB Press Conference, Q&A',
      },
      { time: utc('2026-03-06T13:30:00Z'), currency: 'USD', impact: 'high', event: 'Non-Farm Payrolls' },
    ]);
  });

  it('names every bad line and what is wrong with it', () => {
    const csv = [
      'time,currency,impact,event',
      '2026-03-06 13:30,USD,high,NFP',
      '2026-03-06T13:30:00Z,usd,high,NFP',
      '2026-03-06T13:30:00Z,USD,huge,NFP',
      '2026-03-06T13:30:00Z,USD,high',
    ].join('\n');
    let error: unknown;
    try {
      parseEconomicCalendar(csv, 'calendar.csv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalendarParseError);
    const problems = (error as CalendarParseError).problems;
    expect(problems.map((p) => p.split(':')[0])).toEqual(['line 2', 'line 3', 'line 4', 'line 5']);
    expect(problems[0]).toContain('time');
    expect(problems[1]).toContain('currency');
    expect(problems[2]).toContain('impact');
    expect(problems[3]).toContain('expected 4 fields');
    expect((error as Error).message).toMatch(/^calendar\.csv: 4 bad line/);
  });

  it('requires the header', () => {
    expect(() => parseEconomicCalendar('2026-03-06T13:30:00Z,USD,high,NFP')).toThrow(
      /line 1: expected the header/,
    );
    expect(() => parseEconomicCalendar('')).toThrow(CalendarParseError);
  });

  it('splits quoted fields with doubled quotes', () => {
    expect(splitCsvLine('a, "b ""c"", d" ,e')).toEqual(['a', 'b "c", d', 'e']);
  });
});

describe('earnings dates', () => {
  it('parses symbol,date rows and rejects bad dates by line', () => {
    expect(parseEarningsDates('symbol,date\nNVDA,2026-02-25\n')).toEqual([
      { symbol: 'NVDA', date: '2026-02-25' },
    ]);
    expect(() => parseEarningsDates('symbol,date\nNVDA,25/02/2026')).toThrow(/line 2: date/);
  });
});
