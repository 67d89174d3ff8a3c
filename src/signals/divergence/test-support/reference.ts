// A deliberately plain brute-force reading of SPEC §4, kept only for the differential tests: no
// incremental state, no cleverness, O(n²) is fine. If the engine and this disagree, one of them
// misreads the SPEC.
import type { Candle } from '../../../domain/candle.js';
import type { Oscillator } from '../../../domain/indicator-values.js';

export const REFERENCE_OSCILLATORS: readonly Oscillator[] = [
  'rsi',
  'macd_hist',
  'macd',
  'stoch_k',
  'mfi',
  'cci',
  'willr',
];

export interface ReferenceSettings {
  readonly left: number;
  readonly right: number;
  readonly minBars: number;
  readonly maxBars: number;
  readonly maxPivots: number;
  readonly window: number;
  readonly hidden: boolean;
  readonly lineOfSight: boolean;
  readonly macdSameSide: boolean;
  readonly stopAtrBuffer: number;
  readonly tp1MinR: number;
  readonly tp2R: number;
}

export interface ReferenceCandidate {
  type: string;
  c1: number;
  c2: number;
  known_at: number;
  oscillators: Array<{ name: string; value1: number; value2: number }>;
  entry: number;
  stop: number;
  tp1: number;
  tp2: number;
  atr: number;
}

/** NaN = not defined. */
export type Series = ArrayLike<number>;

export function referencePivots(candles: readonly Candle[], left: number, right: number) {
  const out: Array<{ kind: 'high' | 'low'; c: number }> = [];
  for (let c = left; c + right < candles.length; c++) {
    let high = true;
    let low = true;
    for (let j = 1; j <= left; j++) {
      if (!(candles[c - j]!.high <= candles[c]!.high)) high = false;
      if (!(candles[c - j]!.low >= candles[c]!.low)) low = false;
    }
    for (let j = 1; j <= right; j++) {
      if (!(candles[c + j]!.high < candles[c]!.high)) high = false;
      if (!(candles[c + j]!.low > candles[c]!.low)) low = false;
    }
    if (high) out.push({ kind: 'high', c });
    if (low) out.push({ kind: 'low', c });
  }
  return out;
}

function windowed(series: Series, c: number, w: number, kind: 'high' | 'low'): number {
  let v = kind === 'low' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  for (let k = c - w; k <= c + w; k++) {
    if (k < 0 || k >= series.length) return Number.NaN;
    const x = series[k]!;
    if (Number.isNaN(x)) return Number.NaN;
    v = kind === 'low' ? Math.min(v, x) : Math.max(v, x);
  }
  return v;
}

export function referenceCandidates(
  candles: readonly Candle[],
  osc: Readonly<Record<Oscillator, Series>>,
  atr: Series,
  s: ReferenceSettings,
): ReferenceCandidate[] {
  const pivots = referencePivots(candles, s.left, s.right);
  const out: ReferenceCandidate[] = [];
  for (const p2 of pivots) {
    const c2 = p2.c;
    const earlier = pivots
      .filter((p1) => p1.kind === p2.kind && c2 - p1.c >= s.minBars && c2 - p1.c <= s.maxBars)
      .sort((a, b) => b.c - a.c)
      .slice(0, s.maxPivots)
      .sort((a, b) => a.c - b.c);
    for (const p1 of earlier) {
      const c1 = p1.c;
      const lows = p2.kind === 'low';
      const price1 = lows ? candles[c1]!.low : candles[c1]!.high;
      const price2 = lows ? candles[c2]!.low : candles[c2]!.high;
      if (price1 === price2) continue;
      const type = lows
        ? price2 < price1
          ? 'regular_bullish'
          : 'hidden_bullish'
        : price2 > price1
          ? 'regular_bearish'
          : 'hidden_bearish';
      if (type.startsWith('hidden') && !s.hidden) continue;
      if (s.lineOfSight && !priceLineClear(candles, c1, c2, lows)) continue;
      const confirming: ReferenceCandidate['oscillators'] = [];
      for (const name of REFERENCE_OSCILLATORS) {
        const o1 = windowed(osc[name], c1, s.window, p2.kind);
        const o2 = windowed(osc[name], c2, s.window, p2.kind);
        if (Number.isNaN(o1) || Number.isNaN(o2)) continue;
        const ok = type === 'regular_bullish' || type === 'hidden_bearish' ? o2 > o1 : o2 < o1;
        if (!ok) continue;
        if (s.macdSameSide && name === 'macd_hist' && Math.sign(o1) !== Math.sign(o2)) continue;
        if (s.lineOfSight && !oscLineClear(osc[name], c1, c2, o1, o2, lows)) continue;
        confirming.push({ name, value1: o1, value2: o2 });
      }
      if (confirming.length === 0) continue;
      out.push({
        type,
        c1,
        c2,
        known_at: c2 + s.right,
        oscillators: confirming,
        ...targets(candles, atr, c1, c2, c2 + s.right, lows, s),
      });
    }
  }
  // By confirm bar, then c1; a bar that confirms a high and a low lists the bearish one first.
  return out.sort((a, b) => a.known_at - b.known_at || a.c1 - b.c1 || (a.type.endsWith('bearish') ? -1 : 1));
}

function priceLineClear(candles: readonly Candle[], c1: number, c2: number, lows: boolean): boolean {
  const y1 = lows ? candles[c1]!.low : candles[c1]!.high;
  const y2 = lows ? candles[c2]!.low : candles[c2]!.high;
  for (let k = c1 + 1; k < c2; k++) {
    const line = y1 + ((y2 - y1) * (k - c1)) / (c2 - c1);
    const close = candles[k]!.close;
    if (lows ? close < line : close > line) return false;
  }
  return true;
}

function oscLineClear(
  series: Series,
  c1: number,
  c2: number,
  o1: number,
  o2: number,
  lows: boolean,
): boolean {
  for (let k = c1 + 1; k < c2; k++) {
    const line = o1 + ((o2 - o1) * (k - c1)) / (c2 - c1);
    const v = series[k]!;
    if (Number.isNaN(v)) continue;
    if (lows ? v < line : v > line) return false;
  }
  return true;
}

function targets(
  candles: readonly Candle[],
  atrSeries: Series,
  c1: number,
  c2: number,
  confirm: number,
  lows: boolean,
  s: ReferenceSettings,
) {
  const entry = candles[confirm]!.close;
  const atr = atrSeries[confirm]!;
  const stop = lows ? candles[c2]!.low - s.stopAtrBuffer * atr : candles[c2]!.high + s.stopAtrBuffer * atr;
  const risk = Math.abs(entry - stop);
  const dir = lows ? 1 : -1;
  let between = lows ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  for (let k = c1 + 1; k < c2; k++) {
    between = lows ? Math.max(between, candles[k]!.high) : Math.min(between, candles[k]!.low);
  }
  const tp1 = (between - entry) * dir >= s.tp1MinR * risk ? between : entry + dir * s.tp1MinR * risk;
  let before = lows ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  for (let k = Math.max(0, c1 - s.maxBars); k < c1; k++) {
    before = lows ? Math.max(before, candles[k]!.high) : Math.min(before, candles[k]!.low);
  }
  const tp2 = Number.isFinite(before) && (before - tp1) * dir > 0 ? before : entry + dir * s.tp2R * risk;
  return { entry, stop, tp1, tp2, atr };
}
