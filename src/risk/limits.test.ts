import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SymbolId } from '../domain/ids.js';
import { checkCooldown, checkInstrument, checkPositions, checkTradesToday } from './limits.js';
import {
  baseSettings,
  book,
  HOUR,
  instrument,
  MIN,
  position,
  settingsWith,
  T,
  utc,
} from './test-support/fixtures.js';

const code = (d: { code: string } | undefined) => d?.code ?? 'pass';
const sym = (s: string) => s as SymbolId;
const on = { disabled: false, riskMultiplier: 1 };

describe('instrument switches', () => {
  it.each([
    ['BTC/USDT', 'short', on, 'CANNOT_SHORT'],
    ['BTC/USDT', 'long', on, 'pass'],
    ['EUR_USD', 'short', on, 'pass'],
    ['EUR_USD', 'long', { disabled: true, riskMultiplier: 1 }, 'INSTRUMENT_DISABLED'],
    ['EUR_USD', 'long', { disabled: false, riskMultiplier: 0 }, 'INSTRUMENT_DISABLED'],
    ['EUR_USD', 'long', { disabled: false, riskMultiplier: Number.NaN }, 'INSTRUMENT_DISABLED'],
  ] as const)('%s %s %o → %s', (id, direction, control, expected) => {
    expect(code(checkInstrument(instrument(id), direction, control))).toBe(expected);
  });
});

describe('position limits', () => {
  it('allows one position per symbol', () => {
    const b = book({ positions: [position('EUR_USD', 'short')] });
    expect(code(checkPositions(instrument('EUR_USD'), 'long', b, baseSettings))).toBe('SYMBOL_HAS_POSITION');
  });

  it('caps open positions per broker (Binance 2 by default)', () => {
    const one = book({ positions: [position('BTC/USDT', 'long')] });
    const two = book({ positions: [position('BTC/USDT', 'long'), position('ETH/USDT', 'long')] });
    expect(
      code(
        checkPositions(
          instrument('SOL/USDT'),
          'long',
          one,
          settingsWith({ MAX_CORRELATION_EXPOSURE_BINANCE: 5 }),
        ),
      ),
    ).toBe('pass');
    expect(
      code(
        checkPositions(
          instrument('SOL/USDT'),
          'long',
          two,
          settingsWith({ MAX_CORRELATION_EXPOSURE_BINANCE: 5 }),
        ),
      ),
    ).toBe('MAX_POSITIONS_BROKER');
    expect(
      code(checkPositions(instrument('EUR_USD'), 'long', two, baseSettings)),
      'other brokers unaffected',
    ).toBe('pass');
  });

  it('counts correlation groups by direction of exposure, across brokers', () => {
    // Long EUR_USD, long GBP_USD and short USD_JPY are all short USD.
    const shortUsd = book({
      positions: [position('EUR_USD', 'long'), position('GBP_USD', 'long'), position('USD_JPY', 'short')],
    });
    const s = settingsWith({ MAX_OPEN_POSITIONS_OANDA: 10 });
    expect(code(checkPositions(instrument('AUD_USD'), 'long', shortUsd, s))).toBe('CORRELATION_GROUP_FULL');
    expect(code(checkPositions(instrument('USD_CAD'), 'short', shortUsd, s))).toBe('CORRELATION_GROUP_FULL');
    expect(
      code(checkPositions(instrument('USD_CAD'), 'long', shortUsd, s)),
      'long USD is the other side',
    ).toBe('pass');
    expect(code(checkPositions(instrument('AUD_USD'), 'short', shortUsd, s))).toBe('pass');
    const mixed = book({
      positions: [position('EUR_USD', 'long'), position('USD_JPY', 'long'), position('GBP_USD', 'long')],
    });
    expect(code(checkPositions(instrument('AUD_USD'), 'long', mixed, s)), 'long USD_JPY does not count').toBe(
      'pass',
    );
    expect(
      code(
        checkPositions(
          instrument('AUD_USD'),
          'long',
          shortUsd,
          settingsWith({ MAX_CORRELATION_EXPOSURE_OANDA: 4, MAX_OPEN_POSITIONS_OANDA: 10 }),
        ),
      ),
    ).toBe('pass');
  });
});

