// One accepted BTC/USDT long with round levels (entry 30,000, stop 29,400, TP1 30,600, TP2 31,800),
// the fixture of the execution tests.
import type { EvaluatedCandidate } from '../domain/divergence.js';
import type { SymbolId } from '../domain/ids.js';

export function sampleSignal(over: Partial<EvaluatedCandidate> = {}): EvaluatedCandidate {
  return {
    symbol: 'BTC/USDT' as SymbolId,
    timeframe: '1h',
    type: 'regular_bullish',
    direction: 'long',
    oscillators: [],
    pivot1: { index: 1, time: 1, price: 29_500 },
    pivot2: { index: 20, time: 2, price: 29_450 },
    knownAt: { index: 25, time: 3 },
    entry: 30_000,
    stop: 29_400,
    tp1: 30_600,
    tp2: 31_800,
    atr: 200,
    score: 7,
    confidence: null,
    verdicts: [],
    rejectedBy: null,
    accepted: true,
    ...over,
  };
}
