import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRegistry as registry } from './registry.js';
import { isOpen, nextClose, nextOpen, sessionOpenTime } from './sessions.js';

// Expected instants are written in UTC by hand (New York is UTC−5 in winter, UTC−4 in summer),
// so these tests do not lean on the time-zone code they check.
const utc = (iso: string) => Date.parse(iso);
const EUR_USD = registry.get('EUR_USD');
const BTC = registry.get('BTC/USDT');
const GOLD = registry.get('XAU_USD');
const NVDA = registry.get('NVDA');

describe('sessions', () => {
  it('closes FX at the weekend while crypto trades 24/7', () => {
    const saturday = utc('2026-12-05T12:00:00Z');
    expect(isOpen(EUR_USD, saturday)).toBe(false);
    expect(isOpen(BTC, saturday)).toBe(true);
    expect([nextOpen(BTC, saturday), nextClose(BTC, saturday), sessionOpenTime(BTC, saturday)]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(nextOpen(EUR_USD, saturday), 'Sunday 17:00 New York').toBe(utc('2026-12-06T22:00:00Z'));
    expect(nextClose(EUR_USD, utc('2026-12-02T12:00:00Z')), 'Friday 17:00 New York').toBe(
      utc('2026-12-04T22:00:00Z'),
    );
    expect(sessionOpenTime(EUR_USD, utc('2026-12-02T12:00:00Z')), 'one session since Sunday').toBe(
      utc('2026-11-29T22:00:00Z'),
    );
  });

  it('gives gold its daily 17:00–18:00 New York break and Christmas off', () => {
    expect(isOpen(GOLD, utc('2026-12-01T21:30:00Z')), '16:30 New York').toBe(true);
    expect(isOpen(GOLD, utc('2026-12-01T22:30:00Z')), '17:30 New York').toBe(false);
    expect(isOpen(GOLD, utc('2026-12-01T23:30:00Z')), '18:30 New York').toBe(true);
    expect(nextClose(GOLD, utc('2026-12-01T21:30:00Z'))).toBe(utc('2026-12-01T22:00:00Z'));
    expect(nextOpen(GOLD, utc('2026-12-01T22:30:00Z'))).toBe(utc('2026-12-01T23:00:00Z'));
    expect(isOpen(GOLD, utc('2026-12-25T15:00:00Z'))).toBe(false);
  });

  it('trades US stocks 09:30–16:00 New York, with holidays and early closes', () => {
    expect(isOpen(NVDA, utc('2026-12-01T15:00:00Z')), 'Tuesday 10:00').toBe(true);
    expect(isOpen(NVDA, utc('2026-12-01T14:29:00Z')), '09:29').toBe(false);
    expect(isOpen(NVDA, utc('2026-12-01T21:00:00Z')), '16:00').toBe(false);
    expect(isOpen(NVDA, utc('2026-12-25T15:00:00Z')), 'Christmas').toBe(false);
    expect(isOpen(NVDA, utc('2026-11-26T15:00:00Z')), 'Thanksgiving').toBe(false);
    expect(isOpen(NVDA, utc('2026-11-27T17:30:00Z')), '12:30 before the early close').toBe(true);
    expect(isOpen(NVDA, utc('2026-11-27T18:30:00Z')), '13:30 after the early close').toBe(false);
    expect(nextClose(NVDA, utc('2026-11-27T15:00:00Z'))).toBe(utc('2026-11-27T18:00:00Z'));
    expect(nextOpen(NVDA, utc('2026-12-24T19:00:00Z')), 'over Christmas to Monday').toBe(
      utc('2026-12-28T14:30:00Z'),
    );
    expect(sessionOpenTime(NVDA, utc('2026-12-01T20:30:00Z')), '15:30 bar').toBe(utc('2026-12-01T14:30:00Z'));
    expect(sessionOpenTime(NVDA, utc('2026-12-01T22:00:00Z'))).toBeUndefined();
  });

  it('follows New York DST for the stock open (March 8 and November 1, 2026)', () => {
    expect(nextOpen(NVDA, utc('2026-03-06T12:00:00Z')), 'Friday, EST').toBe(utc('2026-03-06T14:30:00Z'));
    expect(nextOpen(NVDA, utc('2026-03-06T22:00:00Z')), 'Monday, EDT').toBe(utc('2026-03-09T13:30:00Z'));
    expect(nextOpen(NVDA, utc('2026-10-30T22:00:00Z')), 'Monday, EST again').toBe(
      utc('2026-11-02T14:30:00Z'),
    );
    expect(nextOpen(EUR_USD, utc('2026-03-07T12:00:00Z')), 'FX Sunday open on the DST day').toBe(
      utc('2026-03-08T21:00:00Z'),
    );
  });

  it('models the non-US index sessions in their own zones', () => {
    const uk = registry.get('UK100_GBP');
    // 2026-03-20: New York is on summer time, London not yet — London hours must not move.
    expect(nextOpen(uk, utc('2026-03-20T00:00:00Z'))).toBe(utc('2026-03-20T01:00:00Z'));
    expect(nextClose(uk, utc('2026-03-20T12:00:00Z'))).toBe(utc('2026-03-20T21:00:00Z'));
    const de = registry.get('DE30_EUR');
    expect(nextClose(de, utc('2026-07-01T12:00:00Z')), '22:00 CEST').toBe(utc('2026-07-01T20:00:00Z'));
    const au = registry.get('AU200_AUD');
    expect(isOpen(au, utc('2026-12-04T19:00:00Z')), 'Saturday 06:00 Sydney, night session').toBe(true);
    expect(isOpen(au, utc('2026-12-06T21:00:00Z')), 'Monday 08:00 Sydney').toBe(false);
    expect(nextOpen(au, utc('2026-12-06T21:00:00Z')), 'Monday 09:50 AEDT').toBe(utc('2026-12-06T22:50:00Z'));
  });

  const SESSIONED = registry.all().filter((i) => i.session.kind === 'weekly');
  const instant = fc.integer({ min: utc('2024-01-01T00:00:00Z'), max: utc('2027-12-31T00:00:00Z') });
  const anyInstrument = fc.constantFrom(...SESSIONED);

  it('property: nextOpen is an open edge at or after t, nextClose a close edge after t', () => {
    fc.assert(
      fc.property(anyInstrument, instant, (i, t) => {
        const open = nextOpen(i, t)!;
        const close = nextClose(i, t)!;
        expect(open).toBeGreaterThanOrEqual(t);
        expect(close).toBeGreaterThan(t);
        expect(isOpen(i, open) && !isOpen(i, open - 1)).toBe(true);
        expect(!isOpen(i, close) && isOpen(i, close - 1)).toBe(true);
        // Open now: this session ends before the next starts (unless t is its open edge);
        // closed now: the next session opens before it closes.
        expect(isOpen(i, t) ? open === t || close < open : open < close).toBe(true);
      }),
    );
  });

  it('property: nextOpen and nextClose are the nearest edges (no edge between t and them, minute by minute)', () => {
    const MINUTE = 60_000;
    // Every schedule's edges fall on whole minutes; instants anywhere in 2015–2027 (DST changes,
    // holidays, early closes), asked out of order as the lookahead tool and the live loop do.
    const anywhen = fc.integer({ min: utc('2015-01-01T00:00:00Z'), max: utc('2027-12-31T00:00:00Z') });
    fc.assert(
      fc.property(anyInstrument, anywhen, (i, t) => {
        const openAtT = isOpen(i, t);
        const open = nextOpen(i, t)!;
        const close = nextClose(i, t)!;
        const first = Math.ceil((t + 1) / MINUTE) * MINUTE;
        // Up to the close: open all along if open at t; else closed, then open (one edge).
        let opened = openAtT;
        for (let m = first; m < close; m += MINUTE) {
          const now = isOpen(i, m);
          if (opened) expect(now, `closed at ${new Date(m).toISOString()} before ${close}`).toBe(true);
          opened ||= now;
        }
        // Up to the next open: closed all along if closed at t; else open, then closed.
        let closed = !openAtT;
        for (let m = first; m < open; m += MINUTE) {
          const now = isOpen(i, m);
          if (closed) expect(now, `open at ${new Date(m).toISOString()} before ${open}`).toBe(false);
          closed ||= !now;
        }
      }),
      { numRuns: 40 },
    );
  }, 30_000);

  it('property: sessionOpenTime is the open edge of the session containing t', () => {
    fc.assert(
      fc.property(anyInstrument, instant, (i, t) => {
        const start = sessionOpenTime(i, t);
        if (!isOpen(i, t)) {
          expect(start).toBeUndefined();
          return;
        }
        expect(start).toBeLessThanOrEqual(t);
        expect(isOpen(i, start!) && !isOpen(i, start! - 1)).toBe(true);
        expect(nextOpen(i, start!), 'nextOpen at an open edge is that edge').toBe(start);
        expect(nextClose(i, start!)).toBe(nextClose(i, t));
      }),
    );
  });
});
