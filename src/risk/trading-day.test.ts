import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openTimeBetween } from './market-time.js';
import { HOUR, instrument, utc } from './test-support/fixtures.js';
import { nextTradingDayStart, tradingDayStart } from './trading-day.js';

const NY_17 = { hour: 17, minute: 0, timeZone: 'America/New_York' };

describe('trading day', () => {
  it('starts at 17:00 New York, on either side of a DST change', () => {
    // US daylight time starts Sunday 8 March 2026: 17:00 is 22:00Z before and 21:00Z after.
    expect(tradingDayStart(utc('2026-03-07T12:00:00Z'), NY_17)).toBe(utc('2026-03-06T22:00:00Z'));
    expect(tradingDayStart(utc('2026-03-08T20:59:59Z'), NY_17)).toBe(utc('2026-03-07T22:00:00Z'));
    expect(tradingDayStart(utc('2026-03-08T21:00:00Z'), NY_17)).toBe(utc('2026-03-08T21:00:00Z'));
    expect(nextTradingDayStart(utc('2026-03-08T12:00:00Z'), NY_17), 'a 23-hour day').toBe(
      utc('2026-03-08T21:00:00Z'),
    );
    // Back to standard time on Sunday 1 November 2026: a 25-hour day.
    expect(tradingDayStart(utc('2026-11-01T21:30:00Z'), NY_17)).toBe(utc('2026-10-31T21:00:00Z'));
    expect(nextTradingDayStart(utc('2026-11-01T12:00:00Z'), NY_17)).toBe(utc('2026-11-01T22:00:00Z'));
  });

  it('honours other zones and times', () => {
    const tokyo = { hour: 7, minute: 30, timeZone: 'Asia/Tokyo' };
    expect(tradingDayStart(utc('2026-03-04T00:00:00Z'), tokyo)).toBe(utc('2026-03-03T22:30:00Z'));
  });

  it('always contains t, and days follow each other without gaps', () => {
    const zones = fc.constantFrom('America/New_York', 'Europe/London', 'Australia/Sydney', 'UTC');
    fc.assert(
      fc.property(
        fc.integer({ min: utc('2024-01-01T00:00:00Z'), max: utc('2028-12-31T00:00:00Z') }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        zones,
        (t, hour, minute, timeZone) => {
          const start = { hour, minute, timeZone };
          const s = tradingDayStart(t, start);
          const next = nextTradingDayStart(t, start);
          expect(s <= t && t < next).toBe(true);
          expect(next - s).toBeGreaterThanOrEqual(22 * HOUR);
          expect(next - s).toBeLessThanOrEqual(26 * HOUR);
          expect(tradingDayStart(next, start)).toBe(next);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('open-market time', () => {
  it('skips the FX weekend and the stock night', () => {
    const fx = instrument('EUR_USD');
    expect(openTimeBetween(fx, utc('2026-03-06T21:00:00Z'), utc('2026-03-08T22:00:00Z'))).toBe(2 * HOUR);
    const nvda = instrument('NVDA');
    // Tuesday 15:00 New York (20:00Z) to Wednesday 10:30 (15:30Z): 1 h + 1 h of session.
    expect(openTimeBetween(nvda, utc('2026-03-03T20:00:00Z'), utc('2026-03-04T15:30:00Z'))).toBe(2 * HOUR);
    expect(openTimeBetween(instrument('BTC/USDT'), 0, 5 * HOUR)).toBe(5 * HOUR);
    expect(openTimeBetween(fx, utc('2026-03-06T21:00:00Z'), utc('2026-03-09T22:00:00Z'), 3 * HOUR)).toBe(
      3 * HOUR,
    );
  });
});
