// The analyzer's settings for one timeframe and broker, read from the configuration (SPEC §4–§7).
import { brokerSetting } from '../config/index.js';
import type { Config } from '../config/schema.js';
import type { BrokerId } from '../domain/instruments/types.js';
import type { Timeframe } from '../domain/timeframe.js';
import type { IndicatorSettings } from '../market/indicators/settings.js';
import type { DivergenceSettings } from './divergence/settings.js';
import type { ValidatorSettings } from './validator/rule-inputs.js';

export interface AnalyzerSettings {
  readonly divergence: DivergenceSettings;
  readonly validator: ValidatorSettings;
  readonly minScore: number;
  readonly indicators?: Partial<IndicatorSettings>;
}

/** Rule 8: the percentile is taken over this many bandwidths, once at least the minimum exist. */
export const BANDWIDTH_WINDOW = 250;
export const BANDWIDTH_MIN_VALUES = 50;

export function analyzerSettings(config: Config, timeframe: Timeframe, broker?: BrokerId): AnalyzerSettings {
  const four = timeframe === '4h';
  return {
    divergence: {
      left: four ? config.PIVOT_LEFT_4H : config.PIVOT_LEFT_1H,
      right: four ? config.PIVOT_RIGHT_4H : config.PIVOT_RIGHT_1H,
      minBars: config.DIV_MIN_BARS,
      maxBars: config.DIV_MAX_BARS,
      maxPivots: config.DIV_MAX_PIVOTS,
      window: config.DIV_OSC_WINDOW,
      hidden: config.DIV_HIDDEN,
      lineOfSight: config.DIV_LINE_OF_SIGHT,
      macdSameSide: config.DIV_MACD_SAME_SIDE,
      stopAtrBuffer: config.STOP_ATR_BUFFER,
      tp1MinR: config.TP1_MIN_R,
      tp2R: config.TP2_R,
    },
    validator: {
      MIN_CONFIDENCE: broker ? brokerSetting(config, 'MIN_CONFIDENCE', broker) : config.MIN_CONFIDENCE,
      MIN_RISK_REWARD: config.MIN_RISK_REWARD,
      TP1_CLOSE_PCT: config.TP1_CLOSE_PCT,
      RSI_OVERBOUGHT: config.RSI_OVERBOUGHT,
      RSI_OVERSOLD: config.RSI_OVERSOLD,
      MIN_ATR_MULTIPLE: config.MIN_ATR_MULTIPLE,
      MAX_ATR_MULTIPLE: config.MAX_ATR_MULTIPLE,
      MIN_ADX: config.MIN_ADX,
      BB_PERCENTILE: config.BB_PERCENTILE,
      MIN_CONFIRMING_INDICATORS: config.MIN_CONFIRMING_INDICATORS,
      MIN_SWING_BARS_4H: config.MIN_SWING_BARS_4H,
      MIN_SWING_BARS_1H: config.MIN_SWING_BARS_1H,
      MIN_DIVERGENCE_MAGNITUDE_RSI: config.MIN_DIVERGENCE_MAGNITUDE_RSI,
      MIN_VOLUME_RATIO: config.MIN_VOLUME_RATIO,
      VOLUME_LOW_THRESHOLD: config.VOLUME_LOW_THRESHOLD,
      REQUIRE_CANDLE_PATTERN: config.REQUIRE_CANDLE_PATTERN,
    },
    minScore: config.MIN_DIVERGENCE_SCORE,
  };
}
