import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  booleanField,
  enumField,
  httpUrlField,
  integerField,
  listField,
  numberField,
  secretField,
  timeOfDayInZoneField,
} from './fields.js';

const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message).join('; ');

describe('booleanField (SPEC §17: exactly true/false/1/0)', () => {
  const field = booleanField();
  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('accepts %j', (raw, expected) => {
    expect(field.parse(raw)).toBe(expected);
  });

  // Whitespace is not trimmed: ` true` is refused like any other near miss.
  it.each(['yes', 'no', 'TRUE', 'True', 'on', 'off', ' true', 'true ', 'y', '2', '01'])(
    'rejects %j',
    (raw) => {
      const result = field.safeParse(raw);
      expect(result.success).toBe(false);
      expect(messageOf(result)).toBe(`expected true, false, 1 or 0, got ${JSON.stringify(raw)}`);
    },
  );
});

describe('numberField', () => {
  it.each(['abc', 'NaN', 'Infinity', '-Infinity', '0x10', '1_000', ' 5', '5 ', '1,5', '--1', '.', 'e5'])(
    'rejects %j as not a number',
    (raw) => {
      expect(messageOf(numberField().safeParse(raw))).toBe(`expected a number, got ${JSON.stringify(raw)}`);
    },
  );

  it.each([
    ['5', 5],
    ['-1.5', -1.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['+2', 2],
  ])('reads %j', (raw, expected) => {
    expect(numberField().parse(raw)).toBe(expected);
  });

  it('names the violated range', () => {
    expect(messageOf(numberField({ gt: 0 }).safeParse('-1'))).toBe('must be > 0, got -1');
    expect(messageOf(numberField({ gt: 0, max: 100 }).safeParse('150'))).toBe(
      'must be > 0 and <= 100, got 150',
    );
    expect(messageOf(numberField({ gt: 0, lt: 1 }).safeParse('1'))).toBe('must be > 0 and < 1, got 1');
  });

  it('integers refuse fractions', () => {
    expect(messageOf(integerField({ min: 1 }).safeParse('2.5'))).toBe('expected an integer, got "2.5"');
    expect(messageOf(integerField({ min: 1 }).safeParse('0'))).toBe('must be >= 1, got 0');
  });

  it('any finite number in range round-trips through its string form', () => {
    const field = numberField({ min: -1e6, max: 1e6 });
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (value) => {
        expect(field.parse(String(value))).toBe(value === 0 ? 0 : value);
      }),
    );
  });

  it('any integer in range round-trips; one outside is refused', () => {
    const field = integerField({ min: 1, max: 65_535 });
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (value) => {
        const result = field.safeParse(String(value));
        expect(result.success).toBe(value >= 1 && value <= 65_535);
        if (result.success) expect(result.data).toBe(value);
      }),
    );
  });
});

describe('enumField', () => {
  it('lists the allowed values', () => {
    expect(messageOf(enumField(['dev', 'paper', 'live']).safeParse('livee'))).toBe(
      'expected one of dev, paper, live, got "livee"',
    );
  });
});

describe('httpUrlField', () => {
  const field = httpUrlField();
  it('accepts http and https, dropping trailing slashes of base URLs', () => {
    expect(field.parse('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
    expect(field.parse('https://demo-api.ig.com/gateway/deal')).toBe('https://demo-api.ig.com/gateway/deal');
  });
  it.each(['ftp://example.com', 'example.com', 'https://', 'not a url'])('rejects %j', (raw) => {
    expect(messageOf(field.safeParse(raw))).toMatch(/^expected an http\(s\) URL/);
  });
  it('does not echo a URL that may hold credentials', () => {
    const message = messageOf(field.safeParse('ftp://user:hunter2@example.com'));
    expect(message).toBe('expected an http(s) URL');
  });
});

describe('listField', () => {
  it('trims items, drops empty ones and duplicates', () => {
    expect(listField(enumField(['binance', 'oanda', 'ig'])).parse(' oanda, binance,,oanda, ')).toEqual([
      'oanda',
      'binance',
    ]);
  });
  it('reports each bad item', () => {
    expect(messageOf(listField(integerField({ min: 1 })).safeParse('1,x,-3'))).toBe(
      'expected an integer, got "x"; must be >= 1, got -3',
    );
  });
});

describe('timeOfDayInZoneField', () => {
  const field = timeOfDayInZoneField();
  it('reads HH:MM and a real IANA zone', () => {
    expect(field.parse('17:00 America/New_York')).toEqual({
      hour: 17,
      minute: 0,
      timeZone: 'America/New_York',
    });
    expect(field.parse('00:30 UTC')).toEqual({ hour: 0, minute: 30, timeZone: 'UTC' });
  });
  it.each(['17:00', '24:00 UTC', '7:00 UTC', '17:60 UTC', '17:00  UTC'])('rejects the shape of %j', (raw) => {
    expect(messageOf(field.safeParse(raw))).toMatch(/^expected HH:MM followed by an IANA time zone/);
  });
  it('rejects an unknown zone', () => {
    expect(messageOf(field.safeParse('17:00 Mars/Olympus_Mons'))).toBe(
      'unknown time zone "Mars/Olympus_Mons"',
    );
  });
});

describe('secretField', () => {
  it('never quotes the value', () => {
    const message = messageOf(secretField().safeParse(' sk-ant-FAKE-SECRET-123'));
    expect(message).not.toContain('sk-ant');
    expect(message).toMatch(/whitespace/);
  });
});
