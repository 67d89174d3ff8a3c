import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openTimeBetween } from './market-time.js';
import { HOUR, instrument, utc } from './test-support/fixtures.js';
import { nextTradingDayStart, tradingDayStart } from './trading-day.js';

// New York, London and Sydney changes of 2027.
const DST_CHANGES = [
  '2027-03-14T07:00:00Z',
  '2027-11-07T06:00:00Z',
  '2027-03-28T01:00:00Z',
  '2027-10-31T01:00:00Z',
  '2027-04-03T16:00:00Z',
  '2027-10-02T16:00:00Z',
];

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

  it('a start inside the skipped spring-forward hour begins when the clocks read past it', () => {
    // 14 March 2027, New York: 02:00 → 03:00. A day "starting at 02:00" starts at 03:00 EDT (07:00Z).
    const twoAm = { hour: 2, minute: 0, timeZone: 'America/New_York' };
    expect(nextTradingDayStart(utc('2027-03-13T07:00:00Z'), twoAm)).toBe(utc('2027-03-14T07:00:00Z'));
    expect(tradingDayStart(utc('2027-03-14T06:59:59Z'), twoAm)).toBe(utc('2027-03-13T07:00:00Z'));
    expect(tradingDayStart(utc('2027-03-14T07:00:00Z'), twoAm)).toBe(utc('2027-03-14T07:00:00Z'));
    // The repeated hour of 7 November 2027 (01:00–02:00): the first 01:30 (EDT, 05:30Z).
    const oneThirty = { hour: 1, minute: 30, timeZone: 'America/New_York' };
    expect(tradingDayStart(utc('2027-11-07T06:00:00Z'), oneThirty)).toBe(utc('2027-11-07T05:30:00Z'));
  });

  it('honours other zones and times', () => {
    const tokyo = { hour: 7, minute: 30, timeZone: 'Asia/Tokyo' };
    expect(tradingDayStart(utc('2026-03-04T00:00:00Z'), tokyo)).toBe(utc('2026-03-03T22:30:00Z'));
  });

  it('always contains t, and days follow each other without gaps', () => {
    const zones = fc.constantFrom('America/New_York', 'Europe/London', 'Australia/Sydney', 'UTC');
    fc.assert(
      fc.property(
        // Half the draws within two days of a DST change, where the edge cases live.
        fc.oneof(
          fc.integer({ min: utc('2024-01-01T00:00:00Z'), max: utc('2028-12-31T00:00:00Z') }),
          fc
            .tuple(fc.constantFrom(...DST_CHANGES), fc.integer({ min: -48 * HOUR, max: 48 * HOUR }))
            .map(([change, d]) => utc(change) + d),
        ),
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
      { numRuns: 1000 },
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
