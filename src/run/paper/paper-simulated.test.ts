// PAPER_EXECUTION=simulated (SPEC §11): market data from the venues (here their fakes, over HTTP),
// orders to the SimulatedBroker — no order reaches a venue, and the simulated venue's log lets a
// restart pick up its orders.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeMarket, startFakeMarket } from '../../brokers/fake-market/fake-market.js';
import { marketTimeline } from '../../brokers/fake-market/market-series.js';
import { SimulatedClock } from '../../clock/simulated-clock.js';
import { loadConfig } from '../../config/load.js';
import type { Config } from '../../config/schema.js';
import { HOUR_MS } from '../../domain/timeframe.js';
import { createLogger } from '../../logging/logger.js';
import { loadDemoMarket } from '../demo/demo-data.js';
import { closeAll } from '../shutdown.js';
import { openPaperSession, type PaperSession } from './paper-session.js';
import { FAST_VENUES } from './test-support/fast-venues.js';

const T0 = Date.parse('2026-03-03T16:00:00Z');
const DAY = 86_400_000;
const logger = createLogger({ level: 'silent' });

let dir: string;
let market: FakeMarket;
let clock: SimulatedClock;
let config: Config;
let session: PaperSession | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'divbot-paper-sim-'));
  const data = await loadDemoMarket(join(import.meta.dirname, '../../../data'));
  const timeline = marketTimeline(data.series, T0, { aheadMs: 10 * DAY, historyMs: 70 * DAY });
  market = await startFakeMarket(timeline.series, T0);
  clock = new SimulatedClock(T0);
  config = loadConfig({
    ...market.env,
    MODE: 'paper',
    PAPER_EXECUTION: 'simulated',
    VAR_DIR: dir,
    USE_MULTI_TF_CONFIRMATION: 'false',
  });
}, 60_000);

afterAll(async () => {
  if (session) await closeAll(logger, session.closeSteps);
  await market?.close();
  rmSync(dir, { recursive: true, force: true });
});

const open = () => openPaperSession({ config, logger, clock, tuning: FAST_VENUES });

async function hours(s: PaperSession, n: number) {
  for (let i = 0; i < n; i++) {
    const t = clock.now() + HOUR_MS;
    await clock.advanceTo(t);
    market.advanceTo(t);
    await s.loop.step(t);
    s.advanceVenue?.(t);
    await s.engine.sync(t);
    await s.risk.onSynced(t);
  }
}

const orderRequests = () => [
  ...market.oanda.requests.filter((r) => r.method !== 'GET'),
  ...market.binance.requests.filter((r) => r.method !== 'GET' && r.path.includes('order')),
  ...market.ig.requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('/session')),
];

describe('paper mode with simulated execution', () => {
  it('trades real venue data on the SimulatedBroker: no order reaches a venue; a restart keeps them', async () => {
    session = await open();
    expect(session.broker.id).toBe('simulated');
    await session.loop.step(T0);
    await hours(session, 48);
    const placed = session.engine.all();
    expect(placed.length, 'the pipeline traded in two days on five instruments').toBeGreaterThan(0);
    expect(orderRequests()).toEqual([]);
    const venueOrders = (await session.broker.fetchOpenOrders()).length;
    const venuePositions = (await session.broker.fetchPositions()).length;

    // A restart rebuilds the simulated venue from its log and the engine from the store.
    await closeAll(logger, session.closeSteps);
    session = await open();
    expect(session.engine.all().map((p) => p.id)).toEqual(placed.map((p) => p.id));
    expect((await session.broker.fetchOpenOrders()).length).toBe(venueOrders);
    expect((await session.broker.fetchPositions()).length).toBe(venuePositions);
    await session.loop.step(clock.now());
    await hours(session, 2);
    expect(orderRequests()).toEqual([]);
  }, 180_000);
});
