// SPEC §4: divergence candidates at the confirm bar of each new pivot c2, against the most recent
// earlier pivots of the same kind within DIV_MIN_BARS..DIV_MAX_BARS.
//
// Cost model (issue #5: detection may add at most 30% to the indicator pass): per pivot, O(c2) is
// read once into a typed-array ring (no per-pivot objects); pairs are compared from those cached
// values; the target scans are shared — the entry/ATR/stop once per c2, and one scan per pivot of
// the DIV_MAX_BARS bars before it, whose running extreme is both the "between" extreme of every c1
// and, kept with the pivot, its "before" extreme when it is a c1 later; and candidates are written
// into a CandidateBatch, objects being built only for those who ask.
import type { Oscillator } from '../../domain/indicator-values.js';
import type { Pivot } from '../../domain/pivot.js';
import type { BarBuffer } from './bar-buffer.js';
import { CandidateBatch, type RawCandidate } from './candidate-batch.js';
import { DIVERGENCE_OSCILLATORS, MACD_HIST } from './oscillators.js';
import { PivotRing } from './pivot-ring.js';
import type { DivergenceSettings } from './settings.js';
import { stopFrom, tp1From, tp2From } from './targets.js';

export type { RawCandidate } from './candidate-batch.js';
export { DIVERGENCE_OSCILLATORS } from './oscillators.js';

