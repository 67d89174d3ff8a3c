import { describe, expect, it } from 'vitest';
import { STATIC_USD_RATES } from '../domain/instruments/index.js';
import { currencyLegs, positionRisk } from './book.js';
import {
  checkCurrencyRisk,
  checkMargin,
  checkOpenRisk,
  currencyRisk,
  type NewTradeRisk,
  openRisk,
} from './caps.js';
import { baseSettings, book, instrument, position, settingsWith } from './test-support/fixtures.js';

const rates = STATIC_USD_RATES;
const code = (d: { code: string } | undefined) => d?.code ?? 'pass';
const trade = (
  id: string,
  direction: 'long' | 'short',
  risk: number,
  notionalQuote = 10_000,
): NewTradeRisk => ({
  instrument: instrument(id),
  direction,
  risk,
  notionalQuote,
});

describe('open risk', () => {
  it("counts each position's risk to its current stop; breakeven or better risks 0", () => {
    const losing = position('EUR_USD', 'long', { qty: 100_000, entryPrice: 1.1, stop: 1.095 });
    const breakeven = position('GBP_USD', 'short', { qty: 100_000, entryPrice: 1.3, stop: 1.3 });
    const locked = position('AUD_USD', 'long', { qty: 100_000, entryPrice: 0.65, stop: 0.66 });
    const r = openRisk([losing, breakeven, locked], rates, 'USD');
    expect(r.ok && r.value).toBeCloseTo(500, 9);
  });

  it('converts to the base currency and counts an unprotected position at its whole notional', () => {
    const jpy = position('USD_JPY', 'short', { qty: 1000, entryPrice: 155, stop: 156 });
    expect(positionRisk(jpy, { USD: 1, JPY: 1 / 155 }, 'USD')).toEqual({ ok: true, value: 1000 / 155 });
    const naked = position('NVDA', 'long', { qty: 10, entryPrice: 180, stop: undefined });
    expect(positionRisk(naked, rates, 'USD')).toEqual({ ok: true, value: 1800 });
    expect(code(openRisk([jpy], { USD: 1 }, 'USD') as never)).toBe('NO_FX_RATE');
  });

  it.each([
    // existing, new, loss so far → result (equity 100k: cap 4000, daily budget 3000 − loss; a gain adds room)
    [2000, 1000, 0, 'pass'],
    [2000, 1000, 0.01, 'DAILY_LOSS_BUDGET'],
    [1000, 1000, 1000, 'pass'],
    [1000, 1000.01, 1000, 'DAILY_LOSS_BUDGET'],
    [3000, 0.01, 0, 'DAILY_LOSS_BUDGET'],
    [3000, 1000, -5000, 'pass'],
    [3000, 1000.01, -5000, 'OPEN_RISK_CAP'],
    [3000, 1000, -500, 'DAILY_LOSS_BUDGET'],
  ])('open %d + new %d with today %d lost → %s', (existing, risk, loss, expected) => {
    const d = checkOpenRisk(trade('EUR_USD', 'long', risk), existing, 100_000, loss, 100_000, baseSettings);
    expect(code(d)).toBe(expected);
  });
});

