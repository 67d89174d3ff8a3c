// BROKERS and SYMBOLS choose what the demo replays, as they choose what paper and live trade; a
// resumed demo must still have every instrument it traded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../clock/simulated-clock.js';
import { type Config, loadConfig } from '../../config/index.js';
import { ConfigError } from '../../domain/errors.js';
import { createLogger } from '../../logging/logger.js';
import { ROOT } from '../../test-support/cli.js';
import { closeAll } from '../shutdown.js';
import { loadDemoMarket } from './demo-data.js';
import { type DemoSession, openDemoSession } from './demo-session.js';
import { runDemoUntil } from './test-support/drive.js';

const DATA = join(ROOT, 'data');
const HOUR = 3_600_000;
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function open(dir: string, config: Config, resume: boolean): Promise<DemoSession> {
  return openDemoSession({
    config,
    logger: createLogger({ level: 'silent' }),
    dir,
    dataDir: DATA,
    resume,
    clock: (from) => new SimulatedClock(from),
  });
}

describe('the demo and BROKERS/SYMBOLS', () => {
  it('replays only the selected instruments of the bundled data', async () => {
    const market = await loadDemoMarket(DATA, new Set(['EUR_USD', 'NVDA']));
    expect([...new Set(market.series.map((s) => s.symbol))]).toEqual(['EUR_USD']);
    const all = await loadDemoMarket(DATA);
    expect(new Set(all.series.map((s) => s.symbol)).size).toBe(4);
  });

  it('selecting none of them is a configuration error naming the variable and what the data has', async () => {
    const error = await loadDemoMarket(DATA, new Set(['NVDA']), 'BROKERS').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]).toMatchObject({
      variable: 'BROKERS',
      message: expect.stringContaining('BTC/USDT, ETH/USDT, EUR_USD, XAU_USD'),
    });
  });

  it('a session opens on the selection; resuming without an instrument it traded is refused', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'divbot-select-')), 'demo');
    temps.push(dir);
    const fx = await open(dir, loadConfig({ SYMBOLS: 'EUR_USD' }), false);
    try {
      expect([...new Set(fx.market.series.map((s) => s.symbol))]).toEqual(['EUR_USD']);
      await runDemoUntil(fx, fx.from + 48 * HOUR);
      expect(fx.engine.all().map((p) => p.signal.symbol)).toContain('EUR_USD');
    } finally {
      expect(await closeAll(createLogger({ level: 'silent' }), fx.closeSteps)).toBe(true);
    }
    await expect(open(dir, loadConfig({ BROKERS: 'binance' }), true)).rejects.toThrow(
      /it traded EUR_USD, which BROKERS\/SYMBOLS now leave out/,
    );
  }, 120_000);
});
