// Shared builders for the risk tests: the default configuration, a valid EUR_USD long at a quiet
// Wednesday, an empty book and an ACTIVE state, each overridable field by field.
import { loadConfig } from '../../config/index.js';
import type { Direction, EvaluatedCandidate } from '../../domain/divergence.js';
import type { SetupId, SignalId } from '../../domain/ids.js';
import { defaultRegistry, type Instrument, STATIC_USD_RATES } from '../../domain/instruments/index.js';
import type { Signal } from '../../domain/signal.js';
import type { MarketSnapshot } from '../blackouts.js';
import type { OpenPositionView, RiskBookView } from '../book.js';
import { initialRiskState, type RiskBookState } from '../breaker-state.js';
import { checkBreakers } from '../breakers.js';
import type { EvaluationInputs } from '../risk-manager.js';
import type { RiskSettings } from '../settings.js';

export const utc = (iso: string): number => Date.parse(iso);
export const HOUR = 3_600_000;
export const MIN = 60_000;

export const baseSettings: RiskSettings = loadConfig({});
export const settingsWith = (over: Partial<RiskSettings>): RiskSettings => ({ ...baseSettings, ...over });

export const instrument = (id: string): Instrument => defaultRegistry.get(id);

/** Wednesday 4 March 2026, 10:00 New York: every market here is open and far from its close. */
export const T = utc('2026-03-04T15:00:00Z');

export function candidate(over: Partial<EvaluatedCandidate> = {}): EvaluatedCandidate {
  const direction: Direction = over.direction ?? 'long';
  return {
    symbol: instrument('EUR_USD').id,
    timeframe: '1h',
    type: direction === 'long' ? 'regular_bullish' : 'regular_bearish',
    direction,
    oscillators: [],
    pivot1: { index: 10, time: T - 30 * HOUR, price: 1.095 },
    pivot2: { index: 30, time: T - 10 * HOUR, price: 1.096 },
    knownAt: { index: 33, time: T - HOUR },
    entry: 1.1,
    stop: 1.095,
    tp1: 1.11,
    tp2: 1.12,
    atr: 0.003,
    score: 7,
    confidence: null,
    verdicts: [],
    rejectedBy: null,
    accepted: true,
    ...over,
  };
}

export function signal(over: Partial<EvaluatedCandidate> = {}, id = 'sig-1', tradableAt = T): Signal {
  return { id: id as SignalId, candidate: candidate(over), setupId: 'setup-1' as SetupId, tradableAt };
}

export function market(over: Partial<MarketSnapshot> = {}): MarketSnapshot {
  return { at: T, price: 1.1, lastClose: 1.1, lastCandleTime: T - HOUR, ...over };
}

export function book(over: Partial<RiskBookView> = {}): RiskBookView {
  return {
    equity: 100_000,
    netFlows: 0,
    positions: [],
    accounts: {
      oanda: { currency: 'USD', available: 100_000 },
      binance: { currency: 'USDT', available: 100_000 },
      ig: { currency: 'USD', available: 100_000 },
    },
    entries: [],
    stopOuts: [],
    ...over,
  };
}

export function position(
  id: string,
  direction: Direction,
  over: Partial<OpenPositionView> = {},
): OpenPositionView {
  return { instrument: instrument(id), direction, qty: 1, entryPrice: 100, stop: 100, ...over };
}

export function activeState(equity = 100_000, at = T): RiskBookState {
  return checkBreakers(initialRiskState(), { at, equity, netFlows: 0, stale: false }, baseSettings).state;
}

export function inputs(over: Partial<EvaluationInputs> = {}): EvaluationInputs {
  return { instrument: instrument('EUR_USD'), market: market(), rates: STATIC_USD_RATES, ...over };
}
