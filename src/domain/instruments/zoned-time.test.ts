import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zoneOffsetMs } from './zoned-time.js';

// Straight from Intl, uncached: what the cached offset must always equal.
const direct = new Map<string, Intl.DateTimeFormat>();
function directOffset(t: number, timeZone: string): number {
  const p: Record<string, number> = {};
  const f =
    direct.get(timeZone) ??
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  direct.set(timeZone, f);
  for (const part of f.formatToParts(t)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const whole = Math.floor(t / 1000) * 1000;
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - whole;
}

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'Australia/Sydney',
  'Asia/Tokyo',
  'Asia/Kathmandu',
];

describe('zoneOffsetMs (cached per day, per quarter hour on transition days)', () => {
  it('equals Intl at every quarter hour of a year, every transition included', () => {
    const from = Date.UTC(2025, 0, 1);
    const to = Date.UTC(2026, 0, 1);
    for (const zone of ZONES) {
      // Hourly plus quarter-hour offsets: walking forward, as a backtest does.
      for (let t = from; t < to; t += 15 * 60_000) {
        if (zoneOffsetMs(t, zone) !== directOffset(t, zone)) {
          expect.fail(
            `${zone} at ${new Date(t).toISOString()}: ${zoneOffsetMs(t, zone)} vs ${directOffset(t, zone)}`,
          );
        }
      }
    }
  });

  it('equals Intl at any instant, including around DST changes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.constantFrom(...ZONES),
        (t, zone) => {
          expect(zoneOffsetMs(t, zone)).toBe(directOffset(t, zone));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('switches exactly at the New York and Sydney transitions of 2026', () => {
    const ny = Date.UTC(2026, 2, 8, 7, 0); // 2026-03-08 02:00 EST → EDT
    expect(zoneOffsetMs(ny - 1, 'America/New_York')).toBe(-5 * 3_600_000);
    expect(zoneOffsetMs(ny, 'America/New_York')).toBe(-4 * 3_600_000);
    const syd = Date.UTC(2026, 3, 4, 16, 0); // 2026-04-05 03:00 AEDT → AEST
    expect(zoneOffsetMs(syd - 1, 'Australia/Sydney')).toBe(11 * 3_600_000);
    expect(zoneOffsetMs(syd, 'Australia/Sydney')).toBe(10 * 3_600_000);
  });
});
