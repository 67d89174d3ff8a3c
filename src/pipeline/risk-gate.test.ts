// PortfolioRiskGate.restore: after a restart the gate's trade history comes back from the
// positions the engine restored — today's entries count toward the daily caps again, and closed
// trades are not fed to the loss streak a second time.
import { describe, expect, it } from 'vitest';
import { SimulatedBroker } from '../brokers/simulated/index.js';
import { SimulatedClock } from '../clock/simulated-clock.js';
import { loadConfig } from '../config/load.js';
import type { Candle } from '../domain/candle.js';
import { defaultRegistry, STATIC_USD_RATES } from '../domain/instruments/index.js';
import type { ExecutionEngine } from '../execution/execution-engine.js';
import type { ManagedPosition } from '../execution/managed-position.js';
import { sampleSignal } from '../test-support/sample-signal.js';
import { PortfolioRiskGate } from './risk-gate.js';

const T = Date.UTC(2026, 2, 10, 14);
const HOUR = 3_600_000;

function setup(positions: ManagedPosition[]) {
  const clock = new SimulatedClock(T);
  const broker = new SimulatedBroker({
    clock,
    registry: defaultRegistry,
    accountCurrency: 'USD',
    startingCash: 100_000,
  });
  const bars: Candle[] = Array.from({ length: 5 }, (_, i) => ({
    time: T - (5 - i) * HOUR,
    // A little below the sample's entry: the reward/risk at the ask stays at 2 or more.
    open: 29_950,
    high: 30_050,
    low: 29_850,
    close: 29_950,
    volume: 1,
  }));
  broker.loadSeries('BTC/USDT', '1h', bars);
  const engine = {
    all: () => positions,
    active: () => [],
    positionsFrom: (i: number) => positions.slice(i),
    positionCount: positions.length,
  } as unknown as ExecutionEngine;
  const config = loadConfig({ MAX_TRADES_PER_DAY_SYMBOL: '1', USE_MULTI_TF_CONFIRMATION: 'false' });
  return new PortfolioRiskGate({
    settings: config,
    broker,
    engine,
    registry: defaultRegistry,
    rates: STATIC_USD_RATES,
  });
}

/** A closed BTC/USDT trade of this morning: stopped out at a loss, or out at TP2. */
function closedTrade(won = false): ManagedPosition {
  return {
    id: 'BTC/USDT|1h|regular_bullish|1|2',
    signal: sampleSignal({ knownAt: { index: 25, time: T - 4 * HOUR } }),
    symbol: 'BTC/USDT',
    status: 'closed',
    openedAt: T - 3 * HOUR,
    closedAt: T - 2 * HOUR,
    grossPnl: won ? 900 : -600,
    fees: 10,
    financing: 0,
    tickets: [{ exits: [{ reason: won ? 'tp2' : 'stop' }] }],
  } as unknown as ManagedPosition;
}

describe('PortfolioRiskGate.restore', () => {
  const next = sampleSignal({
    knownAt: { index: 40, time: T - HOUR },
    pivot2: { index: 35, time: 5, price: 29_450 },
  });

  it('counts the restored trades of today toward the daily caps', async () => {
    const fresh = setup([closedTrade(true)]);
    await fresh.onSynced(T); // the breakers are checked each trading day before any entry
    const before = await fresh.evaluate(next, T, undefined);
    expect(before, 'a gate that forgot the morning trade lets another through').toMatchObject({ ok: true });
    const restored = setup([closedTrade(true)]);
    restored.restore();
    await restored.onSynced(T);
    const after = await restored.evaluate(next, T, undefined);
    expect(after).toMatchObject({ ok: false, code: 'MAX_TRADES_PER_DAY_SYMBOL' });
  });

  it('does not feed restored closed trades to the loss streak again', async () => {
    const gate = setup([closedTrade()]);
    gate.restore();
    await gate.onSynced(T);
    expect(gate.tradingState.consecutiveLosses).toBe(0);
    const forgetful = setup([closedTrade()]);
    await forgetful.onSynced(T);
    expect(forgetful.tradingState.consecutiveLosses).toBe(1);
  });
});
