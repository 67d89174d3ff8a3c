// `divbot data fetch`: a venue's closed candles over [from, to] into the candle cache, one page
// per transaction, so an interrupted fetch keeps the whole pages it got and never half of one.
// Idempotent: the cache's upsert leaves identical rows alone, so a second run reports 0 new.
import type { Clock } from '../../domain/clock.js';
import type { Instrument } from '../../domain/instruments/types.js';
import type { Timeframe } from '../../domain/timeframe.js';
import { upsertCandles } from '../../store/candles-repo.js';
import type { Session } from '../../store/store.js';
import type { CandleSource } from './candle-source.js';

export interface FetchRequest {
  readonly instrument: Instrument;
  readonly timeframe: Timeframe;
  /** Inclusive bar open times, UTC ms; `to` defaults to now. */
  readonly from: number;
  readonly to?: number | undefined;
}

export interface FetchProgress {
  readonly pages: number;
  readonly fetched: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Open time of the first and last candle fetched; undefined when none was. */
  readonly first: number | undefined;
  readonly last: number | undefined;
}

export interface FetchSummary extends FetchProgress {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly source: string;
  readonly from: number;
  readonly to: number;
}

export async function fetchIntoCache(
  store: Session,
  source: CandleSource,
  request: FetchRequest,
  clock: Pick<Clock, 'now'>,
  onPage?: (progress: FetchProgress) => void,
): Promise<FetchSummary> {
  const { instrument, timeframe, from } = request;
  const to = request.to ?? clock.now();
  let progress: FetchProgress = {
    pages: 0,
    fetched: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    first: undefined,
    last: undefined,
  };
  for await (const page of source.pages(instrument, timeframe, from, to)) {
    if (page.length === 0) continue;
    const counts = await upsertCandles(store, instrument.id, timeframe, page, source.name);
    progress = {
      pages: progress.pages + 1,
      fetched: progress.fetched + page.length,
      inserted: progress.inserted + counts.inserted,
      updated: progress.updated + counts.updated,
      unchanged: progress.unchanged + counts.unchanged,
      first: progress.first ?? page[0]!.time,
      last: page.at(-1)!.time,
    };
    onPage?.(progress);
  }
  return { symbol: instrument.id, timeframe, source: source.name, from, to, ...progress };
}
