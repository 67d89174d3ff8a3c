import { describe, expect, it } from 'vitest';
import type { SignalId } from '../domain/ids.js';
import { evaluateAll } from './evaluate-batch.js';
import { RiskManager } from './risk-manager.js';
import {
  activeState,
  book,
  inputs,
  instrument,
  market,
  position,
  settingsWith,
  signal,
} from './test-support/fixtures.js';

const oanda = (n: number) =>
  ['GBP_USD', 'AUD_USD', 'USD_JPY', 'NZD_USD', 'USD_CAD'].slice(0, n).map((id) => position(id, 'long'));

describe('evaluateAll', () => {
  it('gives the last slot by score, then id, counting the plans accepted before', () => {
    const s = settingsWith({ MAX_OPEN_POSITIONS_OANDA: 4 });
    const b = book({ positions: oanda(3).map((p) => ({ ...p, direction: 'short' as const })) });
    const mk = (id: string, score: number, symbol = instrument('EUR_USD')) => ({
      ...signal({ score, symbol: symbol.id }),
      id: id as SignalId,
    });
    const signals = [mk('b', 7), mk('a', 7, instrument('EUR_GBP'))];
    const results = evaluateAll(new RiskManager(s), signals, b, activeState(), (sig) =>
      inputs({ instrument: instrument(sig.candidate.symbol!), market: market({ price: 1.1 }) }),
    );
    expect(results.map((r) => [r.signal.id, r.evaluation.ok ? 'ok' : r.evaluation.code])).toEqual([
      ['a', 'ok'],
      ['b', 'MAX_POSITIONS_BROKER'],
    ]);
  });
});
