// Candles from `GET /api/v3/klines` (UTC ms open times, the 4h grid UTC-aligned by the venue),
// paged at the venue's 1000 per request. The last kline is still forming and carries no flag
// (brokers.md §7.5): a candle counts as closed only once its close time has passed.
import type { Candle } from '../../domain/candle.js';
import { type Timeframe, timeframeMs } from '../../domain/timeframe.js';
import { pageProblem } from '../candle-sanity.js';
import { type BinanceClient, NOT_FOUND } from './client.js';
import { rawKlines } from './schemas.js';

const ENDPOINT = 'GET /api/v3/klines';
const MAX_LIMIT = 1000;
/** Without `since`: the latest candles, as many as a warm-up needs. */
const RECENT_LIMIT = 500;
/** Enough for years of 1h history; a runaway loop stops here rather than hammering the venue. */
const MAX_PAGES = 40;

interface KlinePage {
  readonly closed: Candle[];
  /** A kline still forming was returned: nothing newer exists yet. */
  readonly forming: boolean;
  readonly rows: number;
}

async function klinePage(
  client: BinanceClient,
  query: { symbol: string; interval: Timeframe; limit: number; startTime?: number; endTime?: number },
  now: number,
): Promise<KlinePage> {
  const step = timeframeMs[query.interval];
  const res = await client.call(ENDPOINT, false, () => client.exchange.publicGetKlines(query));
  if (res === NOT_FOUND) throw client.fail('rejected', ENDPOINT, `no klines for ${query.symbol}`);
  const rows = client.parse(rawKlines, res, ENDPOINT);
  const closed: Candle[] = [];
  let forming = false;
  for (const [time, open, high, low, close, volume, closeTime] of rows) {
    if (closeTime >= now) {
      forming = true;
      continue;
    }
    if (time % step !== 0 || time <= (closed.at(-1)?.time ?? -Infinity)) continue;
    closed.push({
      time,
      open: Number(open),
      high: Number(high),
      low: Number(low),
      close: Number(close),
      volume: Number(volume),
    });
  }
  const problem = pageProblem(closed);
  if (problem !== undefined) throw client.fail('fatal', ENDPOINT, `${query.symbol} ${problem}`);
  return { closed, forming, rows: rows.length };
}

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
    const { closed, forming, rows } = await klinePage(client, query, now);
    const last = out.at(-1)?.time ?? -Infinity;
    out.push(...closed.filter((c) => c.time > last));
    if (from === undefined || forming || rows < limit || out.length === 0) return out;
    from = out.at(-1)!.time + step;
  }
  return out;
}

/**
 * The closed candles opening in [from, to] (inclusive), one validated page of up to 1000 per
 * request (`startTime`/`endTime` bound it on the venue), oldest first.
 */
export async function* candlePages(
  client: BinanceClient,
  venueSymbol: string,
  timeframe: Timeframe,
  from: number,
  to: number,
  now: number,
): AsyncGenerator<Candle[]> {
  const step = timeframeMs[timeframe];
  let next = from;
  while (next <= to) {
    const query = {
      symbol: venueSymbol,
      interval: timeframe,
      limit: MAX_LIMIT,
      startTime: next,
      endTime: to,
    };
    const { closed, forming, rows } = await klinePage(client, query, now);
    const kept = closed.filter((c) => c.time >= next && c.time <= to);
    if (kept.length > 0) yield kept;
    const last = closed.at(-1)?.time;
    if (forming || rows < MAX_LIMIT || last === undefined || last + step <= next) return;
    next = last + step;
  }
}
