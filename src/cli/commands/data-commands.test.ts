import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../../test-support/cli.js';
import { importTwice } from '../../test-support/import-twice.js';

describe('divbot db migrate and data import on the embedded database', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'divbot-data-'));
  const env = () => cleanEnv({ VAR_DIR: join(cwd, 'var') });

  it('db migrate is idempotent', async () => {
    const first = await runCli(['db', 'migrate', '--json'], { cwd, env: env(), timeoutMs: 60_000 });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).applied).toBeGreaterThan(0);
    const second = await runCli(['db', 'migrate', '--json'], { cwd, env: env(), timeoutMs: 60_000 });
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout).applied).toBe(0);
  });

  // The embedded database is slower; the 4h files cover its path, and the PostgreSQL suite
  // (data-import-postgres.test.ts) imports every bundled file.
  importTwice(env, () => cwd, ['binance_BTC_USDT-4h.csv', 'binance_ETH_USDT-4h.csv']);

  it('--symbol and --timeframe name a file whose name says nothing', async () => {
    const file = join(cwd, 'prices.csv');
    writeFileSync(
      file,
      'time,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,\n2024-01-01T01:00:00Z,1.5,2,1,1.2,\n',
    );
    const missing = await runCli(['data', 'import', file], { cwd, env: env() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--symbol');
    const unknown = await runCli(['data', 'import', file, '--symbol', 'EURUSD'], { cwd, env: env() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/EURUSD.*EUR_USD/);
    const ok = await runCli(['data', 'import', file, '--symbol', 'EUR_USD', '--timeframe', '1h', '--json'], {
      cwd,
      env: env(),
      timeoutMs: 30_000,
    });
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ symbol: 'EUR_USD', timeframe: '1h', inserted: 2 });
  });

  it('rejects a malformed file naming file, line and problem, and writes nothing', async () => {
    const file = join(cwd, 'binance_BTC_USDT-1h.csv');
    writeFileSync(
      file,
      'time,open,high,low,close,volume\n2030-01-01T00:00:00Z,10,11,9,10,1\n2030-01-01T01:00:00Z,10,9,11,10,1\n',
    );
    const bad = await runCli(['data', 'import', file], { cwd, env: env() });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${file} line 3: high 9 is below low 11`);
  });
});
