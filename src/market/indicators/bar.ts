import type { Candle } from '../../domain/candle.js';

/**
 * What an indicator reads of a candle. Indicators take the bar object and leave their results in
 * fields rather than taking and returning numbers: V8 boxes (allocates) a double passed to or
 * returned from a call it has not inlined, and inside IndicatorSet it cannot inline them all.
 */
export type Bar = Pick<Candle, 'high' | 'low' | 'close' | 'volume'>;
export type CloseBar = Pick<Candle, 'close'>;
export type PriceBar = Pick<Candle, 'high' | 'low' | 'close'>;
