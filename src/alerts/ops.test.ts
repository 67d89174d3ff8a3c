import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Big from 'big.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { StoreControl } from '../control/store-control.js';
import type { Clock } from '../domain/clock.js';
import type { JobDefinition } from '../scheduler/scheduler.js';
import { openStore } from '../store/open.js';
import { putRiskState } from '../store/risk-state-repo.js';
import type { Store } from '../store/store.js';
import { HealthRegistry } from '../web/health.js';
import { Metrics } from '../web/metrics.js';
import { FakeTelegram } from './fake/telegram-fake.js';
import { startOps } from './ops.js';
import { captureLogger } from './test-support.js';

let store: Store;
const tg = new FakeTelegram();
let apiRoot: string;
let beats = 0;
let hbServer: Server;
let hbUrl: string;
let now = Date.UTC(2026, 10, 23, 9, 0);
const clock: Clock = { now: () => now, sleepUntil: async () => {} };

beforeAll(async () => {
  store = await openStore({ dataDir: '', memory: true });
  await store.migrate();
  apiRoot = await tg.start();
  hbServer = createServer((_req, res) => {
    beats++;
    res.end('ok');
  });
  await new Promise<void>((r) => hbServer.listen(0, '127.0.0.1', r));
  hbUrl = `http://127.0.0.1:${(hbServer.address() as AddressInfo).port}/beat`;
});
afterAll(async () => {
  await tg.stop();
  await new Promise<void>((r) => hbServer.close(() => r()));
  await store?.close();
});

const analysis: JobDefinition = { name: 'analysis', schedule: '*/5 * * * *', run: async () => {} };
const failing: JobDefinition = {
  name: 'monitor',
  schedule: '*/2 * * * *',
  run: async () => {
    throw new Error('venue down');
  },
};
const ctx = () => ({ scheduledFor: now, clock, signal: new AbortController().signal });

function ops(env: Record<string, string>) {
  const config = loadConfig(env);
  const health = new HealthRegistry();
  const metrics = new Metrics();
  const o = startOps({
    config,
    store,
    clock,
    logger: captureLogger().logger,
    control: new StoreControl(store, 'live', config, () => now),
    health,
    metrics,
    jobs: [analysis, failing],
    accountKey: 'live',
    telegramPollSeconds: 1,
  });
  return { o, health, metrics };
}

describe('startOps', () => {
  it('without Telegram or SMS: no outbox, no alerts job; the heartbeat follows each good analysis cycle', async () => {
    const { o, health, metrics } = ops({ HEARTBEAT_URL: hbUrl });
    expect(o.jobs.map((j) => j.name)).toEqual(['analysis', 'monitor']);
    expect(o.telegram).toBeUndefined();
    await o.jobs[0]!.run(ctx());
    await o.heartbeat!.settle();
    expect(beats).toBe(1);
    await expect(o.jobs[1]!.run(ctx())).rejects.toThrow('venue down');
    await o.heartbeat!.settle();
    expect(beats, 'a failing job sends no beat').toBe(1);
    expect((await health.run()).checks.alerts).toBeUndefined();
    const text = await metrics.render();
    expect(text).toContain('divbot_job_runs_total{job="monitor",status="error"} 1');
    expect(text).toMatch(/divbot_cycle_duration_seconds \d/);
    for (const s of o.closeSteps) await s.close();
  });

  it('with Telegram: the alerts job delivers, commands answer, and a failed delivery fails /health/deep', async () => {
    const { o, health } = ops({
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_CHAT_ID: '-100123',
      TELEGRAM_ALLOWED_USER_IDS: '99',
      TELEGRAM_API_URL: apiRoot,
    });
    await o.telegramReady;
    const alertsJob = o.jobs.find((j) => j.name === 'alerts')!;
    expect(alertsJob.schedule).toBe('*/2 * * * *');
    await putRiskState(store, {
      accountKey: 'live',
      state: 'HALTED',
      equityPeak: new Big(1000),
      dayStartEquity: null,
      tradingDayStart: null,
      consecutiveLosses: 0,
      reason: 'manual trip',
      updatedAt: now - 1000,
      since: now - 1000,
    });
    await alertsJob.run(ctx());
    expect(tg.sent.map((m) => m.chatId)).toEqual(['-100123']);
    expect(tg.sent[0]!.text).toContain('Kill switch');
    expect((await health.run()).checks.alerts?.status).toBe('ok');

    await putRiskState(store, {
      accountKey: 'live',
      state: 'PAUSED',
      equityPeak: new Big(1000),
      dayStartEquity: null,
      tradingDayStart: null,
      consecutiveLosses: 0,
      reason: 'lunch',
      updatedAt: now,
      since: now,
    });
    tg.faults.arm('sendMessage', { status: 400, description: 'Bad Request: chat not found' });
    now += 120_000;
    await alertsJob.run(ctx());
    const report = await health.run();
    expect(report.failing).toEqual(['alerts']);
    expect(report.checks.alerts?.detail).toContain('chat not found');

    tg.sent.length = 0;
    const id = tg.pushMessage(99, '/status');
    for (let i = 0; i < 100 && !tg.sent.length; i++) await new Promise((r) => setTimeout(r, 50));
    expect(tg.sent[0]?.text).toContain('State PAUSED');
    expect(id).toBeGreaterThan(0);
    for (const s of [...o.closeSteps].reverse()) await s.close();
  });
});
