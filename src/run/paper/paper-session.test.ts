// Paper mode end to end (SPEC §11): the paper session — routing broker, the three real adapters,
// execution engine, risk gate, store — against the fake OANDA, Binance and IG/Yahoo servers over
// HTTP, on a simulated clock the fakes share.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeMarket, startFakeMarket } from '../../brokers/fake-market/fake-market.js';
import { type MarketTimeline, marketTimeline } from '../../brokers/fake-market/market-series.js';
import { SimulatedClock } from '../../clock/simulated-clock.js';
import { loadConfig } from '../../config/load.js';
import type { SymbolId } from '../../domain/ids.js';
import { HOUR_MS } from '../../domain/timeframe.js';
import { createLogger } from '../../logging/logger.js';
import { sampleSignal } from '../../test-support/sample-signal.js';
import { loadDemoMarket } from '../demo/demo-data.js';
import { closeAll } from '../shutdown.js';
import { openPaperSession, type PaperSession } from './paper-session.js';
import { FAST_VENUES } from './test-support/fast-venues.js';

// Tuesday 16:00 UTC: crypto, FX, gold and the NYSE session (11:00 New York) are all open.
const T0 = Date.parse('2026-03-03T16:00:00Z');
const DAY = 86_400_000;
const logger = createLogger({ level: 'silent' });

let dir: string;
let timeline: MarketTimeline;
let market: FakeMarket;
let clock: SimulatedClock;
let session: PaperSession;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'divbot-paper-'));
  const data = await loadDemoMarket(join(import.meta.dirname, '../../../data'));
  timeline = marketTimeline(data.series, T0, { aheadMs: 10 * DAY, historyMs: 70 * DAY });
  market = await startFakeMarket(timeline.series, T0);
  clock = new SimulatedClock(T0);
  // Without the 4h confirmation a 1h signal is tradable on its own (the crafted signals below),
  // and a stop-out of the pipeline's own trades does not hold them back.
  const config = loadConfig({
    ...market.env,
    MODE: 'paper',
    VAR_DIR: dir,
    USE_MULTI_TF_CONFIRMATION: 'false',
    COOLDOWN_BARS_AFTER_STOP: '0',
  });
  session = await openPaperSession({ config, logger, clock, tuning: FAST_VENUES });
}, 120_000);

