// Candle history, paged at the venue's 5000 per request, closed candles only.
import type { Candle } from '../../domain/candle.js';
import type { Instrument } from '../../domain/instruments/types.js';
import { type Timeframe, timeframeMs } from '../../domain/timeframe.js';
import { candlePage, candleQuery, MAX_COUNT, RECENT_COUNT } from './candles.js';
import { oandaError } from './errors.js';
import { formatTime } from './format.js';
import type { OandaHttp } from './http.js';
import { candlesResponse } from './schemas.js';

/** Enough for years of 1h history; a runaway loop stops here rather than hammering the venue. */
const MAX_PAGES = 20;

export class CandleReader {
  constructor(
    private readonly http: OandaHttp,
    private readonly token: string,
  ) {}

  async read(instrument: Instrument, timeframe: Timeframe, since?: number): Promise<Candle[]> {
    const out: Candle[] = [];
    let from = since;
    for (let page = 0; page < MAX_PAGES; page++) {
      const count = from === undefined ? RECENT_COUNT : MAX_COUNT;
      const res = await this.http.request({
        method: 'GET',
        endpoint: '/v3/instruments/{instrument}/candles',
        path: `/v3/instruments/${encodeURIComponent(instrument.venueSymbol)}/candles`,
        query: candleQuery(timeframe, from, count),
      });
      const body = this.http.parse(candlesResponse, res);
      const { closed, reachedNow, misaligned } = candlePage(body, timeframe);
      if (misaligned.length > 0) {
        const first = formatTime(misaligned[0]!);
        const detail = `${misaligned.length} ${timeframe} candle(s) off the UTC grid, first ${first}`;
        throw oandaError({ kind: 'fatal', call: res.call, detail }, this.token);
      }
      const last = out.at(-1)?.time ?? -Infinity;
      out.push(...closed.filter((c) => c.time > last));
      const full = body.candles.length >= count;
      if (from === undefined || reachedNow || !full || closed.length === 0) return out;
      from = closed.at(-1)!.time + timeframeMs[timeframe];
    }
    return out;
  }
}
