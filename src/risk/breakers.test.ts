import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialRiskState, permits, type RiskAction, type RiskBookState } from './breaker-state.js';
import { type BreakerResult, checkBreakers, type EquityReading, onTradeClosed } from './breakers.js';
import { pause, reset, resume, TradingStateCommandError } from './manual-control.js';
import { baseSettings, HOUR, settingsWith, T } from './test-support/fixtures.js';
import { tradingDayStart } from './trading-day.js';

const reading = (at: number, equity: number | undefined, netFlows = 0): EquityReading => ({
  at,
  equity,
  netFlows,
  stale: false,
});
const start = (equity = 100_000): RiskBookState =>
  checkBreakers(initialRiskState(), reading(T, equity), baseSettings).state;
const step = (
  s: RiskBookState,
  at: number,
  equity: number | undefined,
  netFlows = 0,
  settings = baseSettings,
) => checkBreakers(s, reading(at, equity, netFlows), settings);
const nextDay = T + 24 * HOUR;

describe('breakers', () => {
  it('starts ACTIVE with the first equity as peak and day start', () => {
    expect(start()).toMatchObject({
      state: 'ACTIVE',
      equityPeak: 100_000,
      dayStartEquity: 100_000,
      tradingDayStart: tradingDayStart(T, baseSettings.TRADING_DAY_START),
    });
  });

  it.each([
    [97_001, 'ACTIVE'],
    [97_000, 'REDUCING'],
  ])('daily loss to %d → %s, until the next trading day', (equity, expected) => {
    const r = step(start(), T + HOUR, equity);
    expect(r.state.state).toBe(expected);
    expect(step(r.state, nextDay, equity).state.state).toBe('ACTIVE');
  });

  it.each([
    [85_001, 'ACTIVE'],
    [85_000, 'HALTED'],
  ])('drawdown to %d from a 100000 peak → %s', (equity, expected) => {
    // Over two days, so the daily breaker is not what trips.
    const s = step(start(), nextDay, 90_000).state;
    expect(step(s, nextDay + 24 * HOUR, equity).state.state).toBe(expected);
  });

  it('flags HALT_ACTION=flatten on the HALTED event and stays HALTED until a reset', () => {
    const flatten = settingsWith({ HALT_ACTION: 'flatten' });
    const r = step(start(), T + HOUR, 80_000, 0, flatten);
    expect(r.events.map((e) => [e.to, e.cause, e.flatten])).toEqual([['HALTED', 'drawdown', true]]);
    expect(step(start(), T + HOUR, 80_000).events[0]?.flatten).toBe(false);
    const later = step(r.state, nextDay + 48 * HOUR, 200_000);
    expect(later.state.state, 'recovery does not lift the kill switch').toBe('HALTED');
    expect(() => resume(later.state, 'try', nextDay)).toThrow(TradingStateCommandError);
    const back = reset(r.state, 'reviewed the drawdown', T + 2 * HOUR, 80_000);
    expect(back.state).toMatchObject({ equityPeak: 80_000, reason: 'reviewed the drawdown' });
    expect(back.state.state, "today's daily breaker still holds").toBe('REDUCING');
    expect(back.event).toMatchObject({ from: 'HALTED', to: 'REDUCING', cause: 'manual' });
    expect(step(back.state, T + 3 * HOUR, 80_000).state.state, 're-based: no new halt').toBe('REDUCING');
  });

  it('refuses a reset that is not needed, without a reason, or without equity', () => {
    expect(() => reset(start(), 'why', T, 100_000)).toThrow(/not tripped/);
    const halted = step(start(), T + HOUR, 80_000).state;
    expect(() => reset(halted, '  ', T, 80_000)).toThrow(/reason/);
    expect(() => reset(halted, 'ok', T, Number.NaN)).toThrow(/equity unknown/);
  });

  it('moves the baselines with deposits and withdrawals', () => {
    const withdrawn = step(start(), T + HOUR, 80_000, -20_000);
    expect(withdrawn.state.state, 'a withdrawal is not a loss').toBe('ACTIVE');
    expect(withdrawn.state).toMatchObject({ equityPeak: 80_000, dayStartEquity: 80_000, netFlows: -20_000 });
    const deposited = step(start(), T + HOUR, 120_000, 20_000);
    expect(deposited.state.equityPeak, 'a deposit is not a new peak to fall from').toBe(120_000);
    expect(step(deposited.state, T + 2 * HOUR, 116_400, 20_000).state.state).toBe('REDUCING');
  });

  it('fails closed when equity cannot be computed', () => {
    for (const equity of [undefined, Number.NaN, Number.POSITIVE_INFINITY, 0, -5]) {
      const s = start();
      const r = step(s, T + HOUR, equity);
      expect(r.state).toBe(s);
      expect(r.failClosed?.code).toBe('EQUITY_UNKNOWN');
    }
    expect(
      checkBreakers(start(), { at: T, equity: 1, netFlows: Number.NaN, stale: false }, baseSettings)
        .failClosed,
    ).toBeDefined();
  });

  it('passes the staleness of a broker through', () => {
    expect(
      checkBreakers(start(), { at: T, equity: 100_000, netFlows: 0, stale: true }, baseSettings).stale,
    ).toBe(true);
  });
});

