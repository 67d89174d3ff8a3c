// The soak's configuration: paper mode against the fakes, with signal settings relaxed so the
// pipeline trades often (many orders for the faults to hit), and the simulated year's market.
import { join } from 'node:path';
import type { FakeMarket } from '../brokers/fake-market/fake-market.js';
import { type MarketTimeline, marketTimeline } from '../brokers/fake-market/market-series.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { loadDemoMarket } from '../run/demo/demo-data.js';

const DAY_MS = 86_400_000;
/** A Tuesday 16:00 UTC: crypto, FX, gold and the NYSE session are all open. */
export const SOAK_START = Date.parse('2026-03-03T16:00:00Z');

export const RELAXED: Readonly<Record<string, string>> = {
  USE_MULTI_TF_CONFIRMATION: 'false',
  COOLDOWN_BARS_AFTER_STOP: '0',
  MIN_DIVERGENCE_SCORE: '3',
  MIN_CONFIRMING_INDICATORS: '1',
  MIN_ADX: '0',
  MIN_RISK_REWARD: '1.5',
  MAX_TRADES_PER_DAY_SYMBOL: '4',
  MAX_TRADES_PER_DAY: '20',
  MAX_SIGNAL_AGE_BARS: '2',
  // Small positions: many fit in the venues' cash and margin and in the daily-loss budget.
  RISK_PER_TRADE_PCT: '0.25',
};

/** The bundled data moved so that a year (and a day) is still to come after the start. */
export async function soakTimeline(dataDir: string, start = SOAK_START): Promise<MarketTimeline> {
  const data = await loadDemoMarket(dataDir);
  return marketTimeline(data.series, start, { aheadMs: 366 * DAY_MS, historyMs: 70 * DAY_MS });
}

/** The variables of a soak session (the SIGKILL child gets the same). */
export function soakEnv(
  market: FakeMarket,
  varDir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return { ...market.env, MODE: 'paper', VAR_DIR: varDir, ...RELAXED, ...extra };
}

export function soakConfig(env: Readonly<Record<string, string>>): Config {
  return loadConfig(env);
}

export const bundledData = (root: string) => join(root, 'data');
