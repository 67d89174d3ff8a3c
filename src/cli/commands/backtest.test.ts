import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../test-support/cli.js';

const cli = (args: string[]) => runCli(args, { timeoutMs: 100_000 });

const BTC = [join(ROOT, 'data/binance_BTC_USDT-1h.csv'), join(ROOT, 'data/binance_BTC_USDT-4h.csv')];
const RANGE = ['--from', '2021-01-01', '--to', '2021-07-01'];

describe('divbot backtest', () => {
  it('--json twice gives byte-identical output with metrics, trades, rejections, equity, config', async () => {
    const a = await cli(['backtest', '--data', ...BTC, ...RANGE, '--json']);
    expect(a.code, a.stderr).toBe(0);
    const b = await cli(['backtest', '--data', ...BTC, ...RANGE, '--json']);
    expect(b.stdout).toBe(a.stdout);
    const r = JSON.parse(a.stdout);
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining(['metrics', 'trades', 'rejections', 'equity', 'config']),
    );
    expect(r.range).toMatchObject({ from: '2021-01-01T00:00:00Z', to: '2021-07-01T00:00:00Z' });
    for (const t of r.trades) {
      expect(Object.keys(t)).toEqual(
        expect.arrayContaining([
          'symbol',
          'timeframe',
          'direction',
          'signal_known_at',
          'entry_time',
          'entry_price',
          'qty',
          'stop',
          'tp1',
          'tp2',
          'exits',
          'fees',
          'pnl',
          'r_multiple',
          'open_at_end',
        ]),
      );
      expect(t.entry_time >= '2021-01-01T00:00:00Z').toBe(true);
    }
  }, 120_000);

  it('--out writes the JSON, --report a self-contained HTML file, a directory works as --data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'divbot-bt-'));
    const data = join(dir, 'data');
    await import('node:fs').then((fs) => fs.mkdirSync(data));
    for (const f of BTC) copyFileSync(f, join(data, f.split('/').at(-1)!));
    const out = join(dir, 'r.json');
    const html = join(dir, 'r.html');
    const r = await cli(['backtest', '--data', data, ...RANGE, '--out', out, '--report', html]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).metrics).toBeDefined();
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('LightweightCharts');
    expect(page).toContain('Rejections and their counterfactual outcomes');
    // Self-contained: no script or stylesheet is fetched.
    expect(page).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  }, 120_000);

  it('prints a summary without --json, and bad usage exits 2 naming the flag', async () => {
    const ok = await cli(['backtest', '--data', ...BTC, ...RANGE]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^backtest 2021-01-01T00:00:00Z → 2021-07-01T00:00:00Z, BTC\/USDT/);
    const bad = await cli(['backtest', '--data', ...BTC, '--symbols', 'NOPE/USD']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--symbols');
    const report = await cli(['backtest', '--data', ...BTC, '--report', 'x.txt']);
    expect(report.code).toBe(2);
    expect(report.stderr).toContain('--report');
    const time = await cli(['backtest', '--data', ...BTC, '--from', 'yesterday']);
    expect(time.code).toBe(2);
    expect(time.stderr).toContain('--from');
    const missing = await cli(['backtest', '--data', join(ROOT, 'no-such-dir')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no-such-dir');
    const set = await cli(['--set', 'RISK_PER_TRADE_PCT=abc', 'backtest', '--data', ...BTC]);
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('RISK_PER_TRADE_PCT');
  }, 120_000);
});

describe('divbot lookahead', () => {
  it('--json reports the cuts checked and exits 0 when nothing known at a cut changed', async () => {
    const r = await cli(['lookahead', '--data', BTC[0]!, '--cuts', '2', '--random', '1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, changes: [] });
    expect(out.cuts_tested).toHaveLength(2);
    const bad = await cli(['lookahead', '--data', BTC[0]!, '--cuts', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--cuts');
  }, 200_000);
});