describe('consecutive losses and a person', () => {
  const lose = (s: RiskBookState, n: number, pnl: number | undefined = -100) => {
    let r: BreakerResult = { state: s, events: [], stale: false };
    for (let i = 0; i < n; i++) r = onTradeClosed(r.state, pnl, T, baseSettings);
    return r;
  };

  it.each([
    [4, 'ACTIVE'],
    [5, 'PAUSED'],
  ])('%d losses in a row → %s', (n, expected) => {
    expect(lose(start(), n).state.state).toBe(expected);
  });

  it('resets on a win, keeps on a flat exit, and counts unknown P&L as a loss', () => {
    const four = lose(start(), 4).state;
    expect(onTradeClosed(four, 10, T, baseSettings).state.consecutiveLosses).toBe(0);
    expect(onTradeClosed(four, 0, T, baseSettings).state.consecutiveLosses).toBe(4);
    expect(onTradeClosed(four, Number.NaN, T, baseSettings).state.state).toBe('PAUSED');
  });

  it('resumes into REDUCING while the daily breaker holds, else ACTIVE', () => {
    const paused = lose(start(), 5).state;
    const hurt = step(paused, T + HOUR, 96_000).state;
    expect(hurt.state, 'PAUSED outranks REDUCING').toBe('PAUSED');
    expect(resume(hurt, 'looked at it', T + 2 * HOUR).state).toMatchObject({
      state: 'REDUCING',
      consecutiveLosses: 0,
    });
    expect(resume(step(hurt, nextDay, 96_000).state, 'next day', nextDay).state.state).toBe('ACTIVE');
  });

  it('pauses by hand from ACTIVE or REDUCING, never over HALTED', () => {
    expect(pause(start(), 'maintenance', T).state.state).toBe('PAUSED');
    const halted = step(start(), T + HOUR, 80_000).state;
    expect(() => pause(halted, 'x', T)).toThrow(/reset/);
    expect(() => resume(start(), 'x', T)).toThrow(/cannot resume from ACTIVE/);
  });
});

describe('what passes in which state', () => {
  const actions: RiskAction[] = ['entry', 'cancel', 'protective_exit', 'exit'];
  it.each([
    ['ACTIVE', ['pass', 'pass', 'pass', 'pass']],
    ['PAUSED', ['STATE_PAUSED', 'pass', 'pass', 'pass']],
    ['REDUCING', ['STATE_REDUCING', 'pass', 'pass', 'pass']],
    ['HALTED', ['STATE_HALTED', 'pass', 'pass', 'pass']],
  ] as const)('%s', (state, expected) => {
    expect(actions.map((a) => permits({ state, reason: null }, a)?.code ?? 'pass')).toEqual(expected);
  });
});

describe('breaker properties over random equity paths', () => {
  const path = fc.array(
    fc.record({
      minutes: fc.integer({ min: 1, max: 900 }),
      change: fc.double({ min: -0.06, max: 0.05, noNaN: true }),
      unknown: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      trade: fc.option(fc.double({ min: -500, max: 500, noNaN: true }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 80 },
  );

  it('HALTED only on a drawdown ≥ the threshold and only left by reset; REDUCING ends with the day; NaN fails closed', () => {
    fc.assert(
      fc.property(path, (steps) => {
        let s = start();
        let equity = 100_000;
        let peak = equity;
        let at = T;
        for (const p of steps) {
          at += p.minutes * 60_000;
          equity *= 1 + p.change;
          const before = s;
          const r = step(s, at, p.unknown ? Number.NaN : equity);
          if (p.unknown) {
            expect(r.state, 'unknown equity changes nothing').toBe(before);
            expect(r.failClosed?.code).toBe('EQUITY_UNKNOWN');
            continue;
          }
          peak = Math.max(peak, equity);
          s = r.state;
          if (before.state === 'HALTED') expect(s.state, 'only a reset leaves HALTED').toBe('HALTED');
          if (s.state === 'HALTED' && before.state !== 'HALTED') {
            expect((peak - equity) / peak).toBeGreaterThanOrEqual(
              baseSettings.MAX_DRAWDOWN_PCT / 100 - 1e-12,
            );
          }
          const newDay = tradingDayStart(at, baseSettings.TRADING_DAY_START) > (before.tradingDayStart ?? 0);
          if (before.state === 'REDUCING' && newDay) expect(['ACTIVE', 'HALTED']).toContain(s.state);
          if (p.trade !== undefined) {
            const t = onTradeClosed(s, p.trade, at, baseSettings);
            if (s.state === 'HALTED') expect(t.state.state).toBe('HALTED');
            s = t.state;
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
