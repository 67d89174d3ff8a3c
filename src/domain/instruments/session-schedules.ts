// Trading sessions as weekly wall-clock tables in the venue's (or the underlying exchange's)
// IANA zone, so DST moves them in UTC exactly as it moves the real market.
import { NYSE_EARLY_CLOSES, NYSE_HOLIDAYS } from './nyse-holidays.js';

/** `[start, end)` in minutes from local midnight; `end` may be 1440 (runs into the next day). */
export type LocalInterval = readonly [start: number, end: number];
/** Seven days of intervals, index 0 = Sunday. */
export type Week = readonly (readonly LocalInterval[])[];

export interface WeeklySchedule {
  readonly kind: 'weekly';
  readonly name: string;
  readonly timeZone: string;
  /** Open intervals for each local weekday, index 0 = Sunday; sorted, non-touching. */
  readonly hours: Week;
  /** Local dates (`YYYY-MM-DD`) with no trading at all. */
  readonly closedDates?: readonly string[];
  /** Local `MM-DD` closed every year (Christmas, New Year). */
  readonly annualClosures?: readonly string[];
  /** Local date → early close, minutes from midnight. */
  readonly earlyCloses?: Readonly<Record<string, number>>;
}

export type SessionSchedule = { readonly kind: 'always'; readonly name: string } | WeeklySchedule;

const hm = (h: number, m = 0) => h * 60 + m;
const DAY: LocalInterval = [0, 1440];
const weekdays = (i: readonly LocalInterval[]): Week => [[], i, i, i, i, i, []];
const UNTIL_17: LocalInterval = [0, hm(17)];
const EVENING_17: LocalInterval = [hm(17), 1440];
const EVENING_18: LocalInterval = [hm(18), 1440];
const WITH_BREAK: readonly LocalInterval[] = [UNTIL_17, EVENING_18];
const SPI_MORNING: LocalInterval = [0, hm(7)];
const SPI_DAY: LocalInterval = [hm(9, 50), hm(16, 30)];
const SPI_NIGHT: LocalInterval = [hm(17, 10), 1440];
const SPI_FULL: readonly LocalInterval[] = [SPI_MORNING, SPI_DAY, SPI_NIGHT];

export const CRYPTO_24_7: SessionSchedule = Object.freeze({ kind: 'always', name: 'crypto-24x7' });

/** OANDA FX: Sunday 17:00 to Friday 17:00 New York, continuous (the rollover is not a break). */
export const FX_WEEK: WeeklySchedule = Object.freeze({
  kind: 'weekly',
  name: 'fx-week',
  timeZone: 'America/New_York',
  hours: [[EVENING_17], [DAY], [DAY], [DAY], [DAY], [UNTIL_17], []],
});

/**
 * CME Globex-style CFDs (gold, silver, US indices, JP225 (CME's USD Nikkei), oil, gas, copper,
 * the US 10-year note): Sunday 18:00 to Friday 17:00 New York with the daily 17:00–18:00 break.
 * Brent (ICE) is put here too: its real 18:00–20:00 New York pause is approximated by this break.
 */
export const CME_GLOBEX: WeeklySchedule = Object.freeze({
  kind: 'weekly',
  name: 'cme-globex',
  timeZone: 'America/New_York',
  hours: [[EVENING_18], WITH_BREAK, WITH_BREAK, WITH_BREAK, WITH_BREAK, [UNTIL_17], []],
  // Simplification: the whole local date is closed (CME reopens at 18:00 on these days).
  annualClosures: ['12-25', '01-01'],
});

/** US stocks, regular hours only (the data is `includePrePost=false`). */
export const NYSE: WeeklySchedule = Object.freeze({
  kind: 'weekly',
  name: 'nyse',
  timeZone: 'America/New_York',
  hours: weekdays([[hm(9, 30), hm(16)]]),
  closedDates: NYSE_HOLIDAYS,
  earlyCloses: NYSE_EARLY_CLOSES,
});

/** UK100: the ICE FTSE 100 futures day, 01:00–21:00 London, Monday to Friday. */
export const ICE_FTSE: WeeklySchedule = Object.freeze({
  kind: 'weekly',
  name: 'ice-ftse',
  timeZone: 'Europe/London',
  hours: weekdays([[hm(1), hm(21)]]),
  annualClosures: ['12-25', '12-26', '01-01'],
});

/** DE30 and the Bund: the Eurex futures day, 01:15–22:00 Frankfurt, Monday to Friday. */
export const EUREX: WeeklySchedule = Object.freeze({
  kind: 'weekly',
  name: 'eurex',
  timeZone: 'Europe/Berlin',
  hours: weekdays([[hm(1, 15), hm(22)]]),
  annualClosures: ['12-24', '12-25', '12-26', '12-31', '01-01'],
});

/**
 * AU200: ASX SPI 200 futures — day session 09:50–16:30 and night session 17:10–07:00 (next
 * morning) Sydney; the Friday night session ends Saturday 07:00.
 */
export const ASX_SPI: WeeklySchedule = Object.freeze({
  kind: 'weekly',
  name: 'asx-spi',
  timeZone: 'Australia/Sydney',
  hours: [[], [SPI_DAY, SPI_NIGHT], SPI_FULL, SPI_FULL, SPI_FULL, SPI_FULL, [SPI_MORNING]],
  annualClosures: ['12-25', '12-26', '01-01'],
});
