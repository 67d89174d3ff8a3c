// Deterministic synthetic candle series for the edge cases real data rarely has: long flat
// stretches, zero-volume bars and stretches, tiny and huge prices, big gaps.

import type { Candle } from '../../../domain/candle.js';
import { mulberry32 } from '../../../domain/prng.js';

interface Segment {
  readonly bars: number;
  readonly kind: 'walk' | 'flat' | 'zero-volume' | 'gap';
}

const HOUR = 3_600_000;
const round = (x: number) => Number(x.toPrecision(9));

function build(seed: number, start: number, volumeScale: number, segments: readonly Segment[]): Candle[] {
  const rnd = mulberry32(seed);
  const candles: Candle[] = [];
  let price = start;
  for (const segment of segments) {
    for (let k = 0; k < segment.bars; k++) {
      const open = segment.kind === 'gap' && k % 25 === 0 ? round(price * (rnd() < 0.5 ? 0.7 : 1.4)) : price;
      let close = open;
      let high = open;
      let low = open;
      let volume = round(volumeScale * (0.2 + rnd() * 2));
      if (segment.kind === 'flat') volume = rnd() < 0.3 ? 0 : volume;
      else {
        close = round(open * (1 + (rnd() - 0.5) * 0.02));
        high = round(Math.max(open, close) * (1 + rnd() * 0.005));
        low = round(Math.min(open, close) * (1 - rnd() * 0.005));
        if (segment.kind === 'zero-volume' || rnd() < 0.03) volume = 0;
      }
      candles.push({ time: candles.length * HOUR, open, high, low, close, volume });
      price = close;
    }
  }
  return candles;
}

const walk = (bars: number): Segment => ({ bars, kind: 'walk' });
const flat = (bars: number): Segment => ({ bars, kind: 'flat' });

export interface GeneratedSeries {
  readonly name: string;
  readonly candles: Candle[];
}

/** Every series mixes its theme with random walk, so each indicator is warm before and after. */
export function generatedSeries(): GeneratedSeries[] {
  const zeroVolume: Segment = { bars: 60, kind: 'zero-volume' };
  const gaps: Segment = { bars: 300, kind: 'gap' };
  return [
    // Starts flat (every seed is flat); 520 flat bars outlast the decay of RSI's and ADX's averages below 1e-14.
    {
      name: 'flat-stretches',
      candles: build(1, 100, 1000, [flat(60), walk(150), flat(520), walk(120), flat(55), walk(100)]),
    },
    {
      name: 'zero-volume',
      candles: build(2, 50, 500, [
        zeroVolume,
        walk(200),
        zeroVolume,
        walk(100),
        flat(80),
        zeroVolume,
        walk(60),
      ]),
    },
    // Money flows below 1.0 (MFI's threshold) and variances below 1e-14 (Bollinger's).
    {
      name: 'tiny-prices',
      candles: build(3, 1e-5, 6000, [walk(250), flat(60), walk(250), zeroVolume, walk(150)]),
    },
    {
      name: 'huge-prices',
      candles: build(4, 1e6, 1e6, [walk(250), flat(120), walk(250), zeroVolume, walk(100)]),
    },
    { name: 'gaps', candles: build(5, 100, 1000, [walk(100), gaps, flat(50), gaps, walk(60)]) },
  ];
}
