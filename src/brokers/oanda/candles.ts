// Candle requests and the two traps of brokers.md §1.4: alignment (daily and 4h candles align
// to 17:00 New York unless told otherwise, so we ask for UTC midnight) and the forming candle
// (the last one is usually `complete: false`; it is dropped, the port returns closed candles).
import type { Candle } from '../../domain/candle.js';
import { type Timeframe, timeframeMs } from '../../domain/timeframe.js';
import { formatTime } from './format.js';
import type { candlesResponse } from './schemas.js';

export const GRANULARITY: Readonly<Record<Timeframe, string>> = { '1h': 'H1', '4h': 'H4' };
/** The venue's maximum per request; more history is paged. */
export const MAX_COUNT = 5000;
/** Without `since`: the latest candles, as many as a warm-up needs. */
export const RECENT_COUNT = 500;

export function candleQuery(timeframe: Timeframe, from: number | undefined, count: number) {
  return {
    price: 'M',
    granularity: GRANULARITY[timeframe],
    alignmentTimezone: 'UTC',
    dailyAlignment: '0',
    count: String(count),
    // `includeFirst` defaults to true: the candle opening at `from` is wanted (since is inclusive).
    ...(from === undefined ? {} : { from: formatTime(from), includeFirst: 'true' }),
  };
}

export interface CandlePage {
  readonly closed: Candle[];
  /** The venue returned a candle still forming: nothing newer exists yet. */
  readonly reachedNow: boolean;
  /** Open times not on the timeframe's UTC grid (a venue-side alignment we did not ask for). */
  readonly misaligned: number[];
}

export function candlePage(body: ReturnType<typeof candlesResponse.parse>, timeframe: Timeframe): CandlePage {
  const step = timeframeMs[timeframe];
  const closed: Candle[] = [];
  const misaligned: number[] = [];
  let reachedNow = false;
  for (const c of body.candles) {
    if (!c.complete) {
      reachedNow = true;
      continue;
    }
    if (c.time % step !== 0) misaligned.push(c.time);
    if (c.mid === undefined) continue;
    closed.push({
      time: c.time,
      open: Number(c.mid.o),
      high: Number(c.mid.h),
      low: Number(c.mid.l),
      close: Number(c.mid.c),
      // OANDA's volume is a tick count, not traded volume: unknown, never inferred (Candle docs).
      volume: null,
    });
  }
  return { closed, reachedNow, misaligned };
}
