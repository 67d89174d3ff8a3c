import { describe, expect, it } from 'vitest';
import type { EvaluatedCandidate } from '../domain/divergence.js';
import type { SymbolId } from '../domain/ids.js';
import { SetupBook } from './setup-book.js';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 8);

function signal(
  over: Partial<Omit<EvaluatedCandidate, 'knownAt'>> & {
    tf: '1h' | '4h';
    c2Time: number;
    knownTime?: number;
  },
): EvaluatedCandidate {
  const { tf, c2Time, knownTime, ...rest } = over;
  return {
    symbol: 'BTC/USDT' as SymbolId,
    timeframe: tf,
    type: 'regular_bullish',
    direction: 'long',
    oscillators: [],
    pivot1: { index: 0, time: c2Time - 20 * H, price: 100 },
    pivot2: { index: 20, time: c2Time, price: 95 },
    knownAt: { index: 25, time: knownTime ?? c2Time + 5 * H },
    entry: 100,
    stop: 94,
    tp1: 110,
    tp2: 120,
    atr: 2,
    score: 7,
    confidence: null,
    verdicts: [],
    rejectedBy: null,
    accepted: true,
    ...rest,
  };
}

describe('SetupBook (SPEC §8)', () => {
  it('a 1h signal in the same direction triggers a live setup; it is tradable at the trigger', () => {
    const book = new SetupBook({ ttlBars: 6 });
    const setup = book.addSetup(signal({ tf: '4h', c2Time: T0 }), T0 + 16 * H);
    const s1h = signal({ tf: '1h', c2Time: T0 + 12 * H });
    const trigger = book.on1hSignal(s1h, T0 + 17 * H);
    expect(trigger?.setup).toBe(setup);
    expect(trigger?.at).toBe(T0 + 17 * H);
    expect(setup.status).toBe('triggered');
    expect(book.conversion()).toMatchObject({ setups: 1, triggered: 1, rate: 1 });
  });

  it('no trigger on the wrong direction, another symbol, or a 1h pivot older than the setup pivot', () => {
    const book = new SetupBook({ ttlBars: 6 });
    book.addSetup(signal({ tf: '4h', c2Time: T0 }), T0 + 16 * H);
    expect(
      book.on1hSignal(
        signal({ tf: '1h', c2Time: T0 + 12 * H, direction: 'short', type: 'regular_bearish' }),
        T0 + 17 * H,
      ),
    ).toBeUndefined();
    expect(
      book.on1hSignal(signal({ tf: '1h', c2Time: T0 + 12 * H, symbol: 'ETH/USDT' as SymbolId }), T0 + 17 * H),
    ).toBeUndefined();
    expect(book.on1hSignal(signal({ tf: '1h', c2Time: T0 - H }), T0 + 17 * H)).toBeUndefined();
    expect(book.liveSetups().map((s) => s.status)).toEqual(['live']);
  });

  it('expires after SETUP_TTL_BARS 4h bars closed after it became visible', () => {
    const book = new SetupBook({ ttlBars: 6 });
    const setup = book.addSetup(signal({ tf: '4h', c2Time: T0 }), T0 + 16 * H);
    expect(book.on4hClose('BTC/USDT', T0 + 16 * H)).toEqual([]); // the bar it became visible at
    for (let k = 1; k <= 5; k++) expect(book.on4hClose('BTC/USDT', T0 + (16 + 4 * k) * H)).toEqual([]);
    expect(book.on4hClose('BTC/USDT', T0 + (16 + 24) * H)).toEqual([setup]);
    expect(setup.status).toBe('expired');
    expect(book.on1hSignal(signal({ tf: '1h', c2Time: T0 + 12 * H }), T0 + 41 * H)).toBeUndefined();
  });

  it('a close beyond the stop invalidates it early', () => {
    const book = new SetupBook({ ttlBars: 6 });
    const setup = book.addSetup(signal({ tf: '4h', c2Time: T0 }), T0 + 16 * H);
    expect(book.on1hClose('BTC/USDT', T0 + 17 * H, 94.5).invalidated).toEqual([]);
    expect(book.on1hClose('BTC/USDT', T0 + 18 * H, 93.9).invalidated).toEqual([setup]);
    expect(book.conversion()).toMatchObject({ setups: 1, triggered: 0, invalidated: 1, rate: 0 });
  });

  it('a 1h signal known before the setup triggers it later while the close is within 0.5 ATR of its entry', () => {
    const book = new SetupBook({ ttlBars: 6 });
    const early = signal({ tf: '1h', c2Time: T0 + 2 * H, knownTime: T0 + 7 * H });
    expect(book.on1hSignal(early, T0 + 7 * H), 'no setup yet: journaled, waits').toBeUndefined();
    const setup = book.addSetup(signal({ tf: '4h', c2Time: T0 }), T0 + 16 * H);
    // entry 100, ATR 2: within 1.0 of 100 triggers.
    expect(book.on1hClose('BTC/USDT', T0 + 16 * H, 101.2).triggers).toEqual([]);
    const { triggers } = book.on1hClose('BTC/USDT', T0 + 17 * H, 100.9);
    expect(triggers).toHaveLength(1);
    expect(triggers[0]).toMatchObject({ setup, signal: early, at: T0 + 17 * H });
  });

  it('a waiting 1h signal is forgotten after the pending window', () => {
    const book = new SetupBook({ ttlBars: 6, pendingMs: 10 * H });
    book.on1hSignal(signal({ tf: '1h', c2Time: T0, knownTime: T0 + 5 * H }), T0 + 5 * H);
    book.addSetup(signal({ tf: '4h', c2Time: T0 - 4 * H }), T0 + 20 * H);
    expect(book.on1hClose('BTC/USDT', T0 + 20 * H, 100).triggers).toEqual([]);
  });

  it('keeps counts of resolved setups, not the setups: only live ones stay held', () => {
    const book = new SetupBook({ ttlBars: 1 });
    const triggered = book.addSetup(signal({ tf: '4h', c2Time: T0 }), T0 + 16 * H);
    book.on1hSignal(signal({ tf: '1h', c2Time: T0 + 12 * H }), T0 + 17 * H);
    book.addSetup(signal({ tf: '4h', c2Time: T0, stop: 99 }), T0 + 16 * H);
    book.on1hClose('BTC/USDT', T0 + 18 * H, 98.5); // invalidates the second
    book.addSetup(signal({ tf: '4h', c2Time: T0 + 4 * H }), T0 + 20 * H);
    book.on4hClose('BTC/USDT', T0 + 24 * H); // expires the third (TTL 1 bar)
    const live = book.addSetup(signal({ tf: '4h', c2Time: T0 + 8 * H }), T0 + 24 * H);
    expect(triggered.status).toBe('triggered');
    expect(book.liveSetups()).toEqual([live]);
    expect(book.conversion()).toEqual({ setups: 4, triggered: 1, expired: 1, invalidated: 1, rate: 0.25 });
  });
});