describe('correlation counting by direction (property)', () => {
  // USD sign of a long: +1 when USD is the base (long USD_JPY is long USD).
  const pairs = {
    EUR_USD: -1,
    GBP_USD: -1,
    AUD_USD: -1,
    NZD_USD: -1,
    USD_JPY: 1,
    USD_CAD: 1,
    USD_CHF: 1,
  } as const;
  const ids = Object.keys(pairs) as (keyof typeof pairs)[];
  const usdSide = (id: keyof typeof pairs, long: boolean) => (long ? pairs[id] : -pairs[id]);

  it('denies exactly when the positions on the same side of USD reach the limit', () => {
    fc.assert(
      fc.property(
        fc
          .subarray(ids.slice(1))
          .chain((held) =>
            fc.tuple(
              fc.constant(held),
              fc.array(fc.boolean(), { minLength: held.length, maxLength: held.length }),
            ),
          ),
        fc.boolean(),
        fc.integer({ min: 1, max: 6 }),
        ([held, longs], long, limit) => {
          const positions = held.map((id, i) => position(id, longs[i] ? 'long' : 'short'));
          const side = usdSide('EUR_USD', long);
          const same = held.filter((id, i) => usdSide(id, longs[i]!) === side).length;
          const s = settingsWith({ MAX_OPEN_POSITIONS_OANDA: 10, MAX_CORRELATION_EXPOSURE_OANDA: limit });
          const got = code(
            checkPositions(instrument('EUR_USD'), long ? 'long' : 'short', book({ positions }), s),
          );
          expect(got).toBe(same >= limit ? 'CORRELATION_GROUP_FULL' : 'pass');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('trades per trading day', () => {
  const EUR = sym('EUR_USD');
  const entries = (times: number[], symbol = EUR) => times.map((at) => ({ symbol, at }));
  // Trading days start at 17:00 New York = 22:00Z in winter.
  const dayStart = utc('2026-03-03T22:00:00Z');

  it('counts per symbol and per portfolio from TRADING_DAY_START', () => {
    const twoToday = book({ entries: entries([dayStart, dayStart + HOUR]) });
    expect(code(checkTradesToday(EUR, T, twoToday, baseSettings))).toBe('MAX_TRADES_PER_DAY_SYMBOL');
    expect(code(checkTradesToday(sym('GBP_USD'), T, twoToday, baseSettings))).toBe('pass');
    const yesterday = book({ entries: entries([dayStart - MIN, dayStart - HOUR]) });
    expect(code(checkTradesToday(EUR, T, yesterday, baseSettings)), '16:59 New York was yesterday').toBe(
      'pass',
    );
    const ten = book({
      entries: Array.from({ length: 10 }, (_, i) => ({ symbol: sym(`S${i}`), at: dayStart + i * MIN })),
    });
    expect(code(checkTradesToday(EUR, T, ten, baseSettings))).toBe('MAX_TRADES_PER_DAY');
    const nine = book({ entries: ten.entries.slice(1) });
    expect(code(checkTradesToday(EUR, T, nine, baseSettings))).toBe('pass');
  });
});

describe('cooldown after a stop-out', () => {
  const EUR = instrument('EUR_USD');
  const stopAt = (at: number, timeframe: '1h' | '4h' = '1h') =>
    book({ stopOuts: [{ symbol: EUR.id, timeframe, at }] });

  it('blocks COOLDOWN_BARS_AFTER_STOP bars on that symbol and timeframe', () => {
    expect(code(checkCooldown(EUR, '1h', T, stopAt(T - 6 * HOUR + 1), baseSettings))).toBe(
      'COOLDOWN_AFTER_STOP',
    );
    expect(code(checkCooldown(EUR, '1h', T, stopAt(T - 6 * HOUR), baseSettings))).toBe('pass');
    expect(code(checkCooldown(EUR, '4h', T, stopAt(T - 6 * HOUR), baseSettings)), '4h needs 24 h').toBe(
      'pass',
    );
    expect(code(checkCooldown(EUR, '4h', T, stopAt(T - 6 * HOUR, '4h'), baseSettings))).toBe(
      'COOLDOWN_AFTER_STOP',
    );
    expect(code(checkCooldown(instrument('GBP_USD'), '1h', T, stopAt(T - HOUR), baseSettings))).toBe('pass');
    expect(
      code(checkCooldown(EUR, '1h', T, stopAt(T - HOUR), settingsWith({ COOLDOWN_BARS_AFTER_STOP: 0 }))),
    ).toBe('pass');
  });

  it('counts open-market time only: a weekend does not use it up', () => {
    // Stopped out Friday 16:00 New York (21:00Z), one hour before the FX week closes.
    const friday = utc('2026-03-06T21:00:00Z');
    const sundayOpen = utc('2026-03-08T21:00:00Z'); // 17:00 New York, daylight time from today
    expect(code(checkCooldown(EUR, '1h', sundayOpen + 4 * HOUR, stopAt(friday), baseSettings))).toBe(
      'COOLDOWN_AFTER_STOP',
    );
    expect(code(checkCooldown(EUR, '1h', sundayOpen + 5 * HOUR, stopAt(friday), baseSettings))).toBe('pass');
  });
});
