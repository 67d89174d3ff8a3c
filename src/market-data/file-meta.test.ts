import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../domain/candle.js';
import { UsageError } from '../domain/errors.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { readCandleFile } from './csv.js';
import { inferTimeframe, listDataFiles, parseDataFileName, resolveSeriesMeta } from './file-meta.js';

const dataDir = new URL('../../data/', import.meta.url);
const bars = (...hours: number[]): Candle[] =>
  hours.map((h) => ({ time: h * HOUR_MS, open: 1, high: 1, low: 1, close: 1, volume: null }));

describe('parseDataFileName', () => {
  it.each([
    ['data/binance_BTC_USDT-1h.csv', 'binance_BTC_USDT', '1h', '1h'],
    ['/x/oanda_EUR_USD-4h.csv', 'oanda_EUR_USD', '4h', '4h'],
    ['oanda_EUR_USD-4h.CSV', 'oanda_EUR_USD', '4h', '4h'],
    ['btc-usdt-1d.csv', 'btc-usdt', undefined, '1d'],
    ['BTC_USDT.csv', 'BTC_USDT', undefined, undefined],
    ['my-data.csv', 'my-data', undefined, undefined],
  ])('%s', (path, stem, timeframe, timeframeLabel) => {
    expect(parseDataFileName(path)).toEqual({ stem, timeframe, timeframeLabel });
  });
});

describe('inferTimeframe', () => {
  it('uses the most common spacing, so gaps do not matter', () => {
    expect(inferTimeframe(bars(0, 1, 2, 5, 6, 7, 30, 31))).toBe('1h');
    expect(inferTimeframe(bars(0, 4, 8, 12, 60, 64))).toBe('4h');
  });

  it('is undefined for unsupported spacings and fewer than two rows', () => {
    expect(inferTimeframe(bars(0, 24, 48))).toBeUndefined();
    expect(inferTimeframe(bars(0))).toBeUndefined();
  });

  it('finds 1h on the Binance 1h file (with its maintenance gaps) and 4h on the 4h file', async () => {
    const hourly = await readCandleFile(new URL('binance_BTC_USDT-1h.csv', dataDir));
    const gaps = hourly.filter((c, i) => i > 0 && c.time - hourly[i - 1]!.time > HOUR_MS).length;
    expect(gaps, 'README: 10 gaps of 2–5 hours').toBe(10);
    expect(inferTimeframe(hourly)).toBe('1h');
    expect(inferTimeframe(await readCandleFile(new URL('binance_BTC_USDT-4h.csv', dataDir)))).toBe('4h');
    expect(inferTimeframe(await readCandleFile(new URL('oanda_XAU_USD-1h.csv', dataDir)))).toBe('1h');
  });
});

describe('resolveSeriesMeta: flag > file name > spacing', () => {
  const hourly = bars(0, 1, 2, 3);
  const mapStem = (stem: string) => (stem === 'binance_BTC_USDT' ? 'BTC/USDT' : undefined);

  it('takes both from the file name, mapping the stem', () => {
    expect(resolveSeriesMeta({ path: 'd/binance_BTC_USDT-1h.csv', candles: hourly, mapStem })).toEqual({
      symbol: 'BTC/USDT',
      symbolSource: 'file-name',
      stem: 'binance_BTC_USDT',
      timeframe: '1h',
      timeframeSource: 'file-name',
      warnings: [],
    });
  });

  it('flags win over the name', () => {
    const meta = resolveSeriesMeta({
      path: 'binance_BTC_USDT-1h.csv',
      candles: hourly,
      symbolFlag: 'ETH/USDT',
      timeframeFlag: '4h',
      mapStem,
    });
    expect([meta.symbol, meta.symbolSource, meta.timeframe, meta.timeframeSource]).toEqual([
      'ETH/USDT',
      'flag',
      '4h',
      'flag',
    ]);
    expect(meta.warnings, 'the rows contradict the flag').toEqual([
      'binance_BTC_USDT-1h.csv: timeframe 4h (from the flag) but its rows are mostly 1h apart',
    ]);
  });

  it('falls back to the spacing; the stem is the symbol without a mapper; unknown stems map to undefined', () => {
    const plain = resolveSeriesMeta({ path: 'prices.csv', candles: bars(0, 4, 8) });
    expect([plain.symbol, plain.timeframe, plain.timeframeSource]).toEqual(['prices', '4h', 'spacing']);
    const unknown = resolveSeriesMeta({ path: 'prices.csv', candles: bars(0, 24), mapStem });
    expect([unknown.symbol, unknown.symbolSource, unknown.timeframe]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('warns when the name gives an unsupported timeframe', () => {
    const meta = resolveSeriesMeta({ path: 'x-1d.csv', candles: bars(0, 24) });
    expect(meta.timeframe).toBeUndefined();
    expect(meta.warnings).toEqual([
      'x-1d.csv: file name says timeframe 1d, which divbot does not support (1h, 4h)',
    ]);
  });
});

describe('listDataFiles', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'divbot-data-'));
    await mkdir(join(dir, 'empty'));
    await mkdir(join(dir, 'nested.csv'));
    for (const name of ['b-1h.csv', 'a-4h.CSV', 'notes.txt', '.hidden.csv'])
      await writeFile(join(dir, name), '');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists a directory’s .csv files, sorted, skipping dot-files and sub-directories', async () => {
    expect(await listDataFiles(dir)).toEqual([join(dir, 'a-4h.CSV'), join(dir, 'b-1h.csv')]);
  });

  it('takes files as given, mixes them with directories, and de-duplicates', async () => {
    const notes = join(dir, 'notes.txt');
    expect(await listDataFiles([notes, dir, join(dir, 'b-1h.csv')])).toEqual([
      join(dir, 'a-4h.CSV'),
      join(dir, 'b-1h.csv'),
      notes,
    ]);
  });

  it('lists the bundled data directory', async () => {
    expect(await listDataFiles(new URL(dataDir).pathname)).toHaveLength(6);
  });

  it('fails with a usage error naming --data when nothing is found', async () => {
    await expect(listDataFiles(join(dir, 'empty'))).rejects.toThrow(
      new UsageError(`--data: no .csv files in directory ${join(dir, 'empty')}`),
    );
    await expect(listDataFiles(join(dir, 'missing'))).rejects.toBeInstanceOf(UsageError);
    await expect(listDataFiles([])).rejects.toThrow('--data: no data files given');
  });
});
