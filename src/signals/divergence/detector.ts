// SPEC §4: divergence candidates at the confirm bar of each new pivot c2, against the most recent
// earlier pivots of the same kind within DIV_MIN_BARS..DIV_MAX_BARS.
//
// Cost model (issue #5: detection may add at most 30% to the indicator pass): per pivot, O(c2) is
// read once into a typed-array ring (no per-pivot objects); pairs are compared from those cached
// values; the target scans are shared — the entry/ATR/stop once per c2, the "between" extreme
// grown incrementally from c2 back to each c1 (nearest first), the "before" extreme cached per c1;
// and candidates are written into a CandidateBatch, objects being built only for those who ask.
import type { Oscillator } from '../../domain/indicator-values.js';
import type { Pivot } from '../../domain/pivot.js';
import type { BarBuffer } from './bar-buffer.js';
import { BlockExtremes } from './block-extremes.js';
import { CandidateBatch, type RawCandidate } from './candidate-batch.js';
import {
  DIVERGENCE_OSCILLATORS,
  MACD_HIST,
  DIVERGENCE_OSCILLATOR_COUNT as OSC_COUNT,
} from './oscillators.js';
import { PivotRing } from './pivot-ring.js';
import type { DivergenceSettings } from './settings.js';
import { stopFrom, tp1From, tp2From } from './targets.js';

export type { RawCandidate } from './candidate-batch.js';
export { DIVERGENCE_OSCILLATORS } from './oscillators.js';

export class DivergenceDetector {
  /** The candidates of the last `detect` (overwritten by the next one). */
  readonly batch: CandidateBatch;
  private readonly highs: PivotRing;
  private readonly lows: PivotRing;
  /** The buffer's rings, fetched once (BarBuffer never replaces them). */
  private readonly oscRings: readonly Float64Array[];
  private readonly highRing: Float64Array;
  private readonly lowRing: Float64Array;
  private readonly closeRing: Float64Array;
  private readonly atrRing: Float64Array;
  private readonly mask: number;
  private readonly extremes: BlockExtremes;

  constructor(
    private readonly s: DivergenceSettings,
    private readonly buf: BarBuffer,
  ) {
    // Live pivots of one kind have distinct c within maxBars of the new one: ≤ maxBars + 1 of them.
    this.highs = new PivotRing(s.maxBars + 2);
    this.lows = new PivotRing(s.maxBars + 2);
    this.batch = new CandidateBatch(s.maxPivots);
    this.oscRings = DIVERGENCE_OSCILLATORS.map((n) => buf.ring(n));
    this.highRing = buf.ring('high');
    this.lowRing = buf.ring('low');
    this.closeRing = buf.ring('close');
    this.atrRing = buf.ring('atr');
    this.mask = buf.indexMask;
    this.extremes = new BlockExtremes(buf);
  }

  /** Candidates whose second pivot is `p`, ordered by c1. Call once per pivot, in confirm order. */
  onPivot(p: Pivot): RawCandidate[] {
    const n = this.detect(p.kind === 'low', p.index, p.price, p.confirmIndex);
    const out = new Array<RawCandidate>(n);
    for (let k = 0; k < n; k++) out[k] = this.batch.raw(k);
    return out;
  }

