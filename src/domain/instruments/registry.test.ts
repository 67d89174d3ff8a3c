import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { STATIC_USD_RATES } from './fx-rates.js';
import { decimalsOf, isMultipleOf } from './precision.js';
import { defaultRegistry as registry, symbolFromFileStem, UnknownSymbolError } from './registry.js';
import { instrumentProblems } from './validate.js';

const SPEC_IDS = {
  binance: ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'DOGE/USDT'],
  oanda: [
    ...['EUR_USD', 'GBP_USD', 'USD_JPY', 'AUD_USD', 'USD_CAD', 'USD_CHF', 'NZD_USD', 'EUR_JPY', 'EUR_GBP'],
    ...['SPX500_USD', 'NAS100_USD', 'US30_USD', 'UK100_GBP', 'DE30_EUR', 'JP225_USD', 'AU200_AUD'],
    ...['XAU_USD', 'XAG_USD', 'BCO_USD', 'WTICO_USD', 'NATGAS_USD', 'XCU_USD'],
    ...['USB10Y_USD', 'DE10YB_EUR'],
  ],
  ig: ['NVDA', 'AAPL', 'MSFT', 'AMZN', 'TSLA', 'META', 'GOOGL', 'AVGO'],
} as const;

describe('the instrument registry (SPEC §2)', () => {
  it('holds exactly the 36 instruments of SPEC §2, 4/24/8 per broker, in its order', () => {
    expect(registry.all()).toHaveLength(36);
    expect(registry.byBroker('binance').map((i) => i.id)).toEqual(SPEC_IDS.binance);
    expect(registry.byBroker('oanda').map((i) => i.id)).toEqual(SPEC_IDS.oanda);
    expect(registry.byBroker('ig').map((i) => i.id)).toEqual(SPEC_IDS.ig);
    const classes = registry.byBroker('oanda').map((i) => i.assetClass);
    expect(classes.filter((c) => c === 'fx')).toHaveLength(9);
    expect(classes.filter((c) => c === 'index')).toHaveLength(7);
    expect(classes.filter((c) => c === 'metal' || c === 'commodity')).toHaveLength(6);
    expect(classes.filter((c) => c === 'bond')).toHaveLength(2);
  });

  it.each(registry.all().map((i) => [i.id, i] as const))('%s is valid', (_, i) => {
    expect(instrumentProblems(i)).toEqual([]);
    expect(i.tickSize).toBeGreaterThan(0);
    expect(i.sizeStep).toBeGreaterThan(0);
    expect(i.minSize).toBeGreaterThan(0);
    expect(decimalsOf(i.tickSize), 'price precision is the tick’s decimals').toBe(i.pricePrecision);
    expect(isMultipleOf(i.minSize, i.sizeStep)).toBe(true);
    expect(STATIC_USD_RATES[i.quoteCurrency], `rate for ${i.quoteCurrency}`).toBeGreaterThan(0);
    expect(i.costs.spread).toBeGreaterThan(0);
    expect(Object.isFrozen(i) && Object.isFrozen(i.costs) && Object.isFrozen(i.session)).toBe(true);
  });

  it('knows who can short and whose volume is real', () => {
    for (const i of registry.all()) {
      expect(i.canShort, `${i.id}: Binance spot cannot short`).toBe(i.broker !== 'binance');
      expect(i.volumeKnown, `${i.id}: only OANDA has no traded volume`).toBe(i.broker !== 'oanda');
    }
  });

  it('applies the SPEC §2 leverage defaults', () => {
    const lev = (id: string) => registry.get(id).maxLeverage;
    expect(registry.byBroker('binance').every((i) => i.maxLeverage === 1)).toBe(true);
    expect(registry.byBroker('ig').every((i) => i.maxLeverage === 5)).toBe(true);
    expect([lev('XAU_USD'), lev('SPX500_USD'), lev('DE30_EUR'), lev('AU200_AUD')]).toEqual([20, 20, 20, 20]);
    expect([lev('EUR_USD'), lev('USD_JPY'), lev('EUR_GBP')]).toEqual([30, 30, 30]);
  });

  it('maps IG epics to Yahoo tickers both ways', () => {
    const meta = registry.get('META');
    expect(meta).toMatchObject({ venueSymbol: 'UB.D.FB.CASH.IP', yahooTicker: 'META', dataSource: 'yahoo' });
    expect(registry.byVenueSymbol('ig', 'UC.D.NVDA.CASH.IP')?.id).toBe('NVDA');
    expect(registry.byVenueSymbol('oanda', 'UC.D.NVDA.CASH.IP')).toBeUndefined();
  });

  it('names an unknown symbol and suggests close matches', () => {
    expect(() => registry.get('EURUSD')).toThrow(UnknownSymbolError);
    expect(() => registry.get('EURUSD')).toThrow(/unknown symbol "EURUSD" \(did you mean EUR_USD\?\)/);
    expect(() => registry.get('btc-usdt')).toThrow(/did you mean BTC\/USDT/);
    expect(() => registry.get('NVDIA')).toThrow(/NVDA/);
    expect(() => registry.get('ZZZZZZZZ')).toThrow(/known symbols: BTC\/USDT, ETH\/USDT/);
    expect(registry.tryGet('EURUSD')).toBeUndefined();
  });

  it('selects by BROKERS and SYMBOLS, rejecting unknown or disabled ones by name', () => {
    expect(registry.select({})).toHaveLength(36);
    expect(registry.select({ brokers: ['oanda'] })).toHaveLength(24);
    expect(registry.select({ symbols: ['NVDA', 'BTC/USDT'] }).map((i) => i.id)).toEqual(['BTC/USDT', 'NVDA']);
    const fail = (sel: Parameters<typeof registry.select>[0]) => {
      try {
        registry.select(sel);
      } catch (e) {
        return e;
      }
      throw new Error('expected a ConfigError');
    };
    const unknown = fail({ symbols: ['EUR_USD', 'FOO_BAR'] });
    expect(unknown).toBeInstanceOf(ConfigError);
    expect((unknown as ConfigError).issues).toEqual([
      { variable: 'SYMBOLS', message: expect.stringContaining('"FOO_BAR"') },
    ]);
    expect(String(fail({ brokers: ['oanda'], symbols: ['NVDA'] }))).toMatch(/SYMBOLS: NVDA trades on ig/);
    expect(String(fail({ brokers: ['kraken'] }))).toMatch(/BROKERS: unknown broker "kraken"/);
  });

  it('builds a new, validated registry from venue overrides', () => {
    const refreshed = registry.withOverrides({
      EUR_USD: { pricePrecision: 4 },
      'BTC/USDT': { tickSize: 0.1, sizeStep: 0.0001, minSize: 0.0001 },
    });
    expect(refreshed.get('EUR_USD')).toMatchObject({ tickSize: 0.0001, pricePrecision: 4, broker: 'oanda' });
    expect(refreshed.get('BTC/USDT')).toMatchObject({ tickSize: 0.1, pricePrecision: 1, minSize: 0.0001 });
    expect(registry.get('EUR_USD').pricePrecision, 'the original is untouched').toBe(5);
    const cheaper = registry.withOverrides({ NVDA: { costs: { spread: 0.01 } } }).get('NVDA');
    expect(cheaper.costs, 'nested records merge').toEqual({ ...registry.get('NVDA').costs, spread: 0.01 });
    expect(() => registry.withOverrides({ FOO: { minSize: 1 } })).toThrow(/unknown symbol "FOO"/);
    expect(() => registry.withOverrides({ NVDA: { sizeStep: 0 } })).toThrow(/NVDA: sizeStep must be > 0/);
  });
});

