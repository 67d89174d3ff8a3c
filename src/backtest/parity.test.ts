// Issue #7's parity test (SPEC §1): the demo — its real jobs at their cron times (analysis every
// five minutes, the monitor every two, snapshots) on a simulated clock over the bundled
// data — and `runBacktest` over the same bars and range make the same trades.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../clock/simulated-clock.js';
import { loadConfig } from '../config/load.js';
import type { ManagedPosition } from '../execution/managed-position.js';
import { createLogger } from '../logging/logger.js';
import { openDemoSession } from '../run/demo/demo-session.js';
import { runDemoUntil } from '../run/demo/test-support/drive.js';
import { closeAll } from '../run/shutdown.js';
import { ROOT } from '../test-support/cli.js';
import { runBacktest } from './run-backtest.js';

const HOUR = 3_600_000;
const HOURS = 160;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A trade as both runs know it (client ids differ: each run has its own namespace). */
const trade = (p: ManagedPosition) => ({
  id: p.id,
  status: p.status,
  openedAt: p.openedAt,
  closedAt: p.closedAt,
  stop: p.stop,
  stopOrigin: p.stopOrigin,
  grossPnl: p.grossPnl,
  fees: p.fees,
  financing: p.financing,
  tickets: p.tickets.map((t) => ({
    ticket: t.ticket,
    qty: t.qty,
    entryPrice: t.entryPrice,
    filledQty: t.filledQty,
    exits: t.exits.map((e) => ({ time: e.time, price: e.price, qty: e.qty, reason: e.reason })),
  })),
});

describe('demo ↔ backtest parity', () => {
  it('the demo loop and divbot backtest over the same range make the same trades', async () => {
    const config = loadConfig({});
    const dir = mkdtempSync(join(tmpdir(), 'divbot-parity-'));
    dirs.push(dir);
    const demo = await openDemoSession({
      config,
      logger: createLogger({ level: 'silent' }),
      dir: join(dir, 'demo'),
      dataDir: join(ROOT, 'data'),
      resume: false,
      clock: (from) => new SimulatedClock(from),
    });
    const end = demo.from + HOURS * HOUR;
    // The outcome tracker only grades signals (and is the slowest job): left out.
    await runDemoUntil(demo, end);
    const demoTrades = demo.engine.all().map(trade);
    expect(await closeAll(createLogger({ level: 'silent' }), demo.closeSteps)).toBe(true);
    expect(demoTrades.length, 'the range holds trades').toBeGreaterThanOrEqual(2);
    expect(demoTrades.some((t) => t.status === 'closed')).toBe(true);

    const run = await runBacktest({
      config,
      series: demo.market.series,
      from: demo.from,
      to: end - HOUR,
      resumePaused: 'never',
    });
    expect(run.positions.map(trade)).toEqual(demoTrades);
  }, 300_000);
});
