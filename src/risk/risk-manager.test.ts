import { describe, expect, it } from 'vitest';
import type { SymbolId } from '../domain/ids.js';
import type { Signal } from '../domain/signal.js';
import { RiskInputError } from './risk-manager.js';
import { type Case, code, evaluate } from './test-support/evaluate.js';
import {
  activeState,
  book,
  HOUR,
  inputs,
  instrument,
  MIN,
  market,
  position,
  settingsWith,
  signal,
  T,
} from './test-support/fixtures.js';

const oanda = (n: number) =>
  ['GBP_USD', 'AUD_USD', 'USD_JPY', 'NZD_USD', 'USD_CAD'].slice(0, n).map((id) => position(id, 'long'));
const btcShort = signal({
  symbol: instrument('BTC/USDT').id,
  direction: 'short',
  entry: 60_000,
  stop: 61_000,
  tp1: 58_000,
  tp2: 56_000,
  atr: 500,
});

describe('RiskManager.evaluate', () => {
  it('plans two tickets sized to the risk, A to TP1 and B to TP2', () => {
    const r = evaluate();
    if (!r.ok) throw new Error(`${r.code}: ${r.detail}`);
    const { plan } = r;
    expect(plan.tickets.map((t) => [t.ticket, t.qty.toNumber(), t.target])).toEqual([
      ['A', 95_238, 1.11],
      ['B', 95_238, 1.12],
    ]);
    expect(plan).toMatchObject({
      side: 'buy',
      entry: 1.1,
      stop: 1.095,
      broker: 'oanda',
      riskScale: 1,
      baseCurrency: 'USD',
    });
    expect(plan.riskAmount.toNumber()).toBe(1000);
    expect(plan.risk.lte(plan.riskAmount)).toBe(true);
  });

  it('ramps live risk for the first LIVE_RAMP_TRADES trades, times the run-time multiplier', () => {
    const live = evaluate({
      book: book({ liveTradesSoFar: 49 }),
      inputs: inputs({ control: { disabled: false, riskMultiplier: 2 } }),
    });
    expect(live.ok && live.plan.riskScale).toBe(0.5);
    const ramped = evaluate({ book: book({ liveTradesSoFar: 50 }) });
    expect(ramped.ok && ramped.plan.riskScale).toBe(1);
  });

  it('uses the RISK_PER_TRADE_PCT of the broker', () => {
    const r = evaluate({ settings: settingsWith({ RISK_PER_TRADE_PCT_OANDA: 0.5 }) });
    expect(r.ok && r.plan.riskAmount.toNumber()).toBe(500);
  });

  const halted = { ...activeState(), state: 'HALTED' as const };
  /** The default signal, sent at `m`, with breakers checked then. */
  const sentAt = (m: number): Case => ({
    inputs: inputs({ market: market({ at: m, lastCandleTime: m - HOUR }) }),
    signal: signal({}, 's', m),
    state: activeState(100_000, m),
  });
  const weekClose = Date.parse('2026-03-06T22:00:00Z');
  it.each<[string, string, Case]>([
    ['halted', 'STATE_HALTED', { state: halted }],
    ['paused', 'STATE_PAUSED', { state: { ...activeState(), state: 'PAUSED' } }],
    ['reducing', 'STATE_REDUCING', { state: { ...activeState(), state: 'REDUCING' } }],
    ['equity unknown', 'EQUITY_UNKNOWN', { book: book({ equity: undefined }) }],
    ['no day start yet', 'EQUITY_UNKNOWN', { state: { ...activeState(), dayStartEquity: null } }],
    ['state from yesterday', 'EQUITY_UNKNOWN', { state: activeState(100_000, T - 24 * HOUR) }],
    [
      'REDUCING from yesterday',
      'EQUITY_UNKNOWN',
      { state: { ...activeState(100_000, T - 24 * HOUR), state: 'REDUCING' } },
    ],
    [
      'HALTED from yesterday',
      'STATE_HALTED',
      { state: { ...activeState(100_000, T - 24 * HOUR), state: 'HALTED' } },
    ],
    [
      'stale broker',
      'INSUFFICIENT_MARGIN',
      { book: book({ accounts: { oanda: { currency: 'USD', available: 1e6, stale: true } } }) },
    ],
    ['no setup', 'NO_SETUP', { signal: { ...signal(), setupId: undefined } as Signal }],
    [
      'disabled',
      'INSTRUMENT_DISABLED',
      { inputs: inputs({ control: { disabled: true, riskMultiplier: 1 } }) },
    ],
    [
      'spot short',
      'CANNOT_SHORT',
      { signal: btcShort, inputs: inputs({ instrument: instrument('BTC/USDT') }) },
    ],
    ['symbol held', 'SYMBOL_HAS_POSITION', { book: book({ positions: [position('EUR_USD', 'short')] }) }],
    [
      'oanda full',
      'MAX_POSITIONS_BROKER',
      { book: book({ positions: oanda(5) }), settings: settingsWith({ MAX_CORRELATION_EXPOSURE_OANDA: 9 }) },
    ],
    [
      'short USD ×3',
      'CORRELATION_GROUP_FULL',
      {
        book: book({
          positions: [position('GBP_USD', 'long'), position('AUD_USD', 'long'), position('USD_JPY', 'short')],
        }),
      },
    ],
    [
      '10 trades today',
      'MAX_TRADES_PER_DAY',
      {
        book: book({ entries: Array.from({ length: 10 }, () => ({ symbol: 'X' as SymbolId, at: T - MIN })) }),
      },
    ],
    [
      '2 on EUR_USD today',
      'MAX_TRADES_PER_DAY_SYMBOL',
      {
        book: book({
          entries: [
            { symbol: instrument('EUR_USD').id, at: T - 2 * HOUR },
            { symbol: instrument('EUR_USD').id, at: T - HOUR },
          ],
        }),
      },
    ],
    [
      'cooldown',
      'COOLDOWN_AFTER_STOP',
      { book: book({ stopOuts: [{ symbol: instrument('EUR_USD').id, timeframe: '1h', at: T - HOUR }] }) },
    ],
    ['weekend', 'MARKET_CLOSED', sentAt(weekClose + HOUR)],
    ['closing', 'SESSION_CLOSING', sentAt(weekClose - 30 * MIN)],
    [
      'news',
      'NEWS_BLACKOUT',
      {
        inputs: inputs({ calendar: [{ time: T + 10 * MIN, currency: 'EUR', impact: 'high', event: 'ECB' }] }),
      },
    ],
    ['stale candle', 'STALE_DATA', { inputs: inputs({ market: market({ lastCandleTime: T - 3 * HOUR }) }) }],
    ['price away', 'PRICE_AWAY', { inputs: inputs({ market: market({ price: 1.11, lastClose: 1.098 }) }) }],
    [
      'past TP1',
      'STALE_SIGNAL',
      { inputs: inputs({ market: market({ price: 1.1101, lastClose: 1.1101 }) }) },
    ],
    ['old signal', 'STALE_SIGNAL', { signal: signal({}, 's', T - 2 * HOUR) }],
    [
      'no JPY rate',
      'NO_FX_RATE',
      {
        signal: signal({
          symbol: instrument('USD_JPY').id,
          entry: 155,
          stop: 154,
          tp1: 157,
          tp2: 159,
          atr: 0.8,
        }),
        inputs: inputs({
          instrument: instrument('USD_JPY'),
          rates: { USD: 1 },
          market: market({ price: 155, lastClose: 155 }),
        }),
      },
    ],
    ['tiny equity', 'SIZE_BELOW_MIN', { book: book({ equity: 0.01 }), state: activeState(0.01) }],
    [
      'open risk',
      'OPEN_RISK_CAP',
      { book: book({ positions: [position('NVDA', 'long', { qty: 700, entryPrice: 180, stop: 175 })] }) },
    ],
    [
      'down today',
      'DAILY_LOSS_BUDGET',
      { book: book({ equity: 97_500 }), settings: settingsWith({ MAX_OPEN_RISK_PCT: 10 }) },
    ],
    [
      'EUR at cap',
      'CURRENCY_RISK_CAP',
      {
        book: book({
          positions: [position('DE30_EUR', 'long', { qty: 1, entryPrice: 24_000, stop: 21_500 })],
        }),
        settings: settingsWith({ MAX_DAILY_LOSS_PCT: 5 }),
      },
    ],
    [
      'no margin',
      'INSUFFICIENT_MARGIN',
      { book: book({ accounts: { oanda: { currency: 'USD', available: 10_000 } } }) },
    ],
  ])('%s → %s', (_why, expected, c) => {
    expect(code(c)).toBe(expected);
  });

  it('reports the earliest check in the documented order', () => {
    expect(
      code({ state: halted, book: book({ equity: Number.NaN, positions: [position('EUR_USD', 'long')] }) }),
    ).toBe('STATE_HALTED');
    expect(
      code({ ...sentAt(weekClose + HOUR), book: book({ positions: [position('EUR_USD', 'long')] }) }),
    ).toBe('SYMBOL_HAS_POSITION');
    expect(
      code({ inputs: inputs({ market: market({ price: 1.11, lastClose: 1.11 }), rates: {} }) }),
      'blackouts before sizing',
    ).toBe('STALE_SIGNAL');
  });

  it('throws on a signal evaluated with the wrong instrument', () => {
    expect(() => evaluate({ inputs: inputs({ instrument: instrument('GBP_USD') }) })).toThrow(RiskInputError);
  });
});
