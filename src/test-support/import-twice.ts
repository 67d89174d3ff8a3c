// Shared by the data-import suites: import a bundled file twice, the second must change nothing.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT, runCli } from './cli.js';

export const ALL_FILES = [
  'binance_BTC_USDT-1h.csv',
  'binance_BTC_USDT-4h.csv',
  'binance_ETH_USDT-1h.csv',
  'binance_ETH_USDT-4h.csv',
  'oanda_EUR_USD-1h.csv',
  'oanda_XAU_USD-1h.csv',
];
export const ROWS: Record<string, number> = {
  'binance_BTC_USDT-1h.csv': 35_044,
  'binance_BTC_USDT-4h.csv': 8_766,
  'binance_ETH_USDT-1h.csv': 35_044,
  'binance_ETH_USDT-4h.csv': 8_766,
  'oanda_EUR_USD-1h.csv': 62_116,
  'oanda_XAU_USD-1h.csv': 64_063,
};

type ImportResult = { rows: number; inserted: number; updated: number; unchanged: number; symbol: string };

export function importTwice(env: () => Record<string, string>, cwd: () => string, files: string[]) {
  it.each(files)(
    'imports %s, and a second import changes nothing',
    async (file) => {
      const path = join(ROOT, 'data', file);
      const first = await runCli(['data', 'import', path, '--json'], {
        cwd: cwd(),
        env: env(),
        timeoutMs: 60_000,
      });
      expect(first.code, first.stderr).toBe(0);
      const r1 = JSON.parse(first.stdout) as ImportResult;
      expect(r1).toMatchObject({ rows: ROWS[file], inserted: ROWS[file], updated: 0, unchanged: 0 });
      const second = await runCli(['data', 'import', path, '--json'], {
        cwd: cwd(),
        env: env(),
        timeoutMs: 60_000,
      });
      expect(second.code, second.stderr).toBe(0);
      expect(JSON.parse(second.stdout)).toMatchObject({ inserted: 0, updated: 0, unchanged: ROWS[file] });
      // Two imports of up to 64,000 rows on a loaded 2-core CI machine: well past vitest's default.
    },
    150_000,
  );
}
