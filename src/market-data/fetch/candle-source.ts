// The port `divbot data fetch` reads history through: closed candles opening in [from, to],
// oldest first, one venue page at a time. Every page is whole and validated before it is yielded
// (a bad answer throws the adapter's typed error instead), so the cache never takes a partial one.
import type { Candle } from '../../domain/candle.js';
import type { Instrument } from '../../domain/instruments/types.js';
import type { Timeframe } from '../../domain/timeframe.js';

export interface CandleSource {
  /** Where the candles come from, stored as each row's `source`: `oanda`, `binance`, `yahoo`. */
  readonly name: string;
  pages(
    instrument: Instrument,
    timeframe: Timeframe,
    from: number,
    to: number,
  ): AsyncIterable<readonly Candle[]>;
}
