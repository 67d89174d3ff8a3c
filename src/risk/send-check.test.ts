import { describe, expect, it } from 'vitest';
import { recheckAtSend, signalAgeBars } from './send-check.js';
import {
  baseSettings,
  candidate,
  HOUR,
  instrument,
  market,
  settingsWith,
  T,
  utc,
} from './test-support/fixtures.js';
import { weekendInstruction } from './weekend.js';

const code = (d: { code: string } | undefined) => d?.code ?? 'pass';
const EUR = instrument('EUR_USD');
const check = (price: number, over = {}, at = T, tradableAt = T, settings = baseSettings) =>
  code(recheckAtSend(candidate(over), EUR, tradableAt, market({ at, price }), settings));

describe('send-time re-check', () => {
  it.each([
    // long: entry 1.1, stop 1.095, TP1 1.11, TP2 1.12, ATR 0.003 (fixtures)
    [1.1, 'pass'],
    [1.095, 'STALE_SIGNAL'], // at the stop
    [1.11, 'STALE_SIGNAL'], // at TP1
    [1.104, 'STALE_SIGNAL'], // R:R (0.006 + 0.016) / (0.009 + costs) < 2
    [1.0964, 'STALE_SIGNAL'], // stop 0.47 ATR away: R:R passes, the ATR rule fails
  ])('long at %d → %s', (price, expected) => {
    expect(check(price)).toBe(expected);
  });

  it('applies the ATR rule at its boundary', () => {
    // |entry − stop| = 0.0015 = 0.5 ATR exactly.
    expect(check(1.0965, { atr: 0.003 }, T, T, settingsWith({ MIN_RISK_REWARD: 1 }))).toBe('pass');
    expect(check(1.0964, { atr: 0.003 }, T, T, settingsWith({ MIN_RISK_REWARD: 1 }))).toBe('STALE_SIGNAL');
    expect(check(1.1, { atr: 0 })).toBe('STALE_SIGNAL');
  });

  it('mirrors for shorts', () => {
    const short = { direction: 'short' as const, entry: 1.1, stop: 1.105, tp1: 1.09, tp2: 1.08 };
    expect(check(1.1, short)).toBe('pass');
    expect(check(1.105, short)).toBe('STALE_SIGNAL');
    expect(check(1.09, short)).toBe('STALE_SIGNAL');
  });

  it('denies a signal tradable for more than MAX_SIGNAL_AGE_BARS bars', () => {
    expect(check(1.1, {}, T + 2 * HOUR - 1)).toBe('pass');
    expect(check(1.1, {}, T + 2 * HOUR)).toBe('STALE_SIGNAL');
    expect(check(1.1, {}, T - 1), 'not tradable yet').toBe('STALE_SIGNAL');
    expect(check(1.1, { timeframe: '4h' }, T + 7 * HOUR)).toBe('pass');
    expect(signalAgeBars({ timeframe: undefined }, T, T)).toBeNaN();
  });

  it('checks R:R and ATR at the limit price in ENTRY_MODE=limit, the stop and TP1 at the live price', () => {
    const limit = settingsWith({ ENTRY_MODE: 'limit' });
    expect(check(1.104, {}, T, T, limit)).toBe('pass');
    expect(check(1.11, {}, T, T, limit)).toBe('STALE_SIGNAL');
  });
});

describe('weekend policy', () => {
  const friday16 = utc('2026-03-06T21:00:00Z'); // one hour before the FX week closes
  it.each(['hold', 'reduce', 'flatten'] as const)(
    'tells the engine to %s before the weekend close',
    (policy) => {
      const w = weekendInstruction(EUR, friday16, { WEEKEND_POLICY: policy });
      expect(w).toEqual({
        action: policy,
        closeAt: utc('2026-03-06T22:00:00Z'),
        reopenAt: utc('2026-03-08T21:00:00Z'),
      });
    },
  );

  it('stays quiet earlier, on weeknights, at daily breaks and for crypto', () => {
    const s = { WEEKEND_POLICY: 'flatten' as const };
    expect(weekendInstruction(EUR, friday16 - 1, s)).toBeUndefined();
    expect(
      weekendInstruction(instrument('NVDA'), utc('2026-03-04T20:30:00Z'), s),
      'Wednesday night',
    ).toBeUndefined();
    expect(weekendInstruction(instrument('NVDA'), utc('2026-03-06T20:30:00Z'), s)?.action).toBe('flatten');
    expect(
      weekendInstruction(instrument('XAU_USD'), utc('2026-03-04T21:30:00Z'), s),
      'daily break',
    ).toBeUndefined();
    expect(weekendInstruction(instrument('BTC/USDT'), friday16, s)).toBeUndefined();
  });
});