describe('symbolFromFileStem', () => {
  it.each([
    ['binance_BTC_USDT', 'BTC/USDT'],
    ['binance_ETH_USDT-1h', 'ETH/USDT'],
    ['oanda_EUR_USD', 'EUR_USD'],
    ['oanda_XAU_USD-4h', 'XAU_USD'],
    ['oanda_SPX500_USD-1h', 'SPX500_USD'],
    ['ig_NVDA', 'NVDA'],
    ['yahoo_NVDA-1h', 'NVDA'],
    ['yahoo_aapl', 'AAPL'],
  ])('%s → %s', (stem, id) => {
    expect(symbolFromFileStem(stem)).toBe(id);
  });

  it.each(['BTC_USDT', 'kraken_BTC_USD', 'binance_BTCUSDT', 'oanda_EURUSD', 'ig_', ''])(
    '%j → undefined',
    (stem) => {
      expect(symbolFromFileStem(stem)).toBeUndefined();
    },
  );

  it('round-trips every registry instrument through its file-name convention', () => {
    for (const i of registry.all()) {
      const prefix = i.broker === 'ig' ? 'yahoo' : i.broker;
      expect(symbolFromFileStem(`${prefix}_${i.id.replace('/', '_')}-1h`)).toBe(i.id);
    }
  });
});
