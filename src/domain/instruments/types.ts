import type { Brand } from '../brand.js';
import type { GroupExposure } from './correlation.js';
import type { Currency } from './fx-rates.js';
import type { SessionSchedule } from './session-schedules.js';

/** Canonical instrument id exactly as SPEC §2 spells it: `BTC/USDT`, `EUR_USD`, `NVDA`. */
export type SymbolId = Brand<string, 'SymbolId'>;

export const BrokerId = { binance: 'binance', oanda: 'oanda', ig: 'ig' } as const;
export type BrokerId = (typeof BrokerId)[keyof typeof BrokerId];
export const BrokerIds: readonly BrokerId[] = Object.freeze(Object.values(BrokerId));

/**
 * `metal` is the precious metals OANDA trades like FX (XAU, XAG: type METAL, T+2 rollover);
 * `commodity` is the other commodity CFDs (energy, copper). Reports group by this field.
 */
export const AssetClass = {
  crypto: 'crypto',
  fx: 'fx',
  index: 'index',
  metal: 'metal',
  commodity: 'commodity',
  bond: 'bond',
  stock: 'stock',
} as const;
export type AssetClass = (typeof AssetClass)[keyof typeof AssetClass];

/** Where candles come from (IG stock-CFD history is refused, so IG stocks read Yahoo). */
export type DataSource = 'binance' | 'oanda' | 'yahoo';

/** Costs the SimulatedBroker and the risk manager charge. Units are in each field's name. */
export interface SimulationCosts {
  /** Typical quoted spread (ask − bid) in price units; a data file's `spread` column wins. */
  readonly spread: number;
  /** Commission in basis points of the fill's notional, per side. */
  readonly feeBps: number;
  /** Commission per unit (share) per side, in the quote currency (IG US shares: 0.02). */
  readonly feePerUnit: number;
  /** Minimum commission per fill in the quote currency (0 = none). */
  readonly minFee: number;
  /** Extra adverse slippage on market fills, in basis points of price. */
  readonly slippageBps: number;
}

/** Overnight financing: annual rates on the position's notional, + received, − paid. */
export interface Financing {
  readonly longAnnualRate: number;
  readonly shortAnnualRate: number;
  /** Days per year the annual rate is divided by. */
  readonly dayCount: 360 | 365;
  /** Nights charged at the rollover on each local weekday (index 0 = Sunday); FX: 3 on Wednesday. */
  readonly weekdayMultipliers: readonly number[];
}

export interface Rollover {
  readonly timeZone: string;
  /** Local hour (0..23) at which financing is charged. */
  readonly hour: number;
  /** Local hour whose bar gets the widened spread (the reopening hour when rollover is a break). */
  readonly spreadHour: number;
  /** Spread multiplier in `spreadHour` (1 = none). */
  readonly spreadMultiplier: number;
}

/**
 * One tradable instrument. Sizes are in venue units: base-asset quantity on Binance, OANDA
 * units (1 unit = 1 of the base: a euro, an ounce, one index unit), shares on IG; for every
 * instrument here one unit moving 1.0 in price is worth 1 of the quote currency.
 */
export interface Instrument {
  readonly id: SymbolId;
  readonly broker: BrokerId;
  readonly assetClass: AssetClass;
  readonly displayName: string;
  /** What orders are sent for: the ccxt symbol, OANDA instrument name, or IG epic. */
  readonly venueSymbol: string;
  readonly dataSource: DataSource;
  /** Yahoo ticker, present exactly when `dataSource` is `yahoo` (IG stocks). */
  readonly yahooTicker?: string;
  /** Base asset code (`BTC`, `EUR`, `XAU`, `SPX500`, `NVDA`); a currency only for FX. */
  readonly baseAsset: string;
  readonly quoteCurrency: Currency;
  /** Price tick; `pricePrecision` is its number of decimals. */
  readonly tickSize: number;
  readonly pricePrecision: number;
  readonly sizeStep: number;
  readonly minSize: number;
  readonly maxSize?: number;
  /** Minimum order value in the quote currency (Binance NOTIONAL filter). */
  readonly minNotional?: number;
  readonly canShort: boolean;
  /** Whether candles carry traded volume (Binance, Yahoo) or none (OANDA). */
  readonly volumeKnown: boolean;
  readonly session: SessionSchedule;
  readonly correlation: readonly GroupExposure[];
  /** Retail leverage cap assumed for margin checks (SPEC §2); check against the account. */
  readonly maxLeverage: number;
  readonly costs: SimulationCosts;
  readonly financing: Financing;
  readonly rollover: Rollover;
}
