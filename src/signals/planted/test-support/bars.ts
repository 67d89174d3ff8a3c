// Builds 1h candles from a log-price "mid" path. Plant legs are monotone in highs AND lows (so a
// swing point exists only where two legs meet); quiet segments are mean-reverting noise with real
// swings. Closes sit at a random point of each bar's range, which is what gives RSI realistic
// chop: a slow leg's closes zig-zag, a fast leg's closes mostly follow it.
import type { Candle } from '../../../domain/candle.js';
import { gaussian, type Rng, uniform } from '../../../domain/prng.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const BASE_PRICE = 100;

/** `bars` bars whose mid moves by `move` (log units, signed) in total. */
export interface Leg {
  readonly bars: number;
  readonly move: number;
}

export class SeriesBuilder {
  readonly candles: Candle[] = [];
  /** log(price / BASE_PRICE) of the current bar's middle. */
  private mid = 0;
  private prevClose = BASE_PRICE;

  constructor(
    private readonly rng: Rng,
    /** null: the instrument reports no volume (the random draws are still made, so prices match). */
    private readonly baseVolume: number | null,
  ) {}

  get length(): number {
    return this.candles.length;
  }

  /** Appends the legs; returns the index of each leg's last bar (its extreme). */
  legs(legs: readonly Leg[], halfRange: number): number[] {
    // Step weights lie in 0.5..1.5, so every step is at least a third of its leg's mean; wick
    // jitter below the smallest step keeps highs and lows strictly monotone within and across legs.
    const jitter = 0.9 * Math.min(...legs.map((l) => Math.abs(l.move) / (3 * l.bars)));
    const ends: number[] = [];
    for (const leg of legs) {
      const weights = Array.from({ length: leg.bars }, () => 0.5 + this.rng());
      const total = weights.reduce((a, b) => a + b, 0);
      const speed = Math.abs(leg.move) / leg.bars / halfRange;
      // Fast legs close towards their direction and trade more (capitulation volume).
      const bias = Math.sign(leg.move) * Math.min(0.3, 0.2 * speed);
      for (const w of weights) {
        this.mid += (leg.move * w) / total;
        const up = halfRange + jitter * this.rng();
        const down = halfRange + jitter * this.rng();
        this.bar(up, down, bias, 1 + Math.min(2, speed));
      }
      ends.push(this.length - 1);
    }
    return ends;
  }

  /** Mean-reverting noise around the current level: real, small swings. */
  quiet(bars: number, halfRange: number): void {
    const anchor = this.mid;
    for (let i = 0; i < bars; i++) {
      this.mid += 0.15 * (anchor - this.mid) + 0.3 * halfRange * gaussian(this.rng);
      this.wobbly(halfRange);
    }
  }

  /** Constant drift per bar plus Gaussian noise on the mid (noise 0 and drift 0: a flat line). */
  drift(bars: number, drift: number, noise: number, halfRange: number): void {
    for (let i = 0; i < bars; i++) {
      this.mid += drift + noise * gaussian(this.rng);
      this.wobbly(halfRange);
    }
  }

  private wobbly(halfRange: number): void {
    this.bar(halfRange * uniform(this.rng, 0.6, 1.4), halfRange * uniform(this.rng, 0.6, 1.4), 0, 1);
  }

  private bar(up: number, down: number, bias: number, volumeFactor: number): void {
    const high = BASE_PRICE * Math.exp(this.mid + up);
    const low = BASE_PRICE * Math.exp(this.mid - down);
    const u = Math.min(0.98, Math.max(0.02, 0.5 + bias + 0.9 * (this.rng() - 0.5)));
    const close = low + u * (high - low);
    // Open at the previous close unless the bar gapped past it (then at the nearer extreme).
    const open = Math.min(high, Math.max(low, this.prevClose));
    const noise = Math.exp(0.3 * gaussian(this.rng));
    const volume = this.baseVolume === null ? null : Math.round(this.baseVolume * volumeFactor * noise);
    this.candles.push({ time: T0 + this.length * HOUR, open, high, low, close, volume });
    this.prevClose = close;
  }
}
