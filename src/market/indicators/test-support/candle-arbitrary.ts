// fast-check candle sequences built from segments of the awkward cases: random walk, flat runs,
// zero-volume and unknown-volume runs, gaps, tiny and huge magnitudes.
import fc from 'fast-check';
import type { Candle } from '../../../domain/candle.js';

const segment = fc.record({
  kind: fc.constantFrom('walk', 'flat', 'zero-volume', 'null-volume', 'gap'),
  bars: fc.integer({ min: 1, max: 80 }),
  // Price magnitude of the segment: 1e-8 .. 1e9.
  scale: fc.constantFrom(1e-8, 1e-5, 0.01, 1, 100, 1e4, 1e6, 1e9),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
});

/** `times` up to `maxSegments` segments; each segment rescales the walk to its own magnitude. */
export function candleSequence(maxSegments = 12): fc.Arbitrary<Candle[]> {
  return fc.array(segment, { minLength: 1, maxLength: maxSegments }).map((segments) => {
    const candles: Candle[] = [];
    for (const s of segments) {
      let x = s.seed;
      const rnd = () => {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        return x / 2 ** 32;
      };
      let price = s.scale * (0.5 + rnd());
      for (let k = 0; k < s.bars; k++) {
        if (s.kind === 'gap' && k % 10 === 0) price *= rnd() < 0.5 ? 0.2 : 5;
        const flat = s.kind === 'flat';
        const open = price;
        const close = flat ? open : open * (1 + (rnd() - 0.5) * 0.04);
        const high = flat ? open : Math.max(open, close) * (1 + rnd() * 0.01);
        const low = flat ? open : Math.min(open, close) * (1 - rnd() * 0.01);
        const volume =
          s.kind === 'null-volume'
            ? null
            : s.kind === 'zero-volume'
              ? 0
              : rnd() * 10 ** Math.floor(rnd() * 10);
        candles.push({ time: candles.length * 3_600_000, open, high, low, close, volume });
        price = close;
      }
    }
    return candles;
  });
}
