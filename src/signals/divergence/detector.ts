// SPEC §4: divergence candidates at the confirm bar of each new pivot c2, against the most recent
// earlier pivots of the same kind within DIV_MIN_BARS..DIV_MAX_BARS.
import type { DivergenceType, OscillatorReading } from '../../domain/divergence.js';
import type { Oscillator } from '../../domain/indicator-values.js';
import type { Pivot } from '../../domain/pivot.js';
import type { BarBuffer } from './bar-buffer.js';
import type { DivergenceSettings } from './settings.js';
import { computeTargets, type Targets } from './targets.js';

/** SPEC §4's oscillator list, in the order candidates list them (RSI first: index 0). */
export const DIVERGENCE_OSCILLATORS: readonly Oscillator[] = [
  'rsi',
  'macd_hist',
  'macd',
  'stoch_k',
  'mfi',
  'cci',
  'willr',
];

export interface RawCandidate extends Targets {
  readonly type: DivergenceType;
  readonly c1: number;
  readonly c2: number;
  readonly confirm: number;
  readonly oscillators: readonly OscillatorReading[];
  /** Windowed RSI at c1 and c2 whether or not RSI confirms (rule 11, score). */
  readonly rsi1: number;
  readonly rsi2: number;
}

interface PivotPoint {
  readonly c: number;
  readonly price: number;
  /** O(c) of each oscillator in DIVERGENCE_OSCILLATORS order (NaN = undefined), read once. */
  readonly osc: Float64Array;
}

export class DivergenceDetector {
  private readonly highs: PivotPoint[] = [];
  private readonly lows: PivotPoint[] = [];

  constructor(
    private readonly s: DivergenceSettings,
    private readonly buf: BarBuffer,
  ) {}

  /** Candidates whose second pivot is `p`, ordered by c1. Call once per pivot, in confirm order. */
  onPivot(p: Pivot): RawCandidate[] {
    const lows = p.kind === 'low';
    const list = lows ? this.lows : this.highs;
    // Pivots further back than maxBars can never pair with this or any later pivot.
    while (list.length > 0 && p.index - list[0]!.c > this.s.maxBars) list.shift();
    const point: PivotPoint = { c: p.index, price: p.price, osc: this.readOscillators(p.index, lows) };
    // The maxPivots most recent earlier pivots at least minBars back, then paired in c1 order.
    const chosen: PivotPoint[] = [];
    for (let k = list.length - 1; k >= 0 && chosen.length < this.s.maxPivots; k--) {
      if (p.index - list[k]!.c >= this.s.minBars) chosen.push(list[k]!);
    }
    const out: RawCandidate[] = [];
    for (let k = chosen.length - 1; k >= 0; k--) {
      const c = this.pair(chosen[k]!, point, p.confirmIndex, lows);
      if (c) out.push(c);
    }
    list.push(point);
    return out;
  }

  private pair(p1: PivotPoint, p2: PivotPoint, confirm: number, lows: boolean): RawCandidate | undefined {
    if (p1.price === p2.price) return undefined;
    const type: DivergenceType = lows
      ? p2.price < p1.price
        ? 'regular_bullish'
        : 'hidden_bullish'
      : p2.price > p1.price
        ? 'regular_bearish'
        : 'hidden_bearish';
    if (!this.s.hidden && type.startsWith('hidden')) return undefined;
    const c1 = p1.c;
    const c2 = p2.c;
    if (this.s.lineOfSight && !this.priceLineClear(c1, c2, lows)) return undefined;
    const risingOsc = type === 'regular_bullish' || type === 'hidden_bearish';
    const readings: OscillatorReading[] = [];
    for (let k = 0; k < DIVERGENCE_OSCILLATORS.length; k++) {
      const name = DIVERGENCE_OSCILLATORS[k]!;
      const o1 = p1.osc[k]!;
      const o2 = p2.osc[k]!;
      if (Number.isNaN(o1) || Number.isNaN(o2)) continue;
      if (!(risingOsc ? o2 > o1 : o2 < o1)) continue;
      if (this.s.macdSameSide && name === 'macd_hist' && Math.sign(o1) !== Math.sign(o2)) continue;
      if (this.s.lineOfSight && !this.oscLineClear(name, c1, c2, o1, o2, lows)) continue;
      readings.push({ name, value1: o1, value2: o2 });
    }
    if (readings.length === 0) return undefined;
    const targets = computeTargets(this.buf, c1, c2, confirm, lows, this.s);
    return { type, c1, c2, confirm, oscillators: readings, rsi1: p1.osc[0]!, rsi2: p2.osc[0]!, ...targets };
  }

  private readOscillators(c: number, lows: boolean): Float64Array {
    const out = new Float64Array(DIVERGENCE_OSCILLATORS.length);
    for (let k = 0; k < out.length; k++) out[k] = this.windowed(DIVERGENCE_OSCILLATORS[k]!, c, lows);
    return out;
  }

  /** O(c): min (lows) or max (highs) over c−w..c+w; NaN if any value there is undefined. */
  windowed(name: Oscillator, c: number, lows: boolean): number {
    const w = this.s.window;
    if (c - w < 0) return Number.NaN;
    this.buf.get(name, c - w); // range check once: throws if the window has left the ring
    const ring = this.buf.ring(name);
    const mask = this.buf.indexMask;
    let v = lows ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    for (let k = c - w; k <= c + w; k++) {
      const x = ring[k & mask]!;
      if (Number.isNaN(x)) return Number.NaN;
      if (lows ? x < v : x > v) v = x;
    }
    return v;
  }

  private priceLineClear(c1: number, c2: number, lows: boolean): boolean {
    const y1 = this.buf.get(lows ? 'low' : 'high', c1);
    const y2 = this.buf.get(lows ? 'low' : 'high', c2);
    for (let k = c1 + 1; k < c2; k++) {
      const line = y1 + ((y2 - y1) * (k - c1)) / (c2 - c1);
      const close = this.buf.get('close', k);
      if (lows ? close < line : close > line) return false;
    }
    return true;
  }

  private oscLineClear(
    name: Oscillator,
    c1: number,
    c2: number,
    o1: number,
    o2: number,
    lows: boolean,
  ): boolean {
    for (let k = c1 + 1; k < c2; k++) {
      const v = this.buf.get(name, k);
      if (Number.isNaN(v)) continue;
      const line = o1 + ((o2 - o1) * (k - c1)) / (c2 - c1);
      if (lows ? v < line : v > line) return false;
    }
    return true;
  }
}
