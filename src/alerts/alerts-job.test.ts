import Big from 'big.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { recordJobRun } from '../store/job-runs-repo.js';
import { openStore } from '../store/open.js';
import { putRiskState } from '../store/risk-state-repo.js';
import { alerts } from '../store/schema/ops.js';
import { signals } from '../store/schema/signals.js';
import { recordSnapshot } from '../store/snapshots-repo.js';
import type { Store } from '../store/store.js';
import { AlertsJob } from './alerts-job.js';
import { FakeClickSend } from './fake/clicksend-fake.js';
import { FakeTelegram } from './fake/telegram-fake.js';
import { Outbox } from './outbox.js';
import { ClickSendNotifier } from './sms/clicksend.js';
import { TelegramNotifier, telegramApi } from './telegram/notifier.js';
import { HOUR, insertEntryFill, insertPosition } from './test-support.js';

let store: Store;
const tg = new FakeTelegram();
const cs = new FakeClickSend();
let job: AlertsJob;
// 09:00 UTC: the trading day (17:00 New York = 22:00 UTC in November) started at 22:00 yesterday.
const T0 = Date.UTC(2026, 10, 23, 9, 0);
const config = loadConfig({});

beforeAll(async () => {
  store = await openStore({ dataDir: '', memory: true });
  await store.migrate();
  const apiRoot = await tg.start();
  const csUrl = await cs.start();
  const outbox = new Outbox(store, [
    new TelegramNotifier(telegramApi(tg.token, apiRoot), '-100200'),
    new ClickSendNotifier({ baseUrl: csUrl, username: cs.username, apiKey: cs.apiKey, to: ['+61411111111'] }),
  ]);
  job = new AlertsJob({
    sources: {
      store,
      accountKey: 'live',
      live: true,
      baseCurrency: 'USD',
      equity: async () => 10_000,
    },
    outbox,
    dayStart: config.TRADING_DAY_START,
  });
});
afterAll(async () => {
  await tg.stop();
  await cs.stop();
  await store?.close();
});

const texts = () => tg.sent.map((m) => m.text);

