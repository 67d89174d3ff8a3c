// /api/v1 against a demo-like instance: what each page reads, the chart data, CSV export, and the
// mutations through the control plane.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemoUntil } from '../run/demo/test-support/drive.js';
import { recordJobRun } from '../store/index.js';
import { type ApiHarness, login, startApiHarness } from './test-support/api-harness.js';

let h: ApiHarness;
let auth: { cookie: string; csrf: string };
beforeAll(async () => {
  h = await startApiHarness({ hours: 48, env: { ANTHROPIC_API_KEY: 'sk-ant-secret-value-123' } });
  auth = await login(h);
}, 120_000);
afterAll(async () => {
  await h?.close();
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
