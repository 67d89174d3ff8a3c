// /api/v1 against a demo-like instance: what each page reads, the chart data, CSV export, and the
// mutations through the control plane.

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemoUntil } from '../run/demo/test-support/drive.js';
import { recordJobRun } from '../store/index.js';
import { type ApiHarness, login, startApiHarness } from './test-support/api-harness.js';

let h: ApiHarness;
let auth: { cookie: string; csrf: string };
const varDir = mkdtempSync(join(tmpdir(), 'divbot-api-var-'));
beforeAll(async () => {
  h = await startApiHarness({
    hours: 48,
    env: { ANTHROPIC_API_KEY: 'sk-ant-secret-value-123', VAR_DIR: varDir },
  });
  auth = await login(h);
}, 120_000);
afterAll(async () => {
  await h?.close();
  rmSync(varDir, { recursive: true, force: true });
});

const get = async (path: string) => {
  const r = await fetch(`${h.url}/api/v1${path}`, { headers: { cookie: auth.cookie } });
  expect(r.status, path).toBe(200);
  return r;
};
const json = async <T = Record<string, unknown>>(path: string) => (await (await get(path)).json()) as T;
const post = (path: string, body: unknown) =>
  fetch(`${h.url}/api/v1${path}`, {
    method: 'POST',
    headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('read endpoints', () => {
  it('overview: trading state, equity curve with drawdown, open positions', async () => {
    const o = await json<{
      trading: { state: string };
      equity: number;
      equity_curve: Array<{ time: string; equity: number; drawdown_pct: number }>;
      open_positions: Array<{ symbol: string; status: string }>;
    }>('/overview');
    expect(o.trading.state).toBe('ACTIVE');
    expect(o.equity).toBeGreaterThan(0);
    expect(o.equity_curve.length, 'hourly snapshots').toBeGreaterThan(40);
    expect(o.equity_curve[0]!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(o.open_positions.length).toBe(h.session.engine.active().length);
    expect(o.open_positions.every((p) => p.status === 'open')).toBe(true);
  });

  it('signals: paged, newest first, each with its 15 verdicts; filter by accepted', async () => {
    const p1 = await json<{
      total: number;
      items: Array<{ id: number; known_at: string; verdicts: unknown[] }>;
    }>('/signals?limit=5');
    expect(p1.total).toBeGreaterThan(10);
    expect(p1.items).toHaveLength(5);
    expect(p1.items.every((s) => s.verdicts.length === 15)).toBe(true);
    const p2 = await json<{ items: Array<{ id: number; known_at: string }> }>('/signals?limit=5&page=2');
    expect(p2.items[0]!.known_at <= p1.items[4]!.known_at).toBe(true);
    expect(p2.items.map((s) => s.id)).not.toContain(p1.items[0]!.id);
    const accepted = await json<{ items: Array<{ accepted: boolean }> }>('/signals?accepted=true');
    expect(accepted.items.length).toBeGreaterThan(0);
    expect(accepted.items.every((s) => s.accepted)).toBe(true);
    const bad = await fetch(`${h.url}/api/v1/signals?limit=5000`, { headers: { cookie: auth.cookie } });
    expect(bad.status, 'the schema bounds limit').toBe(400);
  });

  it("a traded signal's chart: closed candles around it, pivots, the divergence line, levels, fills", async () => {
    const trades = await json<{ items: Array<{ signal_id: number | null }> }>('/positions?status=all');
    expect(trades.items.length).toBeGreaterThan(0);
    const id = trades.items[0]!.signal_id;
    expect(id, 'a position names the signal it traded').not.toBeNull();
    const signal = await json<{ accepted: boolean }>(`/signals/${id}`);
    expect(signal.accepted).toBe(true);
    const c = await json<{
      candles: Array<{ time: string }>;
      pivots: unknown[];
      divergence_line: Array<{ time: string; price: number }>;
      levels: { entry: number; stop: number };
      fills: unknown[];
    }>(`/signals/${id}/chart`);
    expect(c.candles.length).toBeGreaterThan(50);
    const last = Date.parse(c.candles.at(-1)!.time);
    expect(last + 3_600_000, 'no candle the demo has not closed yet').toBeLessThanOrEqual(
      h.session.clock.now(),
    );
    expect(c.pivots.length).toBeGreaterThan(0);
    expect(c.divergence_line).toHaveLength(2);
    expect(c.levels.entry).toBeGreaterThan(0);
    expect(c.fills.length, 'the entry fills').toBeGreaterThan(0);
    expect(
      (await fetch(`${h.url}/api/v1/signals/999999/chart`, { headers: { cookie: auth.cookie } })).status,
    ).toBe(404);
  });

  it('orders carry their state history; trades and fills; setups; health; instruments', async () => {
    const orders = await json<{ items: Array<{ state: string; history: Array<{ to: string }> }> }>('/orders');
    expect(orders.items.length).toBeGreaterThan(0);
    const filled = orders.items.find((o) => o.state === 'FILLED')!;
    expect(filled.history.at(-1)!.to).toBe('FILLED');
    expect(filled.history.length).toBeGreaterThan(1);
    expect((await json<{ total: number }>('/fills')).total).toBeGreaterThan(0);
    await json('/trades');
    await json('/setups');
    const t = h.session.clock.now();
    await recordJobRun(h.session.store, {
      job: 'analysis',
      scheduledFor: t,
      startedAt: t,
      finishedAt: t + 5,
      status: 'ok',
    });
    const health = await json<{ jobs: Array<{ job: string }>; llm: { calls: number } }>('/health');
    expect(health.jobs).toEqual([
      expect.objectContaining({ job: 'analysis', last_status: 'ok', last_duration_ms: 5 }),
    ]);
    expect(health.llm.calls).toBe(0);
    const instruments = await json<unknown[]>('/instruments');
    expect(instruments).toHaveLength(36);
  });

  it('settings are masked', async () => {
    const r = await get('/settings');
    const text = await r.text();
    expect(text).not.toContain('sk-ant-secret-value-123');
    expect(JSON.parse(text).values.ANTHROPIC_API_KEY).toBe('********');
  });

  it('exports trades and fills as CSV', async () => {
    const fills = await get('/fills.csv');
    expect(fills.headers.get('content-type')).toContain('text/csv');
    expect(fills.headers.get('content-disposition')).toContain('divbot-fills.csv');
    const lines = (await fills.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,at,broker,symbol,side,qty,price,fee,fee_currency,order_id,position_id,venue_trade_id',
    );
    expect(lines.length - 1).toBe((await json<{ total: number }>('/fills')).total);
    const trades = (await (await get('/trades.csv')).text()).split('\r\n');
    expect(trades[0]).toMatch(/^id,signal_id,broker,symbol,timeframe,direction,qty,entry_price,exit_price/);
  });
});

describe('rule efficacy and backtest reports', () => {
  it('rules: each of the 15 rules with the outcomes of the candidates it failed and passed', async () => {
    const signals = await json<{ total: number }>('/signals?limit=1');
    type Group = { candidates: number; resolved: number; pending: number; tp1_rate: number | null };
    const r = await json<{
      candidates: number;
      with_outcome: number;
      rules: Array<{ rule: number; name: string; first_failure: number; rejected: Group; passed: Group }>;
    }>('/rules');
    expect(r.candidates).toBe(signals.total);
    expect(r.rules.map((x) => x.rule)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(r.rules.every((x) => x.name.length > 0)).toBe(true);
    for (const x of r.rules) {
      expect(x.rejected.candidates + x.passed.candidates).toBeLessThanOrEqual(r.candidates);
      expect(x.first_failure).toBeLessThanOrEqual(x.rejected.candidates);
      expect(x.rejected.resolved + x.rejected.pending).toBe(x.rejected.candidates);
    }
    expect(
      r.rules.some((x) => x.rejected.candidates > 0),
      'the demo rejects candidates',
    ).toBe(true);
    expect(r.rules.reduce((a, x) => a + x.first_failure, 0)).toBeLessThanOrEqual(r.candidates);
  });

  const reports = join(varDir, 'reports');
  const raw = (path: string) =>
    new Promise<{ status: number; body: string }>((done, fail) => {
      // node:http sends the path as written (fetch would normalise `..` away).
      const u = new URL(h.url);
      const req = request(
        { host: u.hostname, port: u.port, path, headers: { cookie: auth.cookie } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => {
            body += c.toString();
          });
          res.on('end', () => done({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', fail);
      req.end();
    });

  it('backtests: lists the .html files of VAR_DIR/reports newest first, and serves one sandboxed', async () => {
    expect(await json<unknown[]>('/backtests'), 'no reports directory yet').toEqual([]);
    mkdirSync(join(reports, 'dir.html'), { recursive: true });
    writeFileSync(join(varDir, 'secret.html'), 'TOP SECRET outside the reports');
    writeFileSync(join(reports, 'old-run.html'), '<!doctype html><p>old</p>');
    writeFileSync(join(reports, 'btc_1h-2026.html'), '<!doctype html><script>1</script><p>new report</p>');
    writeFileSync(join(reports, 'notes.txt'), 'not a report');
    writeFileSync(join(reports, '.hidden.html'), 'hidden');
    symlinkSync(join(varDir, 'secret.html'), join(reports, 'link.html'));
    utimesSync(join(reports, 'old-run.html'), 1_700_000_000, 1_700_000_000);
    utimesSync(join(reports, 'btc_1h-2026.html'), 1_800_000_000, 1_800_000_000);
    const list = await json<Array<{ name: string; size: number; modified_at: string }>>('/backtests');
    expect(list).toEqual([
      { name: 'btc_1h-2026.html', size: 50, modified_at: '2027-01-15T08:00:00Z' },
      { name: 'old-run.html', size: 25, modified_at: '2023-11-14T22:13:20Z' },
    ]);
    const r = await get('/backtests/btc_1h-2026.html');
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp.split('; ')[0]).toBe('sandbox allow-scripts');
    expect(csp).not.toContain('allow-same-origin');
    expect(csp).toContain("default-src 'none'");
    expect(await r.text()).toContain('<p>new report</p>');
    expect((await raw('/api/v1/backtests/nope.html')).status).toBe(404);
    expect((await raw('/api/v1/backtests/link.html')).status, 'a symlink is not served').toBe(404);
    expect((await raw('/api/v1/backtests/dir.html')).status).toBe(404);
    expect((await raw('/api/v1/backtests/notes.txt')).status).toBe(400);
    expect((await raw('/api/v1/backtests/.hidden.html')).status).toBe(400);
  });

  it('backtests: refuses path traversal, plain and encoded', async () => {
    writeFileSync(join(varDir, 'secret.html'), 'TOP SECRET outside the reports');
    for (const path of [
      '/api/v1/backtests/../secret.html',
      '/api/v1/backtests/..%2Fsecret.html',
      '/api/v1/backtests/..%2fsecret.html',
      '/api/v1/backtests/%2e%2e%2fsecret.html',
      '/api/v1/backtests/%2E%2E%2Fsecret.html',
      '/api/v1/backtests/..%252Fsecret.html',
      '/api/v1/backtests/..%5Csecret.html',
      '/api/v1/backtests/..\\secret.html',
      '/api/v1/backtests/%2e%2e/secret.html',
      '/api/v1/backtests/reports%2F..%2F..%2Fsecret.html',
      '/api/v1/backtests/%00secret.html',
      `/api/v1/backtests/${encodeURIComponent(join(varDir, 'secret.html'))}`,
    ]) {
      const r = await raw(path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
      expect(r.body, path).not.toContain('TOP SECRET');
    }
  });
});

describe('mutations', () => {
  it('kill-switch reset needs a reason (400) and applies only when HALTED (409)', async () => {
    expect((await post('/control/killswitch/reset', {})).status).toBe(400);
    expect((await post('/control/killswitch/reset', { reason: '  ' })).status).toBe(400);
    expect((await post('/control/killswitch/reset', { reason: 'nothing to reset' })).status).toBe(409);
    await h.control.command('trip', 'test trip');
    const r = await post('/control/killswitch/reset', { reason: 'checked the book' });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ from: 'HALTED', to: 'ACTIVE', changed: true });
  });

  it('closes a position by symbol and audits who asked', async () => {
    const symbol = h.session.engine.active()[0]!.symbol;
    const r = await post('/control/close', { symbol });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ target: symbol, positions_closed: 1 });
    // A market close fills at the venue's next bar: the demo moves on an hour.
    await runDemoUntil(h.session, h.session.clock.now() + 3_600_000);
    expect(h.session.engine.active().some((p) => p.symbol === symbol)).toBe(false);
    const closed = await json<{ items: Array<{ symbol: string; exits: Array<{ reason: string }> }> }>(
      '/trades',
    );
    expect(closed.items.find((t) => t.symbol === symbol)?.exits.map((e) => e.reason)).toContain('manual');
    expect((await post('/control/close', { symbol: 'NOPE/USD' })).status).toBe(400);
    expect((await post('/control/close', {})).status).toBe(400);
    const audit = await json<Array<{ actor: string; action: string; target: string }>>('/audit?limit=50');
    // One entry, naming the user.
    expect(audit.filter((a) => a.action === 'position.close').map((a) => `${a.actor} ${a.target}`)).toEqual([
      `user:demo ${symbol}`,
    ]);
  });

  it('sets an instrument risk multiplier (bounded by the schema)', async () => {
    expect((await post('/instruments/risk', { symbol: 'EUR_USD', multiplier: 0.5 })).status).toBe(200);
    expect((await post('/instruments/risk', { symbol: 'EUR_USD', multiplier: 11 })).status).toBe(400);
    const list = await json<Array<{ symbol: string; risk_multiplier: number }>>('/instruments');
    expect(list.find((i) => i.symbol === 'EUR_USD')!.risk_multiplier).toBe(0.5);
    expect(h.session.controls.control('EUR_USD' as never)).toEqual({ disabled: false, riskMultiplier: 0.5 });
  });
});
