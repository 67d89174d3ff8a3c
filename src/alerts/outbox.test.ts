import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/open.js';
import { alerts } from '../store/schema/ops.js';
import type { Store } from '../store/store.js';
import type { AlertEvent } from './alert-event.js';
import { FakeTelegram } from './fake/telegram-fake.js';
import { backoffMs, enqueue, MAX_ATTEMPTS, Outbox, outboxHealth } from './outbox.js';
import { TelegramNotifier, telegramApi } from './telegram/notifier.js';

let store: Store;
const tg = new FakeTelegram();
let apiRoot: string;
const T0 = Date.UTC(2026, 10, 23, 10, 0);

const event = (key: string, critical = false): AlertEvent => ({
  key,
  kind: 'trading_state',
  critical,
  at: T0,
  text: `text of ${key}`,
});

beforeAll(async () => {
  store = await openStore({ dataDir: '', memory: true });
  await store.migrate();
  apiRoot = await tg.start();
});
afterAll(async () => {
  await tg.stop();
  await store?.close();
});
beforeEach(async () => {
  await store.db.delete(alerts);
  tg.sent.length = 0;
  tg.faults.reset();
});

const outbox = () => new Outbox(store, [new TelegramNotifier(telegramApi(tg.token, apiRoot), '-1001')]);

describe('alert outbox', () => {
  it('stores one row per event and channel, SMS only for critical events, and never twice', async () => {
    expect(await enqueue(store, [event('a'), event('b', true)], ['telegram', 'sms'], T0)).toBe(3);
    expect(await enqueue(store, [event('a'), event('b', true)], ['telegram', 'sms'], T0 + 1)).toBe(0);
    const rows = await store.db.select().from(alerts);
    expect(rows.map((r) => `${r.channel}:${r.eventKey}`).sort()).toEqual([
      'sms:b',
      'telegram:a',
      'telegram:b',
    ]);
    expect(rows.every((r) => r.status === 'pending' && r.attempts === 0)).toBe(true);
  });

  it('delivers through the Bot API and records sent, attempts and delivery time', async () => {
    await enqueue(store, [event('a'), event('b')], ['telegram'], T0);
    const pass = await outbox().deliver(T0);
    expect(pass).toEqual({ sent: 2, failed: 0, retrying: 0 });
    expect(tg.sent).toEqual([
      { chatId: '-1001', text: 'text of a' },
      { chatId: '-1001', text: 'text of b' },
    ]);
    const rows = await store.db.select().from(alerts);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.deliveredAt === T0)).toBe(true);
    expect((await outbox().deliver(T0 + HOURS)).sent, 'a sent alert is not sent again').toBe(0);
  });

  it('retries a failed delivery with backoff on the Clock, keeping the last error', async () => {
    await enqueue(store, [event('a')], ['telegram'], T0);
    tg.faults.arm('sendMessage', { status: 502, description: 'Bad Gateway' });
    const box = outbox();
    expect(await box.deliver(T0)).toEqual({ sent: 0, failed: 0, retrying: 1 });
    let [row] = await store.db.select().from(alerts);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastAttemptAt: T0 });
    expect(row!.lastError).toContain('502 Bad Gateway');
    expect((await box.deliver(T0 + backoffMs(1) - 1)).sent, 'not before the backoff').toBe(0);
    expect(tg.sent).toHaveLength(0);
    expect((await box.deliver(T0 + backoffMs(1))).sent).toBe(1);
    [row] = await store.db.select().from(alerts);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it("honours a 429's retry_after for the whole channel", async () => {
    await enqueue(store, [event('a'), event('b')], ['telegram'], T0);
    tg.faults.arm('sendMessage', {
      status: 429,
      description: 'Too Many Requests: retry after 300',
      retryAfter: 300,
    });
    const box = outbox();
    expect(await box.deliver(T0)).toEqual({ sent: 0, failed: 0, retrying: 1 });
    // Past the 30 s backoff but inside retry_after: neither row is tried.
    expect(await box.deliver(T0 + 120_000)).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(tg.calls.filter((c) => c.method === 'sendMessage').length).toBeGreaterThan(0);
    const before = tg.calls.length;
    await box.deliver(T0 + 299_000);
    expect(tg.calls.length, 'no call while Telegram asked us to wait').toBe(before);
    expect(await box.deliver(T0 + 300_000)).toEqual({ sent: 2, failed: 0, retrying: 0 });
    const [row] = await store.db.select().from(alerts).where(eq(alerts.eventKey, 'a'));
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('gives up at once on an error retrying cannot fix, and after MAX_ATTEMPTS otherwise; health reports it', async () => {
    await enqueue(store, [event('forbidden'), event('flaky')], ['telegram'], T0);
    tg.faults.arm('sendMessage', {
      status: 403,
      description: 'Forbidden: bot was kicked from the group chat',
    });
    tg.faults.arm('sendMessage', { status: 500, description: 'Internal Server Error' }, MAX_ATTEMPTS);
    const box = outbox();
    let t = T0;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await box.deliver(t);
      t += backoffMs(MAX_ATTEMPTS);
    }
    const rows = await store.db.select().from(alerts);
    const byKey = Object.fromEntries(rows.map((r) => [r.eventKey, r]));
    expect(byKey.forbidden).toMatchObject({ status: 'failed', attempts: 1 });
    expect(byKey.forbidden!.lastError).toContain('403');
    expect(byKey.flaky).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    const h = await outboxHealth(store, t, 24 * HOURS);
    expect(h).toMatchObject({ pending: 0, failedRecently: 2 });
    expect(h.lastError).toMatch(/403|500/);
    expect(
      (await outboxHealth(store, t + 25 * HOURS, 24 * HOURS)).failedRecently,
      'old failures age out',
    ).toBe(0);
  });

  it('never puts the bot token into a stored error', async () => {
    await enqueue(store, [event('a')], ['telegram'], T0);
    // A port nothing listens on: a network error, whose inner message carries the URL.
    const dead = new Outbox(store, [new TelegramNotifier(telegramApi(tg.token, 'http://127.0.0.1:9'), '1')]);
    await dead.deliver(T0);
    const [row] = await store.db.select().from(alerts);
    expect(row!.lastError).toBeTruthy();
    expect(row!.lastError).not.toContain(tg.token);
  });
});

const HOURS = 3_600_000;