describe('alerts job', () => {
  it('alerts an opened position with its levels, quantity, risk in money and %, R:R and score', async () => {
    await insertPosition(store, { openedAt: T0 - 10 * 60_000 });
    await job.run(T0);
    const [text] = texts();
    expect(text).toContain('Signal accepted: BUY BTC/USDT 4h');
    expect(text).toContain('Entry 30000  Stop 29400');
    expect(text).toContain('TP1 30600  TP2 31800');
    // (30 000 − 29 400) × 0.1 = 60 USD, 0.6 % of 10 000.
    expect(text).toContain('Qty 0.1  Risk 60.00 USD (0.60%)');
    expect(text).toContain('R:R 2.40  Score 7.5');
    expect(cs.sent, 'not critical: no SMS').toHaveLength(0);
  });

  it('alerts entry fills and TP/SL exits once, however often the window is read again', async () => {
    tg.sent.length = 0;
    const t = T0 + 4 * 60_000;
    await insertEntryFill(store, {
      clientId: 'e-1-A',
      tradeId: 'T1',
      at: t - 60_000,
      qty: 0.05,
      price: 30_010,
      ticket: 'A',
    });
    await insertPosition(store, {
      symbol: 'ETH/USDT',
      direction: 'short',
      entry: 2_000,
      stop: 2_050,
      tp1: 1_950,
      tp2: 1_850,
      openedAt: T0 - 30 * HOUR,
      closedAt: t - 30_000,
      exits: [
        { time: t - 90_000, price: '1950', qty: '1', reason: 'tp1' },
        { time: t - 30_000, price: '2000', qty: '1', reason: 'breakeven' },
      ],
    });
    await job.run(t);
    await job.run(t + 2 * 60_000);
    const got = texts();
    expect(got.filter((x) => x.includes('Order filled'))).toEqual([
      '🟢 Order filled: BUY 0.05 BTC/USDT @ 30010 (simulated ticket A)\nStop 29400  Target 30600',
    ]);
    const exits = got.filter((x) => x.includes('ETH/USDT'));
    expect(exits).toHaveLength(2);
    expect(exits[0]).toContain('TP1 hit: short ETH/USDT');
    expect(exits[0]).toContain('P&L 50.00 USD  +1.00 R');
    expect(exits[1]).toContain('Breakeven stop hit');
    const rows = await store.db.select().from(alerts);
    expect(new Set(rows.map((r) => r.eventKey)).size).toBe(rows.length);
  });

  it('alerts a candidate the risk manager turned down, with its failing rules; never the score gate’s or the rules’', async () => {
    tg.sent.length = 0;
    const t = T0 + 6 * 60_000;
    const verdicts = Array.from({ length: 15 }, (_, rule) => ({
      rule,
      name: rule === 4 ? 'risk_reward' : `r${rule}`,
      status: rule === 4 ? ('fail' as const) : ('pass' as const),
      value: rule === 4 ? 1.6 : null,
      threshold: rule === 4 ? 2 : null,
    }));
    const row = (i: number, rejectedBy: string | null, deniedBy: string | null) => ({
      runId: 'live',
      mode: 'live' as const,
      symbol: 'EUR/USD',
      timeframe: '1h' as const,
      type: 'regular_bullish' as const,
      direction: 'long' as const,
      pivot1Time: i,
      pivot2Time: i + 1,
      confirmTime: t - 60_000,
      pivot1Price: '1.1',
      pivot2Price: '1.09',
      knownAt: t - 60_000,
      entry: '1.1',
      stop: '1.09',
      tp1: '1.12',
      tp2: '1.14',
      score: 6,
      verdicts: rejectedBy === null ? verdicts.map((v) => ({ ...v, status: 'pass' as const })) : verdicts,
      rejectedBy,
      deniedBy,
      accepted: rejectedBy === null,
      candidate: {},
    });
    await store.db
      .insert(signals)
      .values([row(1, null, 'MAX_POSITIONS_BROKER'), row(2, 'score', null), row(3, '4', null)]);
    await job.run(t);
    const rejected = texts().filter((x) => x.includes('Signal rejected'));
    expect(rejected).toEqual([
      '❌ Signal rejected (risk manager: MAX_POSITIONS_BROKER): BUY EUR/USD 1h\nEntry 1.1  Stop 1.09  TP1 1.12  TP2 1.14  Score 6.0\nFailing rules: none',
    ]);
  });

  it('sends the kill switch to Telegram and by SMS, once per state entered', async () => {
    tg.sent.length = 0;
    const t = T0 + 10 * 60_000;
    await putRiskState(store, {
      accountKey: 'live',
      state: 'HALTED',
      equityPeak: new Big(11_000),
      dayStartEquity: new Big(10_000),
      tradingDayStart: null,
      consecutiveLosses: 0,
      reason: 'drawdown 15.2 % ≥ MAX_DRAWDOWN_PCT 15',
      updatedAt: t - 60_000,
      since: t - 60_000,
    });
    await recordJobRun(store, {
      job: 'monitor',
      scheduledFor: t - 60_000,
      startedAt: t - 60_000,
      finishedAt: t - 59_000,
      status: 'error',
      error: 'venue timeout',
    });
    await job.run(t);
    await job.run(t + 2 * 60_000);
    const halted = texts().filter((x) => x.includes('HALTED'));
    expect(halted).toHaveLength(1);
    expect(halted[0]).toContain('drawdown 15.2 %');
    expect(cs.sent.map((m) => m.to)).toEqual(['+61411111111']);
    expect(cs.sent[0]!.body).toContain('Kill switch');
    expect(texts().filter((x) => x.includes('Job monitor failed'))).toHaveLength(1);
    expect(cs.sent, 'a job error is not critical').toHaveLength(1);
  });

  it('sends the daily summary once, when a trading day ends', async () => {
    tg.sent.length = 0;
    const dayEnd = Date.UTC(2026, 10, 23, 22, 0);
    await recordSnapshot(store, {
      at: Date.UTC(2026, 10, 22, 22, 0),
      currency: 'USD',
      equity: 10_000,
      balance: 10_000,
      unrealizedPnl: 0,
      openRisk: 0,
      state: 'ACTIVE',
      brokers: {},
    });
    await recordSnapshot(store, {
      at: dayEnd - HOUR,
      currency: 'USD',
      equity: 10_125.5,
      balance: 10_100,
      unrealizedPnl: 25.5,
      openRisk: 60,
      state: 'HALTED',
      brokers: {},
    });
    await job.run(dayEnd - 60_000);
    expect(
      texts().some((x) => x.includes('Daily summary')),
      'not before the day ends',
    ).toBe(false);
    await job.run(dayEnd + 60_000);
    await job.run(dayEnd + 3 * 60_000);
    const summaries = texts().filter((x) => x.includes('Daily summary'));
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toContain('trading day of 2026-11-22T22:00:00Z');
    expect(summaries[0]).toContain('P&L +125.50 USD  Equity 10125.50 USD');
    expect(summaries[0]).toContain('Trades closed 1 (0 won), opened 1');
    expect(summaries[0]).toContain('Open risk 60.00 USD');
    expect(summaries[0]).toContain('Breakers: HALTED');
  });
});
