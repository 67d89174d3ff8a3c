import type { Candle } from '../../domain/candle.js';
import { type BarRange, barRange, type SessionInstrument } from './bar-range.js';

/** A 4h candle built from 1h bars. `time` is its open (the range start), as for every candle. */
export interface Candle4h extends Candle {
  /** When the bar is complete and may be seen (SPEC §8): `time + 4h` for a regular bar. */
  readonly closeTime: number;
  /** How many 1h bars it aggregates. */
  readonly barCount: number;
}

export interface Resample4hOptions {
  /** Gives session edges (stub merging) and, for stocks, session-anchored groups. */
  readonly instrument?: SessionInstrument;
}

/**
 * 1h → 4h, incrementally (SPEC §3). Feed closed 1h bars in time order; a 4h bar is returned when
 * a bar of a later range arrives, or by `flush(now)` once `now` reaches its `closeTime` (so a
 * missing last hour does not hold it back). Aggregation: first open, max high, min low, last
 * close, summed volume — null if any bar's volume is unknown (a partial sum would pass for a
 * real one) — and the last bar's spread.
 *
 * Stubs: the range of each 4h bar is fixed when its first 1h bar arrives (`barRange`). A Friday
 * stub known from the schedule extends the range of the bar before it, so that bar is simply held
 * until the stub bucket's end (16:00 → 24:00), exactly as the batch builds it; a Sunday stub's
 * bar runs on to the end of the next bucket. Without an instrument, Friday stubs stay apart.
 */
export class Resampler4h {
  readonly #instrument: SessionInstrument | undefined;
  #range: BarRange | undefined;
  #open = 0;
  #high = 0;
  #low = 0;
  #close = 0;
  #volume: number | null = null;
  #spread: number | undefined;
  #count = 0;
  #lastTime: number | undefined;
  #closedUntil = Number.NEGATIVE_INFINITY;
  #lateBars = 0;

  constructor(options: Resample4hOptions = {}) {
    this.#instrument = options.instrument;
  }

  /** 1h bars dropped because their 4h bar had already been flushed (see `flush`). */
  get lateBars(): number {
    return this.#lateBars;
  }

  /** The range of the 4h bar being built, if any. */
  get pending(): BarRange | undefined {
    return this.#range;
  }

  /** Adds a closed 1h bar (times strictly increasing); returns the 4h bar it completed, if any. */
  update(bar: Candle): Candle4h | undefined {
    if (this.#lastTime !== undefined && bar.time <= this.#lastTime) {
      throw new RangeError(
        `resampler: 1h bar ${new Date(bar.time).toISOString()} is not after the previous one`,
      );
    }
    const previousTime = this.#lastTime;
    this.#lastTime = bar.time;
    const done = this.#range !== undefined && bar.time >= this.#range.end ? this.#emit() : undefined;
    if (bar.time < this.#closedUntil) {
      this.#lateBars++;
      return done;
    }
    if (this.#range === undefined) this.#start(bar, barRange(bar.time, previousTime, this.#instrument));
    else this.#add(bar);
    return done;
  }

  /**
   * Clock-driven close: returns the pending 4h bar if `now` ≥ its `closeTime`. Call it only after
   * every 1h bar that closed by `now` has been fed: a bar for an already flushed 4h bar is late,
   * dropped from the 4h series and counted in `lateBars`.
   */
  flush(now: number): Candle4h | undefined {
    return this.#range !== undefined && now >= this.#range.end ? this.#emit() : undefined;
  }

  #start(bar: Candle, range: BarRange): void {
    this.#range = range;
    this.#open = bar.open;
    this.#high = bar.high;
    this.#low = bar.low;
    this.#close = bar.close;
    this.#volume = bar.volume;
    this.#spread = bar.spread;
    this.#count = 1;
  }

  #add(bar: Candle): void {
    if (bar.high > this.#high) this.#high = bar.high;
    if (bar.low < this.#low) this.#low = bar.low;
    this.#close = bar.close;
    this.#volume = this.#volume === null || bar.volume === null ? null : this.#volume + bar.volume;
    this.#spread = bar.spread;
    this.#count++;
  }

  #emit(): Candle4h {
    const range = this.#range!;
    this.#range = undefined;
    this.#closedUntil = range.end;
    const candle = {
      time: range.start,
      open: this.#open,
      high: this.#high,
      low: this.#low,
      close: this.#close,
      volume: this.#volume,
      closeTime: range.end,
      barCount: this.#count,
    };
    return this.#spread === undefined ? candle : { ...candle, spread: this.#spread };
  }
}

/** The whole series at once: the incremental resampler, flushed at the end (a last, partial bar included). */
export function resample4h(candles: readonly Candle[], options: Resample4hOptions = {}): Candle4h[] {
  const resampler = new Resampler4h(options);
  const out: Candle4h[] = [];
  for (const candle of candles) {
    const done = resampler.update(candle);
    if (done !== undefined) out.push(done);
  }
  const last = resampler.flush(Number.POSITIVE_INFINITY);
  if (last !== undefined) out.push(last);
  return out;
}
