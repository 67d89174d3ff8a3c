import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.js';
import { InstrumentControls } from '../../control/instrument-controls.js';
import { LiveControl } from '../../control/live-control.js';
import type { RiskBookState } from '../../risk/breaker-state.js';
import { listAudit } from '../../store/audit-repo.js';
import { openStore } from '../../store/open.js';
import type { Store } from '../../store/store.js';
import { waitFor } from '../../test-support/wait.js';
import { FakeTelegram } from '../fake/telegram-fake.js';
import { captureLogger, insertPosition } from '../test-support.js';
import { TelegramCommands } from './commands.js';

const ALLOWED = 4242;
const STRANGER = 666;
const GROUP = -100777;
const T0 = Date.UTC(2026, 10, 23, 9, 0);

let store: Store;
const tg = new FakeTelegram();
let commands: TelegramCommands;
const closed: (string | undefined)[] = [];
const log = captureLogger();
let book: RiskBookState = {
  state: 'ACTIVE',
  equityPeak: 10_500,
  dayStartEquity: 10_000,
  tradingDayStart: Date.UTC(2026, 10, 22, 22, 0),
  consecutiveLosses: 1,
  reason: null,
  updatedAt: null,
  since: null,
  reducingUntil: null,
  netFlows: 0,
};

beforeAll(async () => {
  store = await openStore({ dataDir: '', memory: true });
  await store.migrate();
  const apiRoot = await tg.start();
  const control = new LiveControl({
    store,
    accountKey: 'live',
    config: loadConfig({}),
    now: () => T0,
    gate: {
      get tradingState() {
        return book;
      },
      setState: async (s) => {
        book = s;
      },
    },
    equity: async () => 10_080,
    closeSymbol: async (symbol) => {
      closed.push(symbol);
      return 1;
    },
    controls: new InstrumentControls(),
  });
  commands = new TelegramCommands({
    token: tg.token,
    apiUrl: `${apiRoot}/`,
    allowedUserIds: [ALLOWED],
    control,
    store,
    now: () => T0,
    logger: log.logger,
    pollTimeoutSeconds: 1,
  });
  await commands.start();
});
afterAll(async () => {
  await commands?.stop();
  await tg.stop();
  await store?.close();
});
beforeEach(() => {
  tg.sent.length = 0;
});

/** Sends a message and waits until the bot has confirmed it (a later getUpdates offset). */
async function say(user: number, text: string, chat = user): Promise<string[]> {
  const id = tg.pushMessage(user, text, chat);
  await waitFor(
    () =>
      tg.calls.some(
        (c) => c.method === 'getUpdates' && typeof c.body.offset === 'number' && c.body.offset > id,
      ) || undefined,
    10_000,
  );
  return tg.sent.map((m) => m.text);
}

describe('Telegram commands', () => {
  it('answers /status for an allow-listed user, through the control plane', async () => {
    const [reply] = await say(ALLOWED, '/status');
    expect(reply).toContain('State ACTIVE');
    expect(reply).toContain('Equity 10080.00  Peak 10500.00  Drawdown 4%');
    expect(tg.sent[0]!.chatId).toBe(String(ALLOWED));
  });

  it('ignores everyone else — even in a chat where an allowed user sits — and logs them', async () => {
    expect(await say(STRANGER, '/killswitch')).toEqual([]);
    expect(await say(STRANGER, '/status', GROUP)).toEqual([]);
    expect(book.state).toBe('ACTIVE');
    const ignored = log.lines().filter((l) => String(l.msg).includes('not in TELEGRAM_ALLOWED_USER_IDS'));
    expect(ignored.map((l) => l.telegram_user)).toEqual([STRANGER, STRANGER]);
  });

  it('/pause and /resume change the trading state, audited with the Telegram user as actor', async () => {
    expect((await say(ALLOWED, '/pause lunch'))[0]).toContain('ACTIVE → PAUSED');
    expect(book.state).toBe('PAUSED');
    tg.sent.length = 0;
    expect((await say(ALLOWED, '/resume'))[0]).toContain('PAUSED → ACTIVE');
    tg.sent.length = 0;
    expect((await say(ALLOWED, '/resume'))[0], 'a command that does not apply is refused').toMatch(
      /^Refused:/,
    );
    const audit = await listAudit(store);
    const mine = audit.filter((a) => a.actor === `telegram:${ALLOWED}`).map((a) => a.action);
    // Each change once, by the control plane, naming the user; the refused /resume by the bot.
    expect(mine.sort()).toEqual(['telegram.resume', 'trading.pause', 'trading.resume']);
    const planes = audit.filter((a) => a.action === 'trading.pause');
    expect(planes[0]!.reason).toBe(`lunch (telegram user ${ALLOWED})`);
  });

  it('/close SYMBOL closes through the control plane; a bad symbol is refused', async () => {
    expect((await say(ALLOWED, '/close btc/usdt'))[0]).toBe('Closed 1 position in BTC/USDT.');
    expect(closed).toEqual(['BTC/USDT']);
    tg.sent.length = 0;
    expect((await say(ALLOWED, '/close NOPE'))[0]).toContain('unknown symbol NOPE');
    tg.sent.length = 0;
    expect((await say(ALLOWED, '/close'))[0]).toContain('Usage: /close SYMBOL');
    expect(closed).toHaveLength(1);
  });

  it('/positions, /pnl and /signals read the store', async () => {
    await insertPosition(store, { openedAt: T0 - 3_600_000 });
    expect((await say(ALLOWED, '/positions'))[0]).toContain('LONG 0.1 BTC/USDT @ 30000  stop 29400');
    tg.sent.length = 0;
    expect((await say(ALLOWED, '/pnl'))[0]).toContain('Equity 10080.00  Day P&L +80.00');
    tg.sent.length = 0;
    expect((await say(ALLOWED, '/signals'))[0]).toBe('No accepted signals yet.');
  });

  it('/killswitch trips HALTED; no Telegram command leaves it', async () => {
    expect((await say(ALLOWED, '/killswitch fat finger'))[0]).toContain('ACTIVE → HALTED');
    expect(book.state).toBe('HALTED');
    tg.sent.length = 0;
    await say(ALLOWED, '/resume');
    await say(ALLOWED, '/reset');
    expect(book.state).toBe('HALTED');
    expect(tg.sent[0]!.text).toMatch(/^Refused:/);
    expect(tg.sent[1]!.text).toContain('Unknown command');
    const trip = (await listAudit(store)).find((a) => a.action === 'killswitch.trip');
    expect(trip).toMatchObject({ actor: `telegram:${ALLOWED}`, target: 'trading_state' });
  });

  it('long-polls with increasing offsets, so no update is handled twice', async () => {
    const offsets = tg.calls
      .filter((c) => c.method === 'getUpdates' && typeof c.body.offset === 'number')
      .map((c) => c.body.offset as number);
    expect(offsets.length).toBeGreaterThan(5);
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
  });
});
