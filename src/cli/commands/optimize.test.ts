// `divbot optimize` through the built binary: bad parameters are bad usage, and the hold-out is
// never read — whatever the worker count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEARCH_ARGS, SET_ARGS, sliceDir } from '../../optimize/test-support/data-slice.js';
import { cleanEnv, runCli } from '../../test-support/cli.js';

const cli = (args: string[]) => runCli(args, { env: cleanEnv(), timeoutMs: 60_000 });

describe('divbot optimize', () => {
  const dir = sliceDir(3000);

  it('exits 2 naming a bad --param key or range, and a missing --objective', async () => {
    const base = ['optimize', '--data', dir, '--walk-forward', '2', '--objective', 'sharpe'];
    const key = await cli([...base, '--param', 'NO_SUCH_VAR=1..2']);
    expect(key.code).toBe(2);
    expect(key.stderr).toContain('--param NO_SUCH_VAR');
    const range = await cli([...base, '--param', 'TP2_R=0..1']);
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/--param TP2_R=0: TP2_R/);
    const objective = await cli(['optimize', '--data', dir, '--walk-forward', '2', '--param', 'TP2_R=2..3']);
    expect(objective.code).toBe(2);
    expect(objective.stderr).toContain('--objective');
    const fit = await cli([...base, '--param', 'TP2_R=2..3', '--in-sample', '400']);
    expect(fit.code).toBe(2);
    expect(fit.stderr).toContain('--in-sample 400');
  }, 60_000);

  it('--holdout-from: changing every candle from T on changes nothing, with 1 or 2 workers', async () => {
    const T = '2020-12-31T00:00:00Z';
    // The same slice with every price from T on scaled by 1.37 (still valid candles).
    const changed = sliceDir(3000, (row) => {
      const [time, ...rest] = row.split(',');
      if (time === undefined || time < T) return row;
      const [o, h, l, c, v] = rest.map(Number) as [number, number, number, number, number];
      return [time, o * 1.37, h * 1.37, l * 1.37, c * 1.37, v].join(',');
    });
    expect(readFileSync(join(changed, 'binance_BTC_USDT-1h.csv'), 'utf8')).not.toBe(
      readFileSync(join(dir, 'binance_BTC_USDT-1h.csv'), 'utf8'),
    );
    const args = (data: string, workers: string) => [
      ...SET_ARGS,
      'optimize',
      '--data',
      data,
      ...SEARCH_ARGS,
      '--holdout-from',
      T,
      '--workers',
      workers,
      '--json',
    ];
    const [a, b] = await Promise.all([cli(args(dir, '1')), cli(args(changed, '2'))]);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(b.stdout, 'the hold-out was read, or the worker count changed the result').toBe(a.stdout);
    const report = JSON.parse(a.stdout);
    expect(report.holdout_from).toBe(T);
    expect(report.out_of_sample.to < T, 'the last out-of-sample bar is before the hold-out').toBe(true);
    expect(report.trials).toBe(4);
    expect(report.chosen).toHaveLength(2);
  }, 90_000);
});
