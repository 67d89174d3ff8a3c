import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, type PolicyPosition, stopExitReason } from './position-policy.js';

const S = { TRAIL_ATR_MULTIPLE: 2, TRAIL_ATR_MULTIPLE_TIGHT: 1, MAX_HOLD_BARS: 120 };
const LONG: PolicyPosition = {
  direction: 'long',
  entry: 100,
  stop: 95,
  stopOrigin: 'initial',
  tp1: 105,
  tp2: 115,
  tp1Hit: false,
  costsPerUnit: 0.2,
  barsHeld: 3,
};

describe('position policy (SPEC §10)', () => {
  it('does nothing before TP1', () => {
    expect(decide(LONG, 104, 1, S)).toEqual({
      stop: 95,
      stopOrigin: 'initial',
      stopMoved: false,
      timeStop: false,
    });
  });

  it('after TP1: breakeven at entry plus costs, when the trail is not higher', () => {
    const d = decide({ ...LONG, tp1Hit: true }, 101, 1, S);
    expect(d).toMatchObject({ stop: 100.2, stopOrigin: 'breakeven', stopMoved: true });
  });

  it('then trails at 2 ATR, tightening to 1 ATR past half the way from TP1 to TP2', () => {
    expect(decide({ ...LONG, tp1Hit: true }, 108, 1, S)).toMatchObject({ stop: 106, stopOrigin: 'trail' });
    // Halfway is 110: from there the trail uses 1 ATR.
    expect(decide({ ...LONG, tp1Hit: true }, 110, 1, S)).toMatchObject({ stop: 109, stopOrigin: 'trail' });
  });

  it('mirrors for shorts', () => {
    const short: PolicyPosition = { ...LONG, direction: 'short', stop: 105, tp1: 95, tp2: 85, tp1Hit: true };
    expect(decide(short, 99, 1, S)).toMatchObject({ stop: 99.8, stopOrigin: 'breakeven' });
    expect(decide(short, 92, 1, S)).toMatchObject({ stop: 94, stopOrigin: 'trail' });
    expect(decide(short, 90, 1, S)).toMatchObject({ stop: 91, stopOrigin: 'trail' });
  });

  it('time stop at MAX_HOLD_BARS', () => {
    expect(decide({ ...LONG, barsHeld: 119 }, 100, 1, S).timeStop).toBe(false);
    expect(decide({ ...LONG, barsHeld: 120 }, 100, 1, S).timeStop).toBe(true);
  });

  it('never loosens a stop, whatever the closes and ATRs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'long' | 'short'>('long', 'short'),
        fc.array(
          fc.record({
            close: fc.double({ min: 50, max: 150, noNaN: true }),
            atr: fc.double({ min: 0, max: 10, noNaN: true }),
          }),
          { maxLength: 50 },
        ),
        (direction, bars) => {
          const dir = direction === 'long' ? 1 : -1;
          let p: PolicyPosition = {
            ...LONG,
            direction,
            stop: 100 - 5 * dir,
            tp1: 100 + 5 * dir,
            tp2: 100 + 15 * dir,
            tp1Hit: true,
          };
          for (const b of bars) {
            const d = decide(p, b.close, b.atr, S);
            expect((d.stop - p.stop) * dir).toBeGreaterThanOrEqual(0);
            p = { ...p, stop: d.stop, stopOrigin: d.stopOrigin };
          }
        },
      ),
    );
  });

  it('labels stop exits by where the stop came from', () => {
    expect(stopExitReason('initial')).toBe('stop');
    expect(stopExitReason('breakeven')).toBe('breakeven');
    expect(stopExitReason('trail')).toBe('trail');
  });
});
