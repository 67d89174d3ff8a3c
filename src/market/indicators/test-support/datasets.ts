// The bundled real data (data/README.md) and the slices the reference vectors keep.
import type { Candle } from '../../../domain/candle.js';
import { readCandleFile } from '../../../market-data/csv.js';
import type { OhlcvColumns } from './talib-oracle.js';

export interface BundledFile {
  readonly name: string;
  readonly file: string;
  readonly hasVolume: boolean;
  /** First row of the reference slice (each slice is REFERENCE_ROWS rows), chosen to hold quirks. */
  readonly referenceOffset: number;
  readonly why: string;
}

export const REFERENCE_ROWS = 2000;

export const BUNDLED_FILES: readonly BundledFile[] = [
  {
    name: 'btc-1h',
    file: 'binance_BTC_USDT-1h.csv',
    hasVolume: true,
    referenceOffset: 21000,
    why: 'zero-volume flat bar at row 21953 and the 2023-03-24 gap',
  },
  {
    name: 'eth-1h',
    file: 'binance_ETH_USDT-1h.csv',
    hasVolume: true,
    referenceOffset: 3000,
    why: 'zero-volume flat bar at row 3453',
  },
  {
    name: 'btc-4h',
    file: 'binance_BTC_USDT-4h.csv',
    hasVolume: true,
    referenceOffset: 4000,
    why: 'mid-sample',
  },
  {
    name: 'eth-4h',
    file: 'binance_ETH_USDT-4h.csv',
    hasVolume: true,
    referenceOffset: 6766,
    why: 'the last 2,000 rows',
  },
  {
    name: 'eur-usd-1h',
    file: 'oanda_EUR_USD-1h.csv',
    hasVolume: false,
    referenceOffset: 60116,
    why: 'the last 2,000 rows: the one-week hole of December 2016',
  },
  {
    name: 'xau-usd-1h',
    file: 'oanda_XAU_USD-1h.csv',
    hasVolume: false,
    referenceOffset: 62063,
    why: 'the last 2,000 rows: the December 2016 hole, daily breaks',
  },
];

export function readBundled(file: BundledFile): Promise<Candle[]> {
  return readCandleFile(new URL(`../../../../data/${file.file}`, import.meta.url));
}

/** Plain-array columns for TA-Lib; volume only when every bar has one. */
export function toColumns(candles: readonly Candle[]): OhlcvColumns {
  const known = candles.every((c) => c.volume !== null);
  return {
    high: candles.map((c) => c.high),
    low: candles.map((c) => c.low),
    close: candles.map((c) => c.close),
    volume: known ? candles.map((c) => c.volume as number) : undefined,
  };
}
