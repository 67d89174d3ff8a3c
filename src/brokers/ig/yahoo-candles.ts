// Share candles from Yahoo through yahoo-finance2 3.x `chart()` (IG refuses share history).
// 1h bars, regular hours only; a bar ends at the next hour or the 16:00 New York close (the
// 15:30 bar is half an hour), and one that has not ended is still forming and dropped. 4h bars
// are built from the 1h ones on the session's own grid (09:30 and 13:30 New York), never UTC.
// Tests point the library at a fake server by injecting `fetch` (its host is hard-coded https).
import YahooFinance from 'yahoo-finance2';
import type { Candle } from '../../domain/candle.js';
import type { Instrument } from '../../domain/instruments/types.js';
import { localTime, zonedToUtc } from '../../domain/instruments/zoned-time.js';
import { HOUR_MS, type Timeframe } from '../../domain/timeframe.js';
import { pageProblem } from '../candle-sanity.js';
import { type IgCall, type IgFailure, igError } from './errors.js';

export interface YahooOptions {
  /** `YAHOO_BASE_URL`: every request's origin is rewritten to it (tests, `divbot fakes`). */
  readonly baseUrl?: string;
  /** How far back a read without `since` starts (default 30 days). */
  readonly lookbackMs?: number;
}

const ZONE = 'America/New_York';
const OPEN = 9 * 60 + 30;
const CLOSE = 16 * 60;
const DAY_MS = 86_400_000;
/** Days per request of a long range (our choice: Yahoo documents no page size). */
const WINDOW_DAYS = 60;
/** How far back Yahoo serves 1h bars (SPEC §2: about 730 days), with a day's margin. */
const HISTORY_DAYS = 729;
const startOfUtcDay = (t: number) => t - (((t % DAY_MS) + DAY_MS) % DAY_MS);
const call: IgCall = { venue: 'yahoo', endpoint: 'GET /v8/finance/chart/{symbol}', status: undefined };
const silent = { info() {}, warn() {}, error() {}, debug() {}, dir() {} };

export class YahooCandles {
  readonly #yf: InstanceType<typeof YahooFinance>;
  readonly #lookbackMs: number;

  constructor(
    options: YahooOptions,
    readonly now: () => number,
  ) {
    const base = options.baseUrl?.replace(/\/+$/, '');
    const fetcher: typeof fetch = (url, init) =>
      globalThis.fetch(base === undefined ? url : String(url).replace(/^https?:\/\/[^/]+/, base), init);
    this.#yf = new YahooFinance({
      fetch: fetcher,
      suppressNotices: ['yahooSurvey'],
      validation: { logErrors: false },
      logger: silent,
    });
    this.#lookbackMs = options.lookbackMs ?? 30 * 86_400_000;
  }

  async read(instrument: Instrument, timeframe: Timeframe, since?: number): Promise<Candle[]> {
    const now = this.now();
    const from = since ?? now - this.#lookbackMs;
    const hourly = await this.#hourly(instrument, from, now, now);
    const bars = timeframe === '1h' ? hourly : fourHour(hourly, now);
    return bars.filter((c) => c.time >= from);
  }

  /**
   * The closed bars opening in [from, to] (inclusive), one request per window of whole UTC days
   * (a session never spans UTC midnight, so no 4h group is split between two pages), oldest
   * first. Yahoo keeps ~730 days of 1h bars and refuses older ranges, so older `from` start there.
   */
  async *range(
    instrument: Instrument,
    timeframe: Timeframe,
    from: number,
    to: number,
  ): AsyncGenerator<Candle[]> {
    const now = this.now();
    const oldest = startOfUtcDay(now - HISTORY_DAYS * DAY_MS) + DAY_MS;
    let start = startOfUtcDay(Math.max(from, oldest));
    const end = Math.min(to, now);
    while (start <= end) {
      const stop = Math.min(start + WINDOW_DAYS * DAY_MS, startOfUtcDay(end) + DAY_MS);
      const hourly = await this.#hourly(instrument, start, stop, now);
      const bars = timeframe === '1h' ? hourly : fourHour(hourly, now);
      const kept = bars.filter((c) => c.time >= from && c.time <= to);
      if (kept.length > 0) yield kept;
      start = stop;
    }
  }

  /** Closed regular-hours 1h bars in [period1, period2), each one sound. */
  async #hourly(instrument: Instrument, period1: number, period2: number, now: number): Promise<Candle[]> {
    const ticker = instrument.yahooTicker ?? instrument.id;
    let quotes: {
      date: Date;
      open: number | null;
      high: number | null;
      low: number | null;
      close: number | null;
      volume: number | null;
    }[];
    try {
      const result = await this.#yf.chart(ticker, {
        period1: new Date(Math.floor(period1 / 1000) * 1000),
        period2: new Date(Math.ceil(Math.min(period2, now) / 1000) * 1000 + 1000),
        interval: '1h',
        includePrePost: false,
        return: 'array',
      });
      quotes = result.quotes;
    } catch (error) {
      throw yahooError(error, ticker);
    }
    const hourly: Candle[] = [];
    for (const q of quotes) {
      // Yahoo fills a minute without trades with nulls: no bar, not an error.
      if (q.open == null || q.high == null || q.low == null || q.close == null) continue;
      const time = q.date.getTime();
      // Yahoo can repeat its latest bar; one row per open time.
      if (time >= period2 || barEnd(time, HOUR_MS) > now || time <= (hourly.at(-1)?.time ?? -Infinity))
        continue;
      hourly.push({ time, open: q.open, high: q.high, low: q.low, close: q.close, volume: q.volume ?? null });
    }
    const problem = pageProblem(hourly);
    if (problem !== undefined) throw igError({ kind: 'fatal', call, detail: `${ticker} ${problem}` }, []);
    return hourly;
  }
}

/** The end of a session bar starting at `t`: `t + length`, cut at the 16:00 close. */
function barEnd(t: number, length: number): number {
  const close = zonedToUtc(localTime(t, ZONE).day, CLOSE, ZONE);
  return Math.min(t + length, close);
}

function fourHour(hourly: readonly Candle[], now: number): Candle[] {
  const out: Candle[] = [];
  for (const c of hourly) {
    const local = localTime(c.time, ZONE);
    const slot = Math.max(0, Math.floor((local.minute - OPEN) / 240));
    const start = zonedToUtc(local.day, OPEN + slot * 240, ZONE);
    const last = out.at(-1);
    if (last?.time === start) {
      out[out.length - 1] = {
        ...last,
        high: Math.max(last.high, c.high),
        low: Math.min(last.low, c.low),
        close: c.close,
        volume: last.volume === null || c.volume === null ? null : last.volume + c.volume,
      };
    } else out.push({ ...c, time: start });
  }
  return out.filter((c) => barEnd(c.time, 4 * HOUR_MS) <= now);
}

function yahooError(error: unknown, ticker: string) {
  const e = error as { name?: string; code?: number; message?: string };
  const status = typeof e.code === 'number' ? e.code : undefined;
  const kind: IgFailure =
    e.name === 'FailedYahooValidationError'
      ? 'fatal'
      : status === 404 || /not found|delisted/i.test(e.message ?? '')
        ? 'rejected'
        : 'retryable';
  const detail = `${ticker}: ${e.name ?? 'Error'} ${(e.message ?? '').slice(0, 120)}`;
  return igError({ kind, call: { ...call, status }, detail }, []);
}