describe('currency risk', () => {
  it('counts both legs of a pair with their signs, and a stock in its quote currency', () => {
    expect(currencyLegs(instrument('EUR_USD'), 'long')).toEqual([
      { currency: 'EUR', sign: 1 },
      { currency: 'USD', sign: -1 },
    ]);
    expect(currencyLegs(instrument('USD_JPY'), 'short')).toEqual([
      { currency: 'USD', sign: -1 },
      { currency: 'JPY', sign: 1 },
    ]);
    expect(currencyLegs(instrument('DE30_EUR'), 'long')).toEqual([{ currency: 'EUR', sign: 1 }]);
    expect(currencyLegs(instrument('BTC/USDT'), 'long'), 'USDT is USD').toEqual([
      { currency: 'USD', sign: 1 },
    ]);
  });

  it('stacks short-USD trades up to MAX_CURRENCY_RISK_PCT and lets offsetting trades through', () => {
    const eur = position('EUR_USD', 'long', { qty: 4000, entryPrice: 1.5, stop: 1.25 }); // 1000
    const jpy = position('USD_JPY', 'short', { qty: 155_000, entryPrice: 155, stop: 156 }); // 1000
    const existing = currencyRisk([eur, jpy], rates, 'USD');
    if (!existing.ok) throw new Error(existing.detail);
    expect(existing.value.get('USD')).toBeCloseTo(-2000, 6);
    expect(
      code(checkCurrencyRisk(trade('GBP_USD', 'long', 1000), existing.value, 100_000, baseSettings)),
    ).toBe('pass');
    expect(
      code(checkCurrencyRisk(trade('GBP_USD', 'long', 1000.01), existing.value, 100_000, baseSettings)),
    ).toBe('CURRENCY_RISK_CAP');
    expect(
      code(checkCurrencyRisk(trade('USD_CAD', 'long', 2500), existing.value, 100_000, baseSettings)),
      'long USD offsets the short USD book; CAD −2500 stays within 3000',
    ).toBe('pass');
  });

  it('allows a trade that reduces a currency already over the cap', () => {
    const over = new Map([['USD', -5000]]);
    expect(
      code(
        checkCurrencyRisk(
          trade('USD_CHF', 'long', 1000),
          over,
          100_000,
          settingsWith({ MAX_CURRENCY_RISK_PCT: 1.5 }),
        ),
      ),
    ).toBe('pass');
  });
});

describe('margin', () => {
  it.each([
    // notional (quote), leverage from the registry, free margin 100k, MAX_MARGIN_USE_PCT 50
    ['EUR_USD', 1_500_000, 'pass'], // 1.5M / 30 = 50k
    ['EUR_USD', 1_500_030, 'INSUFFICIENT_MARGIN'],
    ['BTC/USDT', 50_000, 'pass'], // spot 1×: cash
    ['BTC/USDT', 50_000.01, 'INSUFFICIENT_MARGIN'],
    ['NVDA', 250_000, 'pass'], // 5×
  ] as const)('%s notional %d → %s', (id, notional, expected) => {
    expect(code(checkMargin(trade(id, 'long', 100, notional), book(), rates, baseSettings))).toBe(expected);
  });

  it('fails closed without a balance and converts to the account currency', () => {
    const noIg = book({ accounts: { oanda: { currency: 'USD', available: 100_000 } } });
    expect(code(checkMargin(trade('NVDA', 'long', 100, 1000), noIg, rates, baseSettings))).toBe(
      'INSUFFICIENT_MARGIN',
    );
    const eurAccount = book({ accounts: { oanda: { currency: 'EUR', available: 10_000 } } });
    // 300k USD / 30 = 10k USD = 8621 EUR > 5000 EUR usable.
    expect(code(checkMargin(trade('EUR_USD', 'long', 100, 300_000), eurAccount, rates, baseSettings))).toBe(
      'INSUFFICIENT_MARGIN',
    );
    expect(
      code(checkMargin(trade('EUR_USD', 'long', 100, 300_000), eurAccount, { USD: 1 }, baseSettings)),
    ).toBe('NO_FX_RATE');
  });

  it('keeps Binance spend within BINANCE_ALLOCATION_USDT', () => {
    const held = book({
      positions: [position('ETH/USDT', 'long', { qty: 2, entryPrice: 3000, stop: 2800 })],
    });
    const s = settingsWith({ BINANCE_ALLOCATION_USDT: 10_000 });
    expect(code(checkMargin(trade('BTC/USDT', 'long', 100, 4000), held, rates, s))).toBe('pass');
    expect(code(checkMargin(trade('BTC/USDT', 'long', 100, 4000.01), held, rates, s))).toBe(
      'INSUFFICIENT_MARGIN',
    );
    expect(
      code(checkMargin(trade('BTC/USDT', 'long', 100, 40_000), held, rates, baseSettings)),
      'unset: no cap',
    ).toBe('pass');
  });
});