/** DIVERGENCE_OSCILLATOR_COUNT as a literal: an imported binding is reloaded (and checked) per use. */
const OSC = 7;
if (DIVERGENCE_OSCILLATORS.length !== OSC) throw new Error('OSC must equal the oscillator count');

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
  /**
   * The scan back from the pivot being detected: `scanned` is the opposite extreme of bars
   * scanFrom..c2−1, i.e. "between" for a c1 at scanFrom − 1, and once it reaches
   * max(0, c2 − maxBars) the pivot's own "before" extreme.
   */
  private scanned = Number.NEGATIVE_INFINITY;
  private scanFrom = 0;
  // The settings the hot loops read, as plain fields (read into locals before each loop).
  private readonly minBars: number;
  private readonly maxBars: number;
  private readonly maxPivots: number;
  private readonly window: number;
  // Numbers (1/0), not booleans: V8 tests a boolean it cannot type as any value (false, "", 0,
  // NaN, undetectable, BigInt ...), a dozen instructions each; likewise the `lows === true` below.
  private readonly hidden: number;
  private readonly stopAtrBuffer: number;
  private readonly tp1MinR: number;
  private readonly tp2R: number;
  /** Neither DIV_LINE_OF_SIGHT nor DIV_MACD_SAME_SIDE: the oscillators compare branch-free. */
  private readonly plain: number;

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
    this.minBars = s.minBars;
    this.maxBars = s.maxBars;
    this.maxPivots = s.maxPivots;
    this.window = s.window;
    this.hidden = s.hidden ? 1 : 0;
    this.stopAtrBuffer = s.stopAtrBuffer;
    this.tp1MinR = s.tp1MinR;
    this.tp2R = s.tp2R;
    this.plain = !s.lineOfSight && !s.macdSameSide ? 1 : 0;
  }

  /** Candidates whose second pivot is `p`, ordered by c1. Call once per pivot, in confirm order. */
  onPivot(p: Pivot): RawCandidate[] {
    const n = this.detect(p.kind === 'low', p.index, p.confirmIndex);
    const out = new Array<RawCandidate>(n);
    for (let k = 0; k < n; k++) out[k] = this.batch.raw(k);
    return out;
  }

  /**
   * `onPivot` without objects: the pivot as numbers (its kind, bar c2 and confirm bar; its price is
   * the buffer's low or high of c2), the candidates left in `batch`. Returns how many there are.
   *
   * Written for V8's optimizer: bar indices stay small integers (Int32Array rings), invariants are
   * read into locals before loops (TurboFan reloads and rechecks fields inside them), and helpers
   * leave doubles in typed arrays or fields instead of returning them (a double crossing a call
   * that is not inlined is boxed).
   */
  detect(kind: boolean, c2: number, confirm: number): number {
    const lows = kind === true; // typed as a boolean: each test is then one compare
    const r = lows ? this.lows : this.highs;
    const rc = r.c;
    const rmask = r.mask;
    this.buf.check(c2);
    const price2 = (lows ? this.lowRing : this.highRing)[c2 & this.mask]!;
    // Pivots further back than maxBars can never pair with this or any later pivot.
    const maxBars = this.maxBars;
    while (r.head < r.tail && c2 - rc[r.head & rmask]! > maxBars) r.head++;
    const slot2 = r.add(c2, price2);
    const from = Math.max(0, c2 - maxBars);
    if (from < c2) this.buf.check(from); // the lowest bar the scan reads
    this.scanned = lows ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    this.scanFrom = c2;
    this.batch.reset(lows, c2, confirm, r.osc, slot2);
    this.readOscillators(c2, lows, r.osc, slot2 * OSC);
    // Earlier pivots, newest first: skip those closer than minBars, then take up to maxPivots.
    // Distances grow going back, so the chosen ones are the contiguous run lo..hi.
    const head = r.head;
    const minBars = this.minBars;
    let hi = r.tail - 2;
    while (hi >= head && c2 - rc[hi & rmask]! < minBars) hi--;
    const lo = Math.max(head, hi - this.maxPivots + 1);
    if (hi >= lo) this.pairs(r, lows, c2, slot2, confirm, lo, hi);
    this.scanTo(lows, from);
    r.before[slot2] = this.scanned;
    return this.batch.count;
  }

  /** The candidates of c2 (in ring `r` at `slot2`) with its earlier pivots lo..hi. */
  private pairs(
    r: PivotRing,
    kind: boolean,
    c2: number,
    slot2: number,
    confirm: number,
    lo: number,
    hi: number,
  ): void {
    const lows = kind === true;
    const { c: rc, price: rprice, before, osc, mask: rmask } = r;
    const price2 = rprice[slot2]!;
    const o2at = slot2 * OSC;
    const { batch, s, hidden, plain, tp1MinR, tp2R } = this;
    let entry = Number.NaN; // entry, stop and risk: shared by every candidate of c2, set at the first
    let risk = Number.NaN;
    // Nearest c1 first: the batch fills from the end (SPEC order: c1 ascending).
    for (let k = hi; k >= lo; k--) {
      const slot1 = k & rmask;
      const c1 = rc[slot1]!;
      const price1 = rprice[slot1]!;
      if (price1 === price2) continue;
      const regular = lows ? price2 < price1 : price2 > price1;
      if (!regular && hidden === 0) continue;
      // Regular bullish and hidden bearish need a rising oscillator, the other two a falling one.
      const rising = lows === regular;
      let confirming: number;
      if (plain === 1) {
        // One call site (inlined once): from the lower to the higher reading.
        confirming = risingMask(osc, rising ? slot1 * OSC : o2at, rising ? o2at : slot1 * OSC);
      } else {
        if (s.lineOfSight && !this.priceLineClear(c1, c2, lows)) continue;
        confirming = this.confirmingWithOptions(osc, slot1 * OSC, o2at, rising, c1, c2, lows);
      }
      if (confirming === 0) continue;
      if (Number.isNaN(risk)) {
        this.shareTargets(lows, c2, confirm);
        entry = batch.entry;
        risk = Math.abs(entry - batch.stop);
      }
      this.scanTo(lows, c1 + 1);
      const tp1 = tp1From(this.scanned, entry, risk, lows, tp1MinR);
      const tp2 = tp2From(before[slot1]!, tp1, entry, risk, lows, tp2R);
      batch.unshift(c1, slot1, regular, confirming, tp1, tp2);
    }
  }

  /** `confirming` with DIV_MACD_SAME_SIDE and DIV_LINE_OF_SIGHT applied. */
  private confirmingWithOptions(
    osc: Float64Array,
    o1at: number,
    o2at: number,
    rising: boolean,
    c1: number,
    c2: number,
    lows: boolean,
  ): number {
    const s = this.s;
    let mask = 0;
    for (let j = 0; j < OSC; j++) {
      const o1 = osc[o1at + j]!;
      const o2 = osc[o2at + j]!;
      // NaN (undefined) fails both comparisons.
      if (!(rising ? o2 > o1 : o2 < o1)) continue;
      if (s.macdSameSide && j === MACD_HIST && Math.sign(o1) !== Math.sign(o2)) continue;
      if (s.lineOfSight && !this.oscLineClear(this.oscRings[j]!, c1, c2, o1, o2, lows)) continue;
      mask |= 1 << j;
    }
    return mask;
  }

  /** The batch's entry (confirm close), ATR and stop (beyond the c2 extreme). */
  private shareTargets(kind: boolean, c2: number, confirm: number): void {
    const lows = kind === true;
    const batch = this.batch;
    const mask = this.mask;
    this.buf.check(confirm);
    batch.entry = this.closeRing[confirm & mask]!;
    batch.atr = this.atrRing[confirm & mask]!;
    const extreme = lows ? this.lowRing[c2 & mask]! : this.highRing[c2 & mask]!;
    batch.stop = stopFrom(extreme, batch.atr, lows, this.stopAtrBuffer);
  }

  /**
   * Extends the scan back to bar `to`. On ties the earlier bar wins (`>=` going back), as in a scan
   * forward from the range's start (`computeTargets`). No store in the loop: TurboFan reloads and
   * rechecks the rings after each typed-array store. A running extreme over a walk changes at few
   * bars, so its branch is mostly predicted.
   */
  private scanTo(kind: boolean, to: number): void {
    const lows = kind === true;
    let k = this.scanFrom - 1;
    if (k < to) return;
    let x = this.scanned;
    const mask = this.mask;
    // Four bars a turn: TurboFan rechecks the ring's map and reloads its base and length after
    // every loop back-edge (the stack check), not between the reads of one turn.
    if (lows) {
      const ring = this.highRing;
      for (; k - 3 >= to; k -= 4) {
        const a = ring[k & mask]!;
        const b = ring[(k - 1) & mask]!;
        const c = ring[(k - 2) & mask]!;
        const d = ring[(k - 3) & mask]!;
        if (a >= x) x = a;
        if (b >= x) x = b;
        if (c >= x) x = c;
        if (d >= x) x = d;
      }
      for (; k >= to; k--) {
        const v = ring[k & mask]!;
        if (v >= x) x = v;
      }
    } else {
      const ring = this.lowRing;
      for (; k - 3 >= to; k -= 4) {
        const a = ring[k & mask]!;
        const b = ring[(k - 1) & mask]!;
        const c = ring[(k - 2) & mask]!;
        const d = ring[(k - 3) & mask]!;
        if (a <= x) x = a;
        if (b <= x) x = b;
        if (c <= x) x = c;
        if (d <= x) x = d;
      }
      for (; k >= to; k--) {
        const v = ring[k & mask]!;
        if (v <= x) x = v;
      }
    }
    this.scanned = x;
    this.scanFrom = to;
  }

  /** O(c) of every oscillator into `out[at..at+6]`: min (lows) or max over c−w..c+w, NaN if any is. */
  private readOscillators(c: number, lows: boolean, out: Float64Array, at: number): void {
    const w = this.window;
    if (c - w < 0) {
      out.fill(Number.NaN, at, at + OSC);
      return;
    }
    this.buf.check(c - w); // once: throws if the window has left the ring
    const rings = this.oscRings;
    const mask = this.mask;
    if (w === 2) {
      // The default window, written out: five reads per oscillator and no loop, a third of the
      // instructions of the loop below (which reloads and rechecks the ring every iteration).
      const k0 = (c - 2) & mask;
      const k1 = (c - 1) & mask;
      const k2 = c & mask;
      const k3 = (c + 1) & mask;
      const k4 = (c + 2) & mask;
      if (lows === true) {
        for (let j = 0; j < OSC; j++) {
          const ring = rings[j]!;
          out[at + j] = min5(ring[k0]!, ring[k1]!, ring[k2]!, ring[k3]!, ring[k4]!);
        }
      } else {
        for (let j = 0; j < OSC; j++) {
          const ring = rings[j]!;
          out[at + j] = max5(ring[k0]!, ring[k1]!, ring[k2]!, ring[k3]!, ring[k4]!);
        }
      }
      return;
    }
    const from = c - w;
    const to = c + w;
    // Separate min and max loops, no call per oscillator: this runs for every pivot.
    for (let j = 0; j < OSC; j++) {
      const ring = rings[j]!;
      let v = lows ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
      if (lows) {
        for (let k = from; k <= to; k++) {
          const x = ring[k & mask]!;
          if (x < v) v = x;
          else if (Number.isNaN(x)) v = x;
        }
      } else {
        for (let k = from; k <= to; k++) {
          const x = ring[k & mask]!;
          if (x > v) v = x;
          else if (Number.isNaN(x)) v = x;
        }
      }
      out[at + j] = v;
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

/**
 * Two slots for branch-free selects: `pick[0] = a; pick[1] = b; x = pick[+cond]` is exact and has
 * no jump. The O(c) extremes are coin flips (which of five bars is lowest), and V8 compiles both
 * `if` and Math.min to jumps: four mispredicted a pivot per oscillator cost more than the stores.
 */
const pick = new Float64Array(2);

/**
 * The loop of `readOscillators` over five values: NaN if any is, else the extreme, the first of
 * equal ones (which only tells 0 from −0).
 */
function min5(a: number, b: number, c: number, d: number, e: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(c) || Number.isNaN(d) || Number.isNaN(e)) {
    return Number.NaN;
  }
  const p = pick;
  p[0] = a;
  p[1] = b;
  let v = p[+(b < a)]!;
  p[0] = v;
  p[1] = c;
  v = p[+(c < v)]!;
  p[0] = v;
  p[1] = d;
  v = p[+(d < v)]!;
  p[0] = v;
  p[1] = e;
  return p[+(e < v)]!;
}

function max5(a: number, b: number, c: number, d: number, e: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(c) || Number.isNaN(d) || Number.isNaN(e)) {
    return Number.NaN;
  }
  const p = pick;
  p[0] = a;
  p[1] = b;
  let v = p[+(b > a)]!;
  p[0] = v;
  p[1] = c;
  v = p[+(c > v)]!;
  p[0] = v;
  p[1] = d;
  v = p[+(d > v)]!;
  p[0] = v;
  p[1] = e;
  return p[+(e > v)]!;
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

/**
 * Bit j set: oscillator j rose from `osc[from + j]` to `osc[to + j]` (NaN never does). Branch-free
 * (`+(a < b)` is a 0/1 without a jump): each comparison is a coin flip on real data, and seven
 * mispredicted jumps per pair cost more than the whole comparison.
 */
function risingMask(osc: Float64Array, from: number, to: number): number {
  return (
    +(osc[to]! > osc[from]!) |
    (+(osc[to + 1]! > osc[from + 1]!) << 1) |
    (+(osc[to + 2]! > osc[from + 2]!) << 2) |
    (+(osc[to + 3]! > osc[from + 3]!) << 3) |
    (+(osc[to + 4]! > osc[from + 4]!) << 4) |
    (+(osc[to + 5]! > osc[from + 5]!) << 5) |
    (+(osc[to + 6]! > osc[from + 6]!) << 6)
  );
}
