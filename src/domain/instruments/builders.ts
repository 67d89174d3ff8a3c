// Per-venue defaults, so a catalog entry states only what differs per instrument.
// Leverage caps follow SPEC §2 and the ESMA/ASIC retail classes: FX majors (any two of USD,
// EUR, JPY, GBP, CAD, CHF) 30×, other FX, gold and major indices 20×, other commodities 10×,
// shares and "other" underlyings (bonds here) 5×, spot crypto 1× (no margin at all).
import { CorrelationGroup, fxExposure, type GroupExposure, long } from './correlation.js';
import { cfdFinancing, fxFinancing, NO_FINANCING } from './financing.js';
import type { Currency } from './fx-rates.js';
import { decimalsOf } from './precision.js';
import { CME_GLOBEX, CRYPTO_24_7, FX_WEEK, NYSE, type SessionSchedule } from './session-schedules.js';
import type { AssetClass, Instrument, SymbolId } from './types.js';

const FX_MAJOR_CURRENCIES = ['USD', 'EUR', 'JPY', 'GBP', 'CAD', 'CHF'];
const NEW_YORK = 'America/New_York';

const priced = (tickSize: number) => ({ tickSize, pricePrecision: decimalsOf(tickSize) });

export interface SpotSpec {
  readonly tick: number;
  readonly step: number;
  readonly spread: number;
  readonly slippageBps: number;
}

/** Binance spot against USDT: long only, 0.10% taker fee, NOTIONAL filter 5 USDT. */
export function binanceSpot(base: string, displayName: string, p: SpotSpec): Instrument {
  const id = `${base}/USDT`;
  return {
    id: id as SymbolId,
    broker: 'binance',
    assetClass: 'crypto',
    displayName,
    venueSymbol: id,
    dataSource: 'binance',
    baseAsset: base,
    quoteCurrency: 'USDT',
    ...priced(p.tick),
    sizeStep: p.step,
    minSize: p.step,
    minNotional: 5,
    canShort: false,
    volumeKnown: true,
    session: CRYPTO_24_7,
    correlation: long(CorrelationGroup.crypto),
    maxLeverage: 1,
    costs: { spread: p.spread, feeBps: 10, feePerUnit: 0, minFee: 0, slippageBps: p.slippageBps },
    financing: NO_FINANCING,
    rollover: { timeZone: 'UTC', hour: 0, spreadHour: 0, spreadMultiplier: 1 },
  };
}

/** OANDA spot FX: spread-only pricing, 1-unit steps, rollover 17:00 New York with wide spreads. */
export function oandaFx(base: Currency, quote: Currency, displayName: string, spread: number): Instrument {
  const id = `${base}_${quote}`;
  const major = FX_MAJOR_CURRENCIES.includes(base) && FX_MAJOR_CURRENCIES.includes(quote);
  return {
    ...oandaBase(id, 'fx', displayName, quote, quote === 'JPY' ? 0.001 : 0.00001),
    baseAsset: base,
    session: FX_WEEK,
    correlation: fxExposure(base, quote),
    maxLeverage: major ? 30 : 20,
    costs: { spread, feeBps: 0, feePerUnit: 0, minFee: 0, slippageBps: 0.5 },
    financing: fxFinancing(base, quote),
    rollover: { timeZone: NEW_YORK, hour: 17, spreadHour: 17, spreadMultiplier: 3 },
  };
}

export interface CfdSpec {
  readonly assetClass: Exclude<AssetClass, 'crypto' | 'fx' | 'stock'>;
  readonly tick: number;
  readonly spread: number;
  readonly slippageBps: number;
  readonly maxLeverage: number;
  readonly correlation: readonly GroupExposure[];
  readonly session?: SessionSchedule;
}

/** OANDA CFDs and metals; id `<BASE>_<QUOTE>`, Globex hours unless the spec says otherwise. */
export function oandaCfd(id: string, displayName: string, p: CfdSpec): Instrument {
  const [base, quote] = id.split('_') as [string, Currency];
  const session = p.session ?? CME_GLOBEX;
  // On Globex the rollover is the 17:00–18:00 break, so the wide spread shows in the reopening
  // hour; the other CFD sessions are closed at 17:00 New York anyway.
  const globex = session === CME_GLOBEX;
  return {
    ...oandaBase(id, p.assetClass, displayName, quote, p.tick),
    baseAsset: base,
    session,
    correlation: p.correlation,
    maxLeverage: p.maxLeverage,
    costs: { spread: p.spread, feeBps: 0, feePerUnit: 0, minFee: 0, slippageBps: p.slippageBps },
    // Metals roll like spot FX (T+2, triple Wednesday); other CFDs pay benchmark + mark-up.
    financing: p.assetClass === 'metal' ? fxFinancing(base, quote) : cfdFinancing(quote),
    rollover: {
      timeZone: NEW_YORK,
      hour: 17,
      spreadHour: globex ? 18 : 17,
      spreadMultiplier: globex ? 2 : 1,
    },
  };
}

function oandaBase(id: string, assetClass: AssetClass, displayName: string, quote: Currency, tick: number) {
  return {
    id: id as SymbolId,
    broker: 'oanda' as const,
    assetClass,
    displayName,
    venueSymbol: id,
    dataSource: 'oanda' as const,
    quoteCurrency: quote,
    ...priced(tick),
    sizeStep: 1,
    minSize: 1,
    canShort: true,
    volumeKnown: false,
  };
}

/**
 * IG US share CFD with Yahoo candles: 2 cents a share, minimum USD 15 per fill; funding
 * SOFR-like benchmark ± 2.5% charged at 22:00 London (IG's cut-off), the weekend on Friday.
 */
export function igUsStock(ticker: string, epic: string, displayName: string, spread: number): Instrument {
  return {
    id: ticker as SymbolId,
    broker: 'ig',
    assetClass: 'stock',
    displayName,
    venueSymbol: epic,
    dataSource: 'yahoo',
    yahooTicker: ticker,
    baseAsset: ticker,
    quoteCurrency: 'USD',
    ...priced(0.01),
    sizeStep: 1,
    minSize: 1,
    canShort: true,
    volumeKnown: true,
    session: NYSE,
    correlation: long(CorrelationGroup.usMegacapTech),
    maxLeverage: 5,
    costs: { spread, feeBps: 0, feePerUnit: 0.02, minFee: 15, slippageBps: 2 },
    financing: cfdFinancing('USD'),
    rollover: { timeZone: 'Europe/London', hour: 22, spreadHour: 22, spreadMultiplier: 1 },
  };
}
