// Entry blackouts (SPEC §9): closed or closing markets, economic news, earnings, stale data and
// a price that ran away from the last close. Exits are never blacked out.
import {
  bookCurrency,
  type HasSession,
  type Instrument,
  isOpen,
  nextClose,
} from '../domain/instruments/index.js';
import { type DayIndex, localTime, MINUTE_MS, weekdayOf } from '../domain/instruments/zoned-time.js';
import { type Timeframe, timeframeMs } from '../domain/timeframe.js';
import type { CalendarEvent, EarningsDate } from './calendar.js';
import { type Denial, deny, fmt } from './denial.js';
import { openTimeBetween } from './market-time.js';
import type { RiskSettings } from './settings.js';

/** What the market looks like when the order would be sent. */
export interface MarketSnapshot {
  /** Send time, Clock ms (simulation: the next bar's open time). */
  readonly at: number;
  /** Where a market entry would fill (live: the ask for longs, the bid for shorts; simulation: the next bar's open). */
  readonly price: number;
  /** Close of the latest closed candle of the signal's timeframe. */
  readonly lastClose: number;
  /** Open time of that candle. */
  readonly lastCandleTime: number;
  /** The venue's own tradeable flag (IG marketStatus, OANDA tradeable), when known. */
  readonly tradeable?: boolean;
  /** A data file's spread column at the entry bar, when known. */
  readonly barSpread?: number;
}

/** Ticker more than this many ATRs from the last close: the candle no longer describes the market. */
export const PRICE_AWAY_ATR = 3;

/** Slack for a candle that is a little late from the venue (live data arrives after the close). */
export const STALE_GRACE_MS = 5 * MINUTE_MS;

export function checkSession(
  instrument: HasSession & Pick<Instrument, 'id'>,
  market: MarketSnapshot,
  settings: Pick<RiskSettings, 'NO_ENTRY_BEFORE_CLOSE_MIN'>,
): Denial | undefined {
  if (market.tradeable === false || !isOpen(instrument, market.at)) {
    return deny('MARKET_CLOSED', `${instrument.id} is not open for trading`);
  }
  // nextClose is the end of the merged session, so for FX it is the week's close.
  const close = nextClose(instrument, market.at);
  const window = settings.NO_ENTRY_BEFORE_CLOSE_MIN * MINUTE_MS;
  if (close !== undefined && close - market.at <= window) {
    const minutes = Math.round((close - market.at) / MINUTE_MS);
    return deny(
      'SESSION_CLOSING',
      `${instrument.id} closes in ${minutes} min (no entries within ${settings.NO_ENTRY_BEFORE_CLOSE_MIN})`,
    );
  }
  return undefined;
}

/** Currencies an event can move for this instrument: both legs of a pair, else the quote currency. */
export function instrumentCurrencies(
  instrument: Pick<Instrument, 'assetClass' | 'baseAsset' | 'quoteCurrency'>,
): string[] {
  const quote = bookCurrency(instrument.quoteCurrency);
  return instrument.assetClass === 'fx' ? [bookCurrency(instrument.baseAsset), quote] : [quote];
}

/** NEWS_BLACKOUT_MIN either side of an event naming one of the instrument's currencies; 0 = off. */
export function checkNews(
  instrument: Pick<Instrument, 'id' | 'assetClass' | 'baseAsset' | 'quoteCurrency'>,
  at: number,
  events: readonly CalendarEvent[],
  settings: Pick<RiskSettings, 'NEWS_BLACKOUT_MIN'>,
): Denial | undefined {
  const window = settings.NEWS_BLACKOUT_MIN * MINUTE_MS;
  if (window === 0) return undefined;
  const currencies = instrumentCurrencies(instrument);
  const hit = events.find(
    (e) => Math.abs(e.time - at) <= window && currencies.includes(bookCurrency(e.currency.toUpperCase())),
  );
  if (hit === undefined) return undefined;
  const when = new Date(hit.time).toISOString().replace('.000Z', 'Z');
  return deny('NEWS_BLACKOUT', `${hit.currency} ${hit.impact} "${hit.event}" at ${when}`);
}

const dayOf = (date: string): DayIndex => Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/** Weekdays in (min, max]: Friday to Monday is one trading day away, not three. */
function weekdaysBetween(a: DayIndex, b: DayIndex): number {
  let n = 0;
  for (let d = Math.min(a, b) + 1; d <= Math.max(a, b); d++)
    if (weekdayOf(d) !== 0 && weekdayOf(d) !== 6) n++;
  return n;
}

/** No entries within EARNINGS_BLACKOUT_DAYS weekdays of an earnings date (exchange dates); 0 = off. */
export function checkEarnings(
  instrument: Pick<Instrument, 'id' | 'session'>,
  at: number,
  earnings: readonly EarningsDate[],
  settings: Pick<RiskSettings, 'EARNINGS_BLACKOUT_DAYS'>,
): Denial | undefined {
  const days = settings.EARNINGS_BLACKOUT_DAYS;
  if (days === 0) return undefined;
  const zone = instrument.session.kind === 'weekly' ? instrument.session.timeZone : 'UTC';
  const today = localTime(at, zone).day;
  for (const e of earnings) {
    if (e.symbol !== instrument.id) continue;
    const day = dayOf(e.date);
    // Only nearby dates: the weekday count would otherwise walk years for an old list entry.
    if (Math.abs(day - today) <= days * 3 + 4 && weekdaysBetween(today, day) <= days) {
      return deny('EARNINGS_BLACKOUT', `${instrument.id} reports earnings on ${e.date}`);
    }
  }
  return undefined;
}

/**
 * The latest candle is stale when more than one bar (plus a short grace) of open-market time
 * has passed since it closed; the ticker is "away" when more than 3 × ATR from that candle's close.
 */
export function checkData(
  instrument: HasSession & Pick<Instrument, 'id'>,
  timeframe: Timeframe,
  atr: number,
  market: MarketSnapshot,
): Denial | undefined {
  const bar = timeframeMs[timeframe];
  const closedAt = market.lastCandleTime + bar;
  if (![market.price, market.lastClose, closedAt].every(Number.isFinite) || closedAt > market.at) {
    return deny('STALE_DATA', `no usable latest ${timeframe} candle for ${instrument.id}`);
  }
  const since = openTimeBetween(instrument, closedAt, market.at, 2 * bar);
  if (since > bar + STALE_GRACE_MS) {
    return deny(
      'STALE_DATA',
      `latest ${timeframe} candle of ${instrument.id} closed ${fmt(since / 60_000)} market minutes ago`,
    );
  }
  const away = Math.abs(market.price - market.lastClose);
  if (!(atr > 0) || away > PRICE_AWAY_ATR * atr) {
    return deny(
      'PRICE_AWAY',
      `price ${market.price} is ${fmt(away / atr)} ATR from the last close ${market.lastClose}`,
    );
  }
  return undefined;
}
