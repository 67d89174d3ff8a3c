// Candle history, paged at the venue's 5000 per request, closed candles only.
import type { Candle } from '../../domain/candle.js';
import type { Instrument } from '../../domain/instruments/types.js';
import { type Timeframe, timeframeMs } from '../../domain/timeframe.js';
import { pageProblem } from '../candle-sanity.js';
import { candlePage, candleQuery, MAX_COUNT, RECENT_COUNT } from './candles.js';
import { oandaError } from './errors.js';
import { formatTime } from './format.js';
import type { OandaHttp, OandaResponse } from './http.js';
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
      const { body, closed, reachedNow } = this.#page(res, instrument, timeframe);
      const last = out.at(-1)?.time ?? -Infinity;
      out.push(...closed.filter((c) => c.time > last));
      const full = body.candles.length >= count;
      if (from === undefined || reachedNow || !full || closed.length === 0) return out;
      from = closed.at(-1)!.time + timeframeMs[timeframe];
    }
    return out;
  }

  /**
   * The closed candles opening in [from, to] (inclusive), one validated page per request, oldest
   * first. `count` never exceeds the grid slots up to `to`, so a short range costs a short page;
   * a gap (a weekend) only means a page reaches further.
   */
  async *range(
    instrument: Instrument,
    timeframe: Timeframe,
    from: number,
    to: number,
  ): AsyncGenerator<Candle[]> {
    const step = timeframeMs[timeframe];
    let next = from;
    while (next <= to) {
      // The candle covering `next` opens on the UTC grid at or before it (includeFirst).
      const slots = Math.floor((to - (next - (next % step))) / step) + 1;
      const count = Math.min(MAX_COUNT, slots);
      const res = await this.http.request({
        method: 'GET',
        endpoint: '/v3/instruments/{instrument}/candles',
        path: `/v3/instruments/${encodeURIComponent(instrument.venueSymbol)}/candles`,
        query: candleQuery(timeframe, next, count),
      });
      const { body, closed, reachedNow } = this.#page(res, instrument, timeframe);
      const kept = closed.filter((c) => c.time >= next && c.time <= to);
      if (kept.length > 0) yield kept;
      const last = closed.at(-1)?.time;
      if (reachedNow || body.candles.length < count || last === undefined || last + step <= next) return;
      next = last + step;
    }
  }

  /** One answer read, on the UTC grid, each candle sound; anything else is the venue's junk. */
  #page(res: OandaResponse, instrument: Instrument, timeframe: Timeframe) {
    const body = this.http.parse(candlesResponse, res);
    const { closed, reachedNow, misaligned } = candlePage(body, timeframe);
    const fail = (detail: string) => oandaError({ kind: 'fatal', call: res.call, detail }, this.token);
    if (misaligned.length > 0) {
      const first = formatTime(misaligned[0]!);
      throw fail(`${misaligned.length} ${timeframe} candle(s) off the UTC grid, first ${first}`);
    }
    const problem = pageProblem(closed);
    if (problem !== undefined) throw fail(`${instrument.id} ${problem}`);
    return { body, closed, reachedNow };
  }
}
