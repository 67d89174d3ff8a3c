// Incremental indicators equal to TA-Lib's (SPEC §3); see indicator-set.ts for the whole set.
export { Atr } from './atr.js';
export type { Bar, CloseBar, PriceBar } from './bar.js';
export { Bollinger } from './bollinger.js';
export { Cci } from './cci.js';
export { computeIndicators } from './compute-indicators.js';
export { DirectionalMovement } from './directional-movement.js';
export { Ema } from './ema.js';
export { IndicatorHistory } from './indicator-history.js';
export { IndicatorSet } from './indicator-set.js';
export { emptyIndicatorValues } from './indicator-values.js';
export { Macd } from './macd.js';
export { Mfi } from './mfi.js';
export { Rsi } from './rsi.js';
export { DEFAULT_INDICATOR_SETTINGS, type IndicatorSettings, resolveIndicatorSettings } from './settings.js';
export { Stochastic } from './stochastic.js';
export { VolumeSma } from './volume-sma.js';
export { WilliamsR } from './williams-r.js';
export { WindowExtremes } from './window-extremes.js';
