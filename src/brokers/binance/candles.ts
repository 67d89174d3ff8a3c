// Candles from `GET /api/v3/klines` (UTC ms open times, the 4h grid UTC-aligned by the venue),
// paged at the venue's 1000 per request. The last kline is still forming and carries no flag
// (brokers.md §7.5): a candle counts as closed only once its close time has passed.
import type { Candle } from '../../domain/candle.js';
import { type Timeframe, timeframeMs } from '../../domain/timeframe.js';
import { type BinanceClient, NOT_FOUND } from './client.js';
import { rawKlines } from './schemas.js';

const ENDPOINT = 'GET /api/v3/klines';
const MAX_LIMIT = 1000;
/** Without `since`: the latest candles, as many as a warm-up needs. */
const RECENT_LIMIT = 500;
/** Enough for years of 1h history; a runaway loop stops here rather than hammering the venue. */
const MAX_PAGES = 40;

export async function readCandles(
  client: BinanceClient,
  venueSymbol: string,
  timeframe: Timeframe,
  since: number | undefined,
  now: number,
): Promise<Candle[]> {
  const step = timeframeMs[timeframe];
  const out: Candle[] = [];
  let from = since;
  for (let page = 0; page < MAX_PAGES; page++) {
    const limit = from === undefined ? RECENT_LIMIT : MAX_LIMIT;
    const query = {
      symbol: venueSymbol,
      interval: timeframe,
      limit,
      ...(from === undefined ? {} : { startTime: from }),
    };
    const res = await client.call(ENDPOINT, false, () => client.exchange.publicGetKlines(query));
    if (res === NOT_FOUND) throw client.fail('rejected', ENDPOINT, `no klines for ${venueSymbol}`);
    const rows = client.parse(rawKlines, res, ENDPOINT);
    let forming = false;
    for (const [time, open, high, low, close, volume, closeTime] of rows) {
      if (closeTime >= now) {
        forming = true;
        continue;
      }
      if (time % step !== 0 || time <= (out.at(-1)?.time ?? -Infinity)) continue;
      out.push({
        time,
        open: Number(open),
        high: Number(high),
        low: Number(low),
        close: Number(close),
        volume: Number(volume),
      });
    }
    if (from === undefined || forming || rows.length < limit || out.length === 0) return out;
    from = out.at(-1)!.time + step;
  }
  return out;
}