  /**
   * `onPivot` without objects: the pivot as numbers (its bar c2, price and confirm bar), the
   * candidates left in `batch`. Returns how many there are.
   */
  detect(lows: boolean, c2: number, price2: number, confirm: number): number {
    const s = this.s;
    const r = lows ? this.lows : this.highs;
    const batch = this.batch;
    batch.reset(lows, c2, confirm);
    // Pivots further back than maxBars can never pair with this or any later pivot.
    while (r.head < r.tail && c2 - r.c[r.head & r.mask]! > s.maxBars) r.head++;
    const slot2 = r.add(c2, price2);
    const osc = r.osc;
    const o2at = slot2 * OSC_COUNT;
    this.readOscillators(c2, lows, osc, o2at);
    // Earlier pivots, newest first: skip those closer than minBars, then take up to maxPivots.
    // Distances grow going back, so the chosen ones are the contiguous run lo..hi.
    let hi = r.tail - 2;
    while (hi >= r.head && c2 - r.c[hi & r.mask]! < s.minBars) hi--;
    const lo = Math.max(r.head, hi - s.maxPivots + 1);
    if (hi < lo) return 0;
    for (let j = 0; j < OSC_COUNT; j++) batch.osc2[j] = osc[o2at + j]!;
    // Shared by every candidate of this c2, computed at the first one.
    let entry = Number.NaN;
    let stop = Number.NaN;
    let risk = Number.NaN;
    let between = lows ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    let scannedFrom = c2; // `between` covers bars scannedFrom..c2−1
    // Nearest c1 first so `between` only grows; the batch fills from the end (SPEC order: c1 asc).
    for (let k = hi; k >= lo; k--) {
      const slot1 = k & r.mask;
      const c1 = r.c[slot1]!;
      const price1 = r.price[slot1]!;
      if (price1 === price2) continue;
      const regular = lows ? price2 < price1 : price2 > price1;
      if (!regular && !s.hidden) continue;
      if (s.lineOfSight && !this.priceLineClear(c1, c2, lows)) continue;
      // Regular bullish and hidden bearish need a rising oscillator, the other two a falling one.
      const rising = lows === regular;
      const o1at = slot1 * OSC_COUNT;
      let confirming = 0;
      for (let j = 0; j < OSC_COUNT; j++) {
        const o1 = osc[o1at + j]!;
        const o2 = osc[o2at + j]!;
        // NaN (undefined) fails both comparisons.
        if (!(rising ? o2 > o1 : o2 < o1)) continue;
        if (s.macdSameSide && j === MACD_HIST && Math.sign(o1) !== Math.sign(o2)) continue;
        if (s.lineOfSight && !this.oscLineClear(this.oscRings[j]!, c1, c2, o1, o2, lows)) continue;
        confirming |= 1 << j;
      }
      if (confirming === 0) continue;
      if (Number.isNaN(risk)) {
        this.extremes.sync();
        this.buf.check(confirm);
        entry = this.closeRing[confirm & this.mask]!;
        const atr = this.atrRing[confirm & this.mask]!;
        stop = stopFrom(lows ? this.lowRing[c2 & this.mask]! : this.highRing[c2 & this.mask]!, atr, lows, s);
        risk = Math.abs(entry - stop);
        batch.entry = entry;
        batch.stop = stop;
        batch.atr = atr;
      }
      if (c1 + 1 < scannedFrom) {
        this.buf.check(c1 + 1);
        between = this.extremes.fold(c1 + 1, scannedFrom - 1, lows, between);
        scannedFrom = c1 + 1;
      }
      let before = r.before[slot1]!;
      if (Number.isNaN(before)) {
        before = this.before(c1, lows);
        r.before[slot1] = before;
      }
      const tp1 = tp1From(between, entry, risk, lows, s);
      const tp2 = tp2From(before, tp1, entry, risk, lows, s);
      batch.unshift(c1, regular, confirming, tp1, tp2, osc, o1at);
    }
    return batch.count;
  }

  /** The opposite extreme of the DIV_MAX_BARS bars before c1: highest high (lows), lowest low. */
  private before(c1: number, lows: boolean): number {
    const from = Math.max(0, c1 - this.s.maxBars);
    const empty = lows ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    if (from > c1 - 1) return empty;
    this.buf.check(from);
    return this.extremes.fold(from, c1 - 1, lows, empty);
  }

  /** O(c) of every oscillator into `out[at..at+6]`. */
  private readOscillators(c: number, lows: boolean, out: Float64Array, at: number): void {
    const w = this.s.window;
    if (c - w < 0) {
      out.fill(Number.NaN, at, at + OSC_COUNT);
      return;
    }
    this.buf.check(c - w); // once: throws if the window has left the ring
    const rings = this.oscRings;
    const mask = this.mask;
    for (let k = 0; k < OSC_COUNT; k++) {
      out[at + k] = lows
        ? windowMin(rings[k]!, c - w, c + w, mask)
        : windowMax(rings[k]!, c - w, c + w, mask);
    }
  }

  /** O(c): min (lows) or max (highs) over c−w..c+w; NaN if any value there is undefined. */
  windowed(name: Oscillator, c: number, lows: boolean): number {
    const w = this.s.window;
    if (c - w < 0) return Number.NaN;
    this.buf.check(c - w);
    const ring = this.buf.ring(name);
    return lows ? windowMin(ring, c - w, c + w, this.mask) : windowMax(ring, c - w, c + w, this.mask);
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
    ring: Float64Array,
    c1: number,
    c2: number,
    o1: number,
    o2: number,
    lows: boolean,
  ): boolean {
    if (c1 + 1 < c2) this.buf.check(c1 + 1);
    for (let k = c1 + 1; k < c2; k++) {
      const v = ring[k & this.mask]!;
      if (Number.isNaN(v)) continue;
      const line = o1 + ((o2 - o1) * (k - c1)) / (c2 - c1);
      if (lows ? v < line : v > line) return false;
    }
    return true;
  }
}

// Separate min and max loops (not one with a `lows ?` per value): this runs 7 times per pivot.
function windowMin(ring: Float64Array, from: number, to: number, mask: number): number {
  let v = Number.POSITIVE_INFINITY;
  for (let k = from; k <= to; k++) {
    const x = ring[k & mask]!;
    if (Number.isNaN(x)) return Number.NaN;
    if (x < v) v = x;
  }
  return v;
}

function windowMax(ring: Float64Array, from: number, to: number, mask: number): number {
  let v = Number.NEGATIVE_INFINITY;
  for (let k = from; k <= to; k++) {
    const x = ring[k & mask]!;
    if (Number.isNaN(x)) return Number.NaN;
    if (x > v) v = x;
  }
  return v;
}
