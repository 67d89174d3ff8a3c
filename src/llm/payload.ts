// What Claude sees of a candidate (SPEC §6): relative values only — no symbol, no dates, no
// absolute price levels — so the model cannot recognise the market and recall how it went on.
// Prices become % changes and ATR multiples; oscillators that are already bounded (RSI, stoch,
// Williams %R, MFI, CCI) are sent as they are; MACD is divided by the ATR. Numbers are rounded, which
// also keeps the request hash stable across float noise.
import { type Oscillator, OscillatorFamily } from '../domain/indicator-values.js';
import type { ReviewRequest } from './reviewer.js';

export const PAYLOAD_VERSION = 'divbot.review.v1';

// Scale-free already (bounded or a ratio): sent as is.
const BOUNDED: ReadonlySet<Oscillator> = new Set(['rsi', 'stoch_k', 'willr', 'mfi', 'cci']);

type Num = number | null;

export interface OscillatorPayload {
  readonly name: Oscillator;
  /** `value` for bounded oscillators, `atr` for MACD values divided by the ATR. */
  readonly unit: 'value' | 'atr';
  readonly at_pivot1: Num;
  readonly at_pivot2: Num;
}

export interface ReviewPayload {
  readonly payload: typeof PAYLOAD_VERSION;
  readonly timeframe: string | null;
  readonly divergence: { readonly type: string; readonly direction: string };
  readonly swing: Readonly<Record<string, Num>>;
  readonly oscillators: readonly OscillatorPayload[];
  readonly confirming_families: readonly string[];
  readonly trade_plan: Readonly<Record<string, Num>>;
  readonly confirm_bar: Readonly<Record<string, Num>>;
  readonly score: Num;
  readonly score_max: 10;
  readonly rules: { readonly passed: readonly string[]; readonly skipped: readonly string[] };
}

export function buildReviewPayload({ candidate: c, context }: ReviewRequest): ReviewPayload {
  const atr = c.atr;
  const ind = context.indicators;
  const risk = Math.abs(c.entry - c.stop);
  const sign = c.direction === 'long' ? 1 : -1;
  const perAtr = (x: number) => (Number.isFinite(atr) && atr > 0 ? round(x / atr) : null);
  const inR = (target: number) => (risk > 0 ? round((sign * (target - c.entry)) / risk) : null);
  const osc = (name: Oscillator, v: number) => (BOUNDED.has(name) ? round(v) : perAtr(v));
  const ema200Ago = context.ema200TwentyBarsAgo;
  return {
    payload: PAYLOAD_VERSION,
    timeframe: c.timeframe ?? null,
    divergence: { type: c.type, direction: c.direction },
    swing: {
      bars_between_pivots: c.pivot2.index - c.pivot1.index,
      bars_since_pivot2: c.knownAt.index - c.pivot2.index,
      pivot_price_change_pct: pct(c.pivot2.price, c.pivot1.price),
      pivot_price_change_atr: perAtr(c.pivot2.price - c.pivot1.price),
      entry_vs_pivot2_pct: pct(c.entry, c.pivot2.price),
      entry_vs_pivot2_atr: perAtr(c.entry - c.pivot2.price),
    },
    oscillators: c.oscillators.map((o) => ({
      name: o.name,
      unit: BOUNDED.has(o.name) ? 'value' : 'atr',
      at_pivot1: osc(o.name, o.value1),
      at_pivot2: osc(o.name, o.value2),
    })),
    confirming_families: [...new Set(c.oscillators.map((o) => OscillatorFamily[o.name]))].sort(),
    trade_plan: {
      atr_pct_of_entry: share(atr, c.entry),
      stop_distance_atr: perAtr(risk),
      stop_distance_pct: share(risk, c.entry),
      tp1_r: inR(c.tp1),
      tp2_r: inR(c.tp2),
      tp1_atr: perAtr(Math.abs(c.tp1 - c.entry)),
      tp2_atr: perAtr(Math.abs(c.tp2 - c.entry)),
    },
    confirm_bar: {
      rsi: round(ind.rsi),
      stoch_k: round(ind.stoch_k),
      stoch_d: round(ind.stoch_d),
      willr: round(ind.willr),
      mfi: round(ind.mfi),
      cci: round(ind.cci),
      adx: round(ind.adx),
      plus_di: round(ind.plus_di),
      minus_di: round(ind.minus_di),
      macd_atr: perAtr(ind.macd),
      macd_signal_atr: perAtr(ind.macd_signal),
      macd_hist_atr: perAtr(ind.macd_hist),
      bb_bandwidth_pct: round(ind.bb_bandwidth * 100),
      close_vs_ema50_atr: perAtr(c.entry - ind.ema50),
      close_vs_ema200_atr: perAtr(c.entry - ind.ema200),
      ema200_slope_20_bars_atr: ema200Ago === null ? null : perAtr(ind.ema200 - ema200Ago),
      volume_vs_sma_at_pivot2: context.volumeRatio === null ? null : round(context.volumeRatio),
    },
    score: round(context.score),
    score_max: 10,
    rules: {
      passed: ruleNames(context, 'pass'),
      skipped: ruleNames(context, 'skip'),
    },
  };
}

// Names only: a verdict's value can be a price level (rule 3's stop, for one).
function ruleNames(context: ReviewRequest['context'], status: 'pass' | 'skip'): string[] {
  return context.verdicts.filter((v) => v.rule !== 1 && v.status === status).map((v) => v.name);
}

/** `x` as a percentage of `base`. */
function share(x: number, base: number): Num {
  return base !== 0 ? round((x / base) * 100) : null;
}

/** The change from `base` to `value`, in %. */
const pct = (value: number, base: number): Num => share(value - base, base);

/** Three decimals; NaN and infinities (undefined indicators) become null. */
function round(x: number): Num {
  if (!Number.isFinite(x)) return null;
  const r = Math.round(x * 1000) / 1000;
  return r === 0 ? 0 : r; // no -0
}
