import { describe, expect, it } from 'vitest';
import { checkData, checkEarnings, checkNews, checkSession } from './blackouts.js';
import type { CalendarEvent } from './calendar.js';
import {
  baseSettings,
  HOUR,
  instrument,
  MIN,
  market,
  settingsWith,
  T,
  utc,
} from './test-support/fixtures.js';

const code = (d: { code: string } | undefined) => d?.code ?? 'pass';
const EUR = instrument('EUR_USD');

describe('session blackouts', () => {
  // The FX week closes Friday 6 March 2026 at 17:00 New York = 22:00Z.
  const weekClose = utc('2026-03-06T22:00:00Z');
  it.each([
    [weekClose - 61 * MIN, 'pass'],
    [weekClose - 60 * MIN, 'SESSION_CLOSING'],
    [weekClose - MIN, 'SESSION_CLOSING'],
    [weekClose, 'MARKET_CLOSED'],
  ])('FX at %d → %s', (at, expected) => {
    expect(code(checkSession(EUR, market({ at }), baseSettings))).toBe(expected);
  });

  it("uses each session's own close and the venue's tradeable flag", () => {
    const nvda = instrument('NVDA');
    // NYSE closes 16:00 New York = 21:00Z.
    expect(code(checkSession(nvda, market({ at: utc('2026-03-04T20:00:00Z') }), baseSettings))).toBe(
      'SESSION_CLOSING',
    );
    expect(code(checkSession(nvda, market({ at: utc('2026-03-04T19:59:00Z') }), baseSettings))).toBe('pass');
    expect(code(checkSession(instrument('BTC/USDT'), market(), baseSettings)), '24/7 never closes').toBe(
      'pass',
    );
    expect(code(checkSession(EUR, market({ tradeable: false }), baseSettings))).toBe('MARKET_CLOSED');
    expect(
      code(
        checkSession(EUR, market({ at: weekClose - MIN }), settingsWith({ NO_ENTRY_BEFORE_CLOSE_MIN: 0 })),
      ),
    ).toBe('pass');
  });
});

describe('news blackout', () => {
  const nfp: CalendarEvent = { time: T, currency: 'USD', impact: 'high', event: 'Non-Farm Payrolls' };
  it.each([
    ['EUR_USD', T - 30 * MIN, 'NEWS_BLACKOUT'],
    ['EUR_USD', T + 30 * MIN, 'NEWS_BLACKOUT'],
    ['EUR_USD', T - 31 * MIN, 'pass'],
    ['EUR_JPY', T, 'pass'],
    ['NVDA', T, 'NEWS_BLACKOUT'],
    ['BTC/USDT', T, 'NEWS_BLACKOUT'],
  ] as const)('a USD event blacks out %s at %d → %s', (id, at, expected) => {
    expect(code(checkNews(instrument(id), at, [nfp], baseSettings))).toBe(expected);
  });

  it('is off at 0 minutes', () => {
    expect(code(checkNews(EUR, T, [nfp], settingsWith({ NEWS_BLACKOUT_MIN: 0 })))).toBe('pass');
  });
});

describe('earnings blackout', () => {
  const nvda = instrument('NVDA');
  const monday = [{ symbol: 'NVDA', date: '2026-03-09' }];
  it.each([
    ['2026-03-05T15:00:00Z', 'pass'], // Thursday: two weekdays before
    ['2026-03-06T15:00:00Z', 'EARNINGS_BLACKOUT'], // Friday: one trading day before Monday
    ['2026-03-09T15:00:00Z', 'EARNINGS_BLACKOUT'],
    ['2026-03-10T15:00:00Z', 'EARNINGS_BLACKOUT'],
    ['2026-03-11T15:00:00Z', 'pass'],
  ])('NVDA reporting Monday 9 March, entry at %s → %s', (iso, expected) => {
    expect(code(checkEarnings(nvda, utc(iso), monday, baseSettings))).toBe(expected);
  });

  it('applies to the listed symbol only, and is off at 0 days', () => {
    expect(code(checkEarnings(instrument('AAPL'), utc('2026-03-09T15:00:00Z'), monday, baseSettings))).toBe(
      'pass',
    );
    expect(
      code(
        checkEarnings(nvda, utc('2026-03-09T15:00:00Z'), monday, settingsWith({ EARNINGS_BLACKOUT_DAYS: 0 })),
      ),
    ).toBe('pass');
  });
});

describe('stale data and price away', () => {
  it.each([
    [market(), 'pass'],
    [market({ at: T + HOUR + 5 * MIN }), 'pass'],
    [market({ at: T + HOUR + 5 * MIN + 1 }), 'STALE_DATA'],
    [market({ lastCandleTime: T }), 'STALE_DATA'],
    [market({ price: Number.NaN }), 'STALE_DATA'],
    [market({ price: 1.109 }), 'pass'],
    [market({ price: 1.1091 }), 'PRICE_AWAY'],
    [market({ price: 1.0909 }), 'PRICE_AWAY'],
  ])('%o → %s', (m, expected) => {
    expect(code(checkData(EUR, '1h', 0.003, m))).toBe(expected);
  });

  it('does not call data stale across the weekend', () => {
    const fridayLast = utc('2026-03-06T21:00:00Z'); // the 16:00 New York bar, closing with the week
    const sundayOpen = utc('2026-03-08T21:00:00Z');
    expect(
      code(checkData(EUR, '1h', 0.003, market({ at: sundayOpen + 30 * MIN, lastCandleTime: fridayLast }))),
    ).toBe('pass');
    expect(
      code(checkData(EUR, '1h', 0.003, market({ at: sundayOpen + 66 * MIN, lastCandleTime: fridayLast }))),
    ).toBe('STALE_DATA');
  });
});
