// The bad-input corpus, part 1 (issue #12): malformed environment values and CSV files. Each is
// refused with an error naming the variable (or the file and line), and nothing is stored: the
// candle cache reads the same after every refused import as before it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { ConfigError } from '../domain/errors.js';
import { loadCandles, openStore } from '../store/index.js';
import { cleanEnv, runCli } from '../test-support/cli.js';

// [variable, bad value]: each alone must stop start-up naming the variable (SPEC §17).
const ENV: readonly [string, string][] = [
  ['MODE', 'production'],
  ['USE_MULTI_TF_CONFIRMATION', 'yes'],
  ['RISK_PER_TRADE_PCT', 'one'],
  ['RISK_PER_TRADE_PCT', '-1'],
  ['MAX_DRAWDOWN_PCT', '150'],
  ['MAX_CONSECUTIVE_LOSSES', '2.5'],
  ['PORT', '99999'],
  ['BROKERS', 'oanda,kraken'],
  ['TRADING_DAY_START', '25:00 America/New_York'],
  ['DEMO_SPEED', 'fast'],
  ['ENTRY_MODE', 'stop'],
  ['WEEKEND_POLICY', 'sell-everything'],
  ['OANDA_BASE_URL', 'not a url'],
  ['LLM_MODE', 'sometimes'],
];

describe('bad environment values', () => {
  it.each(ENV)('%s=%s is refused, naming the variable', (variable, value) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error, `${variable}=${value} was accepted`).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.variable)).toContain(variable);
    expect((error as Error).message).toContain(variable);
  });

  it('SYMBOLS naming an unknown instrument is a configuration error naming SYMBOLS and the id', () => {
    let error: unknown;
    try {
      loadConfig({ SYMBOLS: 'BTC/USDT,NOPE' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.variable)).toEqual(['SYMBOLS']);
    expect((error as Error).message).toContain('NOPE');
  });

  it('divbot config check names every bad variable at once and exits 2', async () => {
    const bad = Object.fromEntries(ENV.slice(0, 6));
    const r = await runCli(['config', 'check'], { env: cleanEnv(bad), timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(2);
    for (const variable of Object.keys(bad)) expect(r.stderr, variable).toContain(variable);
  }, 40_000);
});

const HEADER = 'time,open,high,low,close,volume';
const GOOD = [
  HEADER,
  '2024-01-01T00:00:00Z,100,101,99,100.5,10',
  '2024-01-01T01:00:00Z,100.5,102,100,101,12',
];
// [case, file body, the line the message must name]: a refused file stores none of its rows,
// not even the good ones before the bad line.
const CSV: readonly [string, string, number][] = [
  ['a missing column', [HEADER, '2024-01-01T02:00:00Z,101,103,100'].join('\n'), 2],
  ['a price that is no number', [...GOOD, '2024-01-01T02:00:00Z,101,abc,100,102,5'].join('\n'), 4],
  ['NaN', [...GOOD, '2024-01-01T02:00:00Z,101,NaN,100,102,5'].join('\n'), 4],
  ['high below low', [...GOOD, '2024-01-01T02:00:00Z,101,99,103,102,5'].join('\n'), 4],
  ['a negative volume', [...GOOD, '2024-01-01T02:00:00Z,101,103,100,102,-5'].join('\n'), 4],
  ['a time that is no time', [...GOOD, 'yesterday,101,103,100,102,5'].join('\n'), 4],
  ['times out of order', [...GOOD, '2023-12-31T23:00:00Z,101,103,100,102,5'].join('\n'), 4],
  ['a duplicate time', [...GOOD, '2024-01-01T01:00:00Z,101,103,100,102,5'].join('\n'), 4],
  ['a wrong header', ['date,o,h,l,c,v', '2024-01-01T02:00:00Z,101,103,100,102,5'].join('\n'), 1],
  ['binary garbage', '\u0000\u0001\u0002PK\u0003\u0004', 1],
];

describe('bad CSV files through divbot data import', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'divbot-bad-csv-'));
  const env = () => cleanEnv({ VAR_DIR: join(cwd, 'var') });
  const cache = async () => {
    const store = await openStore({ dataDir: join(cwd, 'var', 'db') });
    try {
      return JSON.stringify(await loadCandles(store, 'BTC/USDT', '1h'));
    } finally {
      await store.close();
    }
  };
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('refuses each naming the file and line; the cache is unchanged', async () => {
    const good = join(cwd, 'binance_BTC_USDT-1h.csv');
    writeFileSync(good, `${GOOD.join('\n')}\n`);
    const first = await runCli(['data', 'import', good], { cwd, env: env(), timeoutMs: 60_000 });
    expect(first.code, first.stderr).toBe(0);
    const before = await cache();
    expect(JSON.parse(before)).toHaveLength(2);
    for (const [name, body, line] of CSV) {
      const file = join(cwd, 'binance_BTC_USDT-1h.csv');
      writeFileSync(file, body);
      const r = await runCli(['data', 'import', file], { cwd, env: env(), timeoutMs: 60_000 });
      expect(r.code, `${name}: ${r.stderr}`).not.toBe(0);
      expect(r.stderr, name).toContain(`line ${line}`);
      expect(r.stderr, name).toContain('binance_BTC_USDT-1h.csv');
    }
    expect(await cache(), 'nothing of a refused file was stored').toBe(before);
  }, 180_000);
});
