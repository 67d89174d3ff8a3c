// `divbot run --resume` (SPEC §1): a demo stopped and resumed ends exactly where one
// uninterrupted run of the same simulated hours does — the same positions, trades, orders, fills
// and trading state, and the same client order ids (the run id is kept).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../clock/simulated-clock.js';
import { loadConfig } from '../../config/index.js';
import type { ManagedPosition } from '../../execution/managed-position.js';
import { createLogger } from '../../logging/logger.js';
import { loadExecution } from '../../store/execution-restore-repo.js';
import { ROOT } from '../../test-support/cli.js';
import { closeAll } from '../shutdown.js';
import { type DemoSession, openDemoSession } from './demo-session.js';
import { runDemoUntil } from './test-support/drive.js';

const HOUR = 3_600_000;
/**
 * Two stops: at the first a position (EUR/USD long) is open and held bar by bar; by the second it
 * has closed at a loss (the loss streak must not count it twice); a new one opens after it.
 */
const CUTS = [30, 100];
const HOURS = 150;

const config = loadConfig({});
const temps: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return join(dir, 'demo');
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

async function open(dir: string, resume: boolean, log: string[]): Promise<DemoSession> {
  const logger = createLogger({ level: 'info', destination: { write: (s: string) => void log.push(s) } });
  return openDemoSession({
    config,
    logger,
    dir,
    dataDir: join(ROOT, 'data'),
    resume,
    clock: (from) => new SimulatedClock(from),
  });
}

async function stop(s: DemoSession): Promise<void> {
  expect(await closeAll(createLogger({ level: 'silent' }), s.closeSteps)).toBe(true);
}

const shape = (p: ManagedPosition) => ({
  id: p.id,
  status: p.status,
  stop: p.stop,
  stopOrigin: p.stopOrigin,
  tp1Hit: p.tp1Hit,
  barsHeld: p.barsHeld,
  amendments: p.amendments,
  openedAt: p.openedAt,
  closedAt: p.closedAt,
  tickets: p.tickets.map((t) => ({
    ticket: t.ticket,
    entryClientId: t.entryClientId,
    ref: t.ref,
    entryPrice: t.entryPrice,
    filledQty: t.filledQty,
    closedQty: t.closedQty,
    open: t.open,
    exits: t.exits.map((e) => ({ time: e.time, price: e.price, qty: e.qty, reason: e.reason })),
  })),
});

/** Everything that must match: the engine, the venue and the store. */
async function outcome(s: DemoSession) {
  const stored = await loadExecution(s.store);
  return {
    runId: s.runId,
    positions: s.engine.all().map(shape),
    orders: stored.orders.map((o) => ({
      clientId: o.intent.clientId,
      state: o.state,
      filled: o.filledQty.toString(),
      price: o.avgFillPrice?.toString(),
    })),
    storedPositions: stored.positions.map(shape),
    trades: s.broker.closedPositions().map((c) => ({
      ref: c.ref,
      clientId: c.clientId,
      exits: c.exits.map((e) => `${e.reason}@${e.price}x${e.qty}`),
      pnl: c.grossPnl,
      fees: c.fees,
      financing: c.financing,
    })),
    fills: (await s.broker.fetchFills(0)).map(
      (f) => `${f.tradeId} ${f.side} ${f.qty}@${f.price} ${f.reason}`,
    ),
    venuePositions: (await s.broker.fetchPositions()).map((v) => `${v.ref} ${v.qty} ${v.stop} ${v.target}`),
    balance: await s.broker.fetchBalance(),
    risk: (({ state, consecutiveLosses, equityPeak, dayStartEquity, tradingDayStart }) => ({
      state,
      consecutiveLosses,
      equityPeak,
      dayStartEquity,
      tradingDayStart,
    }))(s.risk.tradingState),
  };
}

describe('divbot run --resume (the demo composition)', () => {
  it('stopped and resumed twice: the same as one uninterrupted run', async () => {
    const log: string[] = [];
    const whole = await open(temp('divbot-resume-a-'), false, log);
    const end = whole.from + HOURS * HOUR;
    await runDemoUntil(whole, end);
    const expected = await outcome(whole);
    await stop(whole);
    expect(expected.positions.map((p) => p.status)).toEqual(['closed', 'closed']);
    expect(expected.orders).toHaveLength(4);

    const dir = temp('divbot-resume-b-');
    let part = await open(dir, false, log);
    const start = part.from;
    expect(start).toBe(whole.from);
    for (const [i, cut] of CUTS.entries()) {
      await runDemoUntil(part, start + cut * HOUR);
      const statuses = part.engine.all().map((p) => p.status);
      expect(statuses, `at stop ${i + 1}`).toEqual(i === 0 ? ['open'] : ['closed']);
      await stop(part);
      log.length = 0;
      part = await open(dir, true, log);
      expect(part.resumed).toBe(true);
      expect(part.from, 'the clock continues where the last cycle was').toBe(start + cut * HOUR);
      expect(log.join('')).toContain('resuming the demo where it stopped');
    }
    await runDemoUntil(part, end);
    const got = await outcome(part);
    await stop(part);
    expect(got).toEqual(expected);
  }, 180_000);
});
