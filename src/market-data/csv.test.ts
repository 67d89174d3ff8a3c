import { describe, expect, it } from 'vitest';
import { parseCandleCsv, readCandleFile } from './csv.js';

const dataDir = new URL('../../data/', import.meta.url);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

// Row counts from data/README.md; first/last times from the files themselves.
const bundled = [
  ['binance_BTC_USDT-1h.csv', 35_044, '2020-09-20T00:00:00.000Z', '2024-09-19T23:00:00.000Z'],
  ['binance_ETH_USDT-1h.csv', 35_044, '2020-09-20T00:00:00.000Z', '2024-09-19T23:00:00.000Z'],
  ['binance_BTC_USDT-4h.csv', 8_766, '2020-09-20T00:00:00.000Z', '2024-09-19T20:00:00.000Z'],
  ['binance_ETH_USDT-4h.csv', 8_766, '2020-09-20T00:00:00.000Z', '2024-09-19T20:00:00.000Z'],
  ['oanda_EUR_USD-1h.csv', 62_116, '2007-01-01T21:00:00.000Z', '2016-12-30T18:00:00.000Z'],
  ['oanda_XAU_USD-1h.csv', 64_063, '2006-03-20T00:00:00.000Z', '2016-12-30T21:00:00.000Z'],
] as const;

describe('readCandleFile on the bundled data', () => {
  it.each(bundled)('%s loads %i rows from %s to %s', async (file, rows, first, last) => {
    const candles = await readCandleFile(new URL(file, dataDir));
    expect(candles).toHaveLength(rows);
    expect(iso(candles[0]?.time)).toBe(first);
    expect(iso(candles.at(-1)?.time)).toBe(last);
  });

  it.each(['oanda_EUR_USD-1h.csv', 'oanda_XAU_USD-1h.csv'])(
    '%s: volume unknown (null), spread read',
    async (file) => {
      const candles = await readCandleFile(new URL(file, dataDir));
      expect(
        candles.every((c) => c.volume === null),
        'OANDA quotes have no traded volume',
      ).toBe(true);
      expect(candles.every((c) => typeof c.spread === 'number' && c.spread >= 0)).toBe(true);
    },
  );

  it.each(['binance_BTC_USDT-1h.csv', 'binance_ETH_USDT-1h.csv'])(
    '%s: the two zero-volume bars stay 0',
    async (file) => {
      const candles = await readCandleFile(new URL(file, dataDir));
      const zero = candles.filter((c) => c.volume === 0).map((c) => iso(c.time));
      expect(zero, 'a real zero is not unknown').toEqual([
        '2021-02-11T03:00:00.000Z',
        '2023-03-24T12:00:00.000Z',
      ]);
      expect(candles.some((c) => c.volume === null)).toBe(false);
      expect(candles.some((c) => 'spread' in c)).toBe(false);
    },
  );

  it('reads the first row of a file exactly', async () => {
    const [first] = await readCandleFile(new URL('oanda_EUR_USD-1h.csv', dataDir));
    expect(first).toStrictEqual({
      time: Date.UTC(2007, 0, 1, 21),
      open: 1.31977,
      high: 1.32005,
      low: 1.3192,
      close: 1.31985,
      volume: null,
      spread: 0.001,
    });
  });
});

describe('parseCandleCsv tolerances', () => {
  const rows = ['2024-01-01T00:00:00Z,10,12,9,11,5', '2024-01-01T01:00:00Z,11,13,10,12,'];
  const expected = [
    { time: Date.UTC(2024, 0, 1, 0), open: 10, high: 12, low: 9, close: 11, volume: 5 },
    { time: Date.UTC(2024, 0, 1, 1), open: 11, high: 13, low: 10, close: 12, volume: null },
  ];

  it.each([
    ['plain', `time,open,high,low,close,volume\n${rows.join('\n')}`],
    ['trailing newline and blank lines', `time,open,high,low,close,volume\n${rows.join('\n')}\n\n\n`],
    ['BOM', `\uFEFFtime,open,high,low,close,volume\n${rows.join('\n')}\n`],
    ['CRLF', `time,open,high,low,close,volume\r\n${rows.join('\r\n')}\r\n`],
    [
      'columns in another order',
      'close,volume,time,low,high,open\n11,5,2024-01-01T00:00:00Z,9,12,10\n12,,2024-01-01T01:00:00Z,10,13,11',
    ],
    [
      'header case and spaces, extra column',
      `Time, Open,High,Low,Close,Volume,trades\n${rows.map((r) => `${r},7`).join('\n')}`,
    ],
  ])('%s', (_, text) => {
    expect(parseCandleCsv(text, 'x.csv')).toStrictEqual(expected);
  });

  it('an empty spread cell leaves spread out; zero spread is kept', () => {
    const text =
      'time,open,high,low,close,volume,spread\n2024-01-01T00:00:00Z,1,1,1,1,,\n2024-01-01T01:00:00Z,1,1,1,1,,0';
    const [a, b] = parseCandleCsv(text, 'x.csv');
    expect(a).not.toHaveProperty('spread');
    expect(b?.spread).toBe(0);
  });

  it('accepts exponents, a leading + and -0 volume (as 0)', () => {
    const [c] = parseCandleCsv(
      'time,open,high,low,close,volume\n2024-01-01T00:00:00Z,1e-7,+2E-7,5e-8,1.0e-7,-0',
      'x',
    );
    expect(c).toStrictEqual({
      time: Date.UTC(2024, 0, 1),
      open: 1e-7,
      high: 2e-7,
      low: 5e-8,
      close: 1e-7,
      volume: 0,
    });
    expect(Object.is(c?.volume, 0)).toBe(true);
  });
});
