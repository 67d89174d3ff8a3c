// The candidates of one pivot c2, as parallel typed arrays the detector fills in place: no object
// per candidate or per confirming oscillator unless a consumer asks for one (`raw`, `readings`).
// Overwritten by the next detection: read it (or materialise what you keep) first.
import type { DivergenceType, OscillatorReading } from '../../domain/divergence.js';
import { DIVERGENCE_OSCILLATORS, DIVERGENCE_OSCILLATOR_COUNT as OSC_COUNT } from './oscillators.js';
import type { Targets } from './targets.js';

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

export class CandidateBatch {
  /** Candidates held, k = 0..count−1 in SPEC order (c1 ascending). */
  count = 0;
  /** Shared by every candidate of the batch: the pivot kind, c2, its confirm bar, entry/stop/ATR. */
  lows = false;
  c2 = 0;
  confirm = 0;
  entry = Number.NaN;
  stop = Number.NaN;
  atr = Number.NaN;
  /**
   * The detector's O(c) values (the pivot ring's `osc`, 7 per pivot slot) and the slot of c2: the
   * readings are read from there, not copied (the ring keeps them at least until the next detection).
   */
  private osc: Float64Array = new Float64Array(OSC_COUNT);
  private slot2 = 0;
  // Per candidate, at index `first + k`: the detector finds them nearest c1 first and fills from
  // the end down, so SPEC order needs no reversal.
  private first = 0;
  private readonly capacity: number;
  private readonly c1s: Int32Array;
  /** The pivot ring slot of c1 (its O(c1) values). */
  private readonly slots1: Int32Array;
  /** 1 = regular, 0 = hidden. */
  private readonly regulars: Uint8Array;
  /** Bit j set: DIVERGENCE_OSCILLATORS[j] confirms. */
  private readonly masks: Uint8Array;
  private readonly tp1s: Float64Array;
  private readonly tp2s: Float64Array;

  /** `capacity`: the most candidates one pivot can have (DIV_MAX_PIVOTS). */
  constructor(capacity: number) {
    const n = Math.max(1, capacity);
    this.capacity = n;
    this.c1s = new Int32Array(n);
    this.slots1 = new Int32Array(n);
    this.regulars = new Uint8Array(n);
    this.masks = new Uint8Array(n);
    this.tp1s = new Float64Array(n);
    this.tp2s = new Float64Array(n);
  }

  /** Empties the batch for the candidates of pivot c2, whose O(c2) is at `osc[slot2 * 7..]`. */
  reset(lows: boolean, c2: number, confirm: number, osc: Float64Array, slot2: number): void {
    this.count = 0;
    this.first = this.capacity;
    this.lows = lows;
    this.c2 = c2;
    this.confirm = confirm;
    this.osc = osc;
    this.slot2 = slot2;
    this.entry = Number.NaN;
    this.stop = Number.NaN;
    this.atr = Number.NaN;
  }

  /** Adds a candidate before all held ones (a lower c1); `slot1` is c1's pivot ring slot. */
  unshift(c1: number, slot1: number, regular: boolean, mask: number, tp1: number, tp2: number): void {
    const i = --this.first;
    this.count++;
    this.c1s[i] = c1;
    this.slots1[i] = slot1;
    this.regulars[i] = regular ? 1 : 0;
    this.masks[i] = mask;
    this.tp1s[i] = tp1;
    this.tp2s[i] = tp2;
  }

  c1(k: number): number {
    return this.c1s[this.first + k]!;
  }

  isRegular(k: number): boolean {
    return this.regulars[this.first + k] === 1;
  }

  type(k: number): DivergenceType {
    if (this.lows) return this.isRegular(k) ? 'regular_bullish' : 'hidden_bullish';
    return this.isRegular(k) ? 'regular_bearish' : 'hidden_bearish';
  }

  /** Bit j set: DIVERGENCE_OSCILLATORS[j] confirms candidate k. */
  confirming(k: number): number {
    return this.masks[this.first + k]!;
  }

  tp1(k: number): number {
    return this.tp1s[this.first + k]!;
  }

  tp2(k: number): number {
    return this.tp2s[this.first + k]!;
  }

  /** O(c1) of oscillator j (DIVERGENCE_OSCILLATORS order; j = 0 is RSI). */
  osc1(k: number, j: number): number {
    return this.osc[this.slots1[this.first + k]! * OSC_COUNT + j]!;
  }

  /** O(c2) of oscillator j. */
  osc2(j: number): number {
    return this.osc[this.slot2 * OSC_COUNT + j]!;
  }

  /** The confirming oscillators of candidate k, in DIVERGENCE_OSCILLATORS order. */
  readings(k: number): OscillatorReading[] {
    const mask = this.confirming(k);
    let count = 0;
    for (let v = mask; v; v &= v - 1) count++;
    // An array of the exact size (push from [] would allocate 17 slots, then copy).
    const out = new Array<OscillatorReading>(count);
    for (let j = 0, n = 0; n < count; j++) {
      if ((mask & (1 << j)) === 0) continue;
      out[n++] = { name: DIVERGENCE_OSCILLATORS[j]!, value1: this.osc1(k, j), value2: this.osc2(j) };
    }
    return out;
  }

  /** Candidate k as an object. */
  raw(k: number): RawCandidate {
    return {
      type: this.type(k),
      c1: this.c1(k),
      c2: this.c2,
      confirm: this.confirm,
      oscillators: this.readings(k),
      rsi1: this.osc1(k, 0),
      rsi2: this.osc2(0),
      entry: this.entry,
      stop: this.stop,
      tp1: this.tp1(k),
      tp2: this.tp2(k),
      atr: this.atr,
    };
  }
}
