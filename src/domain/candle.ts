import type { Timeframe } from './timeframe.js';

/** One closed candle. `time` is the bar's open time, UTC ms. */
export interface Candle {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** null = unknown (the source gives none); never inferred. */
  readonly volume: number | null;
  /** Quoted spread at the close, in price units, when the source has it. */
  readonly spread?: number;
}

export interface CandleSeries {
  readonly symbol: string | undefined;
  readonly timeframe: Timeframe | undefined;
  readonly candles: readonly Candle[];
}
