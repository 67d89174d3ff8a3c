import type { Candle } from '../../domain/candle.js';
import { IndicatorHistory } from './indicator-history.js';
import { IndicatorSet } from './indicator-set.js';
import type { IndicatorSettings } from './settings.js';

/** Batch helper: steps a fresh IndicatorSet through `candles` and records every bar. */
export function computeIndicators(
  candles: readonly Candle[],
  settings: Partial<IndicatorSettings> = {},
): IndicatorHistory {
  const set = new IndicatorSet(settings);
  const history = new IndicatorHistory(candles.length);
  for (const candle of candles) history.append(set.update(candle));
  return history;
}
