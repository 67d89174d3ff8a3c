import type { Direction, DivergenceType } from '../../domain/divergence.js';
import type { Timeframe } from '../../domain/timeframe.js';

/**
 * Everything the deterministic rules read about one candidate, resolved by the detector from known
 * data only. NaN = not defined yet (warm-up): a rule whose input is NaN fails with value null.
 */
export interface RuleInputs {
  readonly type: DivergenceType;
  /** Undefined only for a malformed (e.g. LLM-proposed) signal: rule 0 fails. */
  readonly direction: Direction | undefined;
  readonly timeframe: Timeframe;
  readonly isCrypto: boolean;
  readonly entry: number;
  readonly stop: number;
  readonly tp1: number;
  readonly tp2: number;
  readonly atr: number;
  /** Swing length c2 − c1 in bars. */
  readonly swingBars: number;
  /** Round-trip costs per unit (spread, fees, slippage) in price units, added to the risk. */
  readonly roundTripCost: number;
  /** Plain RSI at the confirm bar (rule 5). */
  readonly rsiAtConfirm: number;
  /** Windowed O_rsi at the pivots (SPEC §4): rule 11, score. */
  readonly rsiAtPivot1: number;
  readonly rsiAtPivot2: number;
  readonly adxAtConfirm: number;
  readonly bandwidthAtConfirm: number;
  /** BB_PERCENTILE-th value (nearest rank) of the last 250 bandwidths; NaN below 50 values. */
  readonly bandwidthThreshold: number;
  /** Number of confirming oscillator families (SPEC §5). */
  readonly confirmingFamilies: number;
  /** null = unknown volume (rule 12 and 13 skip). */
  readonly volumeAtConfirm: number | null;
  readonly volumeSmaAtConfirm: number;
  readonly volumeAtPivot2: number | null;
  readonly volumeSmaAtPivot2: number;
  /** A reversal candle pattern at c2 or the bar after (rule 14). */
  readonly candlePattern: boolean;
}

/** The thresholds, named as in SPEC §7/§17. */
export interface ValidatorSettings {
  readonly MIN_CONFIDENCE: number;
  readonly MIN_RISK_REWARD: number;
  readonly TP1_CLOSE_PCT: number;
  readonly RSI_OVERBOUGHT: number;
  readonly RSI_OVERSOLD: number;
  readonly MIN_ATR_MULTIPLE: number;
  readonly MAX_ATR_MULTIPLE: number;
  readonly MIN_ADX: number;
  readonly BB_PERCENTILE: number;
  readonly MIN_CONFIRMING_INDICATORS: number;
  readonly MIN_SWING_BARS_4H: number;
  readonly MIN_SWING_BARS_1H: number;
  readonly MIN_DIVERGENCE_MAGNITUDE_RSI: number;
  readonly MIN_VOLUME_RATIO: number;
  readonly VOLUME_LOW_THRESHOLD: number;
  readonly REQUIRE_CANDLE_PATTERN: boolean;
}
