import { describe, expect, it } from 'vitest';
import { isEngulfing, isPinBar, isReversalBar } from './candle-patterns.js';

describe('candle patterns (rule 14)', () => {
  it('bullish and bearish engulfing', () => {
    expect(
      isEngulfing(
        { open: 10, high: 10.2, low: 9, close: 9.2 },
        { open: 9.1, high: 10.6, low: 9, close: 10.5 },
        'long',
      ),
    ).toBe(true);
    expect(
      isEngulfing(
        { open: 9.2, high: 10.2, low: 9, close: 10 },
        { open: 10.1, high: 10.2, low: 8.9, close: 9 },
        'short',
      ),
    ).toBe(true);
    // Same colour, or a smaller body, is not engulfing.
    expect(
      isEngulfing({ open: 9, high: 10, low: 9, close: 10 }, { open: 9, high: 11, low: 9, close: 11 }, 'long'),
    ).toBe(false);
    expect(
      isEngulfing(
        { open: 10, high: 10, low: 9, close: 9 },
        { open: 9.1, high: 9.9, low: 9, close: 9.8 },
        'long',
      ),
    ).toBe(false);
  });

  it('hammer and shooting star', () => {
    expect(isPinBar({ open: 10, high: 10.1, low: 8, close: 10.05 }, 'long')).toBe(true);
    expect(isPinBar({ open: 10, high: 12, low: 9.95, close: 9.98 }, 'short')).toBe(true);
    expect(isPinBar({ open: 10, high: 10.1, low: 8, close: 10.05 }, 'short')).toBe(false);
    expect(isPinBar({ open: 10, high: 10, low: 10, close: 10 }, 'long')).toBe(false);
  });

  it('a reversal bar is either', () => {
    expect(isReversalBar(undefined, { open: 10, high: 10.1, low: 8, close: 10.05 }, 'long')).toBe(true);
    expect(isReversalBar(undefined, { open: 9, high: 11, low: 8.9, close: 10.9 }, 'long')).toBe(false);
  });
});