afterAll(async () => {
  if (session) await closeAll(logger, session.closeSteps);
  await market?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One simulated hour: the fakes reveal the bars that closed, then analysis and the monitor run. */
async function hour() {
  const t = clock.now() + HOUR_MS;
  await clock.advanceTo(t);
  market.advanceTo(t);
  await session.loop.step(t);
  await session.engine.sync(t);
  await session.risk.onSynced(t);
}

describe('paper mode against the fake venues', () => {
  it('back-fills every instrument from its venue, then analyses each new closed bar once', async () => {
    expect(session.data.venues.map(([id]) => id).sort()).toEqual(['binance', 'ig', 'oanda']);
    const warm = await session.loop.step(T0);
    const closedBy = (t: number) =>
      timeline.series.reduce((n, s) => n + s.bars.filter((b) => b.time + HOUR_MS <= t).length, 0);
    // The back-fill reaches 60 days back; the fakes hold 70: every bar from then on, all venues.
    const from = T0 - 60 * DAY;
    const expected = timeline.series.reduce(
      (n, s) => n + s.bars.filter((b) => b.time >= from && b.time + HOUR_MS <= T0).length,
      0,
    );
    expect(warm.bars).toBe(expected);
    expect(timeline.series.find((s) => s.symbol === 'AAPL')?.synthetic).toBeDefined();

    let bars = 0;
    for (let i = 0; i < 24; i++) {
      const before = closedBy(clock.now());
      await hour();
      bars += closedBy(clock.now()) - before;
    }
    const report = await session.loop.step(clock.now());
    expect(report.bars, 'nothing analysed twice').toBe(0);
    expect(bars).toBeGreaterThan(24 * 3); // crypto round the clock, FX, gold, stock hours
    // What the pipeline traded on its own is closed by hand before the crafted trades below.
    await session.engine.closeSymbol(undefined, 'manual', clock.now());
    await hour();
    expect(session.engine.active()).toHaveLength(0);
    expect(await session.broker.fetchPositions()).toHaveLength(0);
  }, 120_000);

  it.each([
    // The stock first: its session (12:00–15:00 New York here) must stay open for three bars.
    ['AAPL', 'ig'],
    ['EUR_USD', 'oanda'],
    ['BTC/USDT', 'binance'],
  ] as const)(
    'places, manages (TP1, breakeven, trailing) and closes a %s position on %s',
    async (symbol, venue) => {
      const ticker = await session.broker.fetchTicker(symbol as SymbolId);
      const price = (ticker.bid + ticker.ask) / 2;
      // Wide stops keep each position inside the venues' margin and cash limits.
      const atr = price * 0.03;
      const at = clock.now();
      const signal = sampleSignal({
        symbol: symbol as SymbolId,
        entry: price,
        stop: price - 3 * atr,
        tp1: price + 3 * atr,
        tp2: price + 12 * atr,
        atr,
        knownAt: { index: 100, time: at - HOUR_MS },
        pivot2: { index: 95, time: at - 6 * HOUR_MS, price: price - 2 * atr },
      });
      const decision = await session.risk.evaluate(signal, at, undefined);
      if (!decision.ok) throw new Error(`risk denied: ${decision.code} ${decision.detail}`);
      const p = await session.engine.open(signal, decision.tickets, at);
      await session.engine.sync(at);
      expect(
        p.tickets.every((t) => t.open),
        'both tickets filled at the venue',
      ).toBe(true);
      const fake = venueOf(venue);
      const atVenue = async () =>
        (await session.data.venueOf(symbol).fetchPositions()).filter((x) => x.symbol === symbol);
      expect(await atVenue()).toHaveLength(2);

      // Up through TP1: ticket A takes its target at the venue; the stop goes to breakeven.
      await bar(fake, symbol, price, price + 3.5 * atr, price - 0.2 * atr, price + 3.2 * atr);
      await session.engine.onBarClose(symbol, price + 3.2 * atr, atr * 2, clock.now());
      expect(p.tp1Hit).toBe(true);
      expect(p.tickets[0]!.exits[0]?.reason).toBe('tp1');
      expect(p.stop).toBeGreaterThanOrEqual(price - 1e-9);
      // Higher still: the trail follows, and the venue's stop with it.
      await bar(fake, symbol, price + 3.2 * atr, price + 6 * atr, price + 3 * atr, price + 5.8 * atr);
      const trailBefore = p.stop;
      await session.engine.onBarClose(symbol, price + 5.8 * atr, atr, clock.now());
      expect(p.stop).toBeGreaterThan(trailBefore);
      expect(p.stopOrigin).toBe('trail');
      await session.engine.sync(clock.now());
      const [b] = await atVenue();
      expect(Number(b!.stop)).toBeCloseTo(p.stop, 2);
      // Down through the trailing stop: ticket B is stopped out at the venue, the position closes.
      await bar(fake, symbol, price + 5.8 * atr, price + 5.9 * atr, price + 2 * atr, price + 2.2 * atr);
      expect(p.status).toBe('closed');
      expect(p.tickets[1]!.exits.at(-1)?.reason).toMatch(/stop|trail/);
      expect(await atVenue()).toHaveLength(0);
    },
    60_000,
  );
});

function venueOf(venue: 'binance' | 'oanda' | 'ig') {
  return (symbol: string, move: { open: number; high: number; low: number; close: number }) => {
    const t = clock.now();
    if (venue === 'binance') {
      market.binance.exchange.now = t;
      market.binance.nextBar(symbol.replace('/', ''), move);
    } else if (venue === 'oanda') {
      market.oanda.state.ledger.now = t;
      market.oanda.nextBar(symbol, move);
    } else {
      market.ig.venue.now = t;
      market.ig.nextBar(session.registry.get(symbol).venueSymbol, move);
    }
  };
}

/** A crafted bar walked through the venue's fake, then an hour later the engine syncs. */
async function bar(
  walk: ReturnType<typeof venueOf>,
  symbol: string,
  open: number,
  high: number,
  low: number,
  close: number,
) {
  walk(symbol, { open, high, low, close });
  const t = clock.now() + HOUR_MS;
  await clock.advanceTo(t);
  await session.engine.sync(t);
  await session.risk.onSynced(t);
}
