// `divbot fakes` (SPEC §11): the fake OANDA, Binance and IG/Yahoo servers (and Telegram's and
// ClickSend's, whose messages it logs) on loopback, serving the
// bundled market moved onto today's calendar (history behind now, `--ahead` days still to come,
// revealed bar by bar as the real clock passes them), for a user's dry run of paper mode:
//   divbot fakes --write-env fakes.env          # one shell: serves until Ctrl-C
//   divbot run --mode paper --env-file fakes.env  # another shell
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeClickSend } from '../../alerts/fake/clicksend-fake.js';
import { FakeTelegram } from '../../alerts/fake/telegram-fake.js';
import { startFakeMarket } from '../../brokers/fake-market/fake-market.js';
import { marketTimeline } from '../../brokers/fake-market/market-series.js';
import { SystemClock } from '../../clock/system-clock.js';
import { createLogger } from '../../logging/logger.js';
import { loadDemoMarket } from '../../run/demo/demo-data.js';
import { type GlobalOptions, loadCliConfig } from '../global-options.js';
import { parseCount } from '../parse-count.js';

const DAY_MS = 86_400_000;
/** The Telegram user id the dry run's alerts go to and whose commands are answered. */
const DRY_RUN_USER = 424242;

interface FakesOptions {
  readonly data?: string;
  readonly ahead?: string;
  readonly history?: string;
  readonly writeEnv?: string;
  readonly json?: boolean;
}

export async function fakesCommand(opts: FakesOptions, globals: GlobalOptions): Promise<void> {
  const config = loadCliConfig(globals);
  const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const ahead = parseCount('--ahead', opts.ahead, 30);
  const history = parseCount('--history', opts.history, 90);
  const dir = opts.data ?? fileURLToPath(new URL('../../../data/', import.meta.url));
  const clock = new SystemClock();
  const now = clock.now();
  const data = await loadDemoMarket(resolve(dir));
  const timeline = marketTimeline(data.series, now, { aheadMs: ahead * DAY_MS, historyMs: history * DAY_MS });
  const market = await startFakeMarket(timeline.series, now);
  // Alerts go to fakes too: what the bot would send is logged here instead.
  const telegram = new FakeTelegram();
  const sms = new FakeClickSend();
  const env: Record<string, string> = {
    ...market.env,
    TELEGRAM_API_URL: await telegram.start(),
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_CHAT_ID: String(DRY_RUN_USER),
    TELEGRAM_ALLOWED_USER_IDS: String(DRY_RUN_USER),
    CLICKSEND_BASE_URL: await sms.start(),
    CLICKSEND_USERNAME: sms.username,
    CLICKSEND_API_KEY: sms.apiKey,
    SMS_TO: '+61400000000',
  };

  const lines = Object.entries(env).map(([k, v]) => `export ${k}=${v}`);
  if (opts.writeEnv) await writeFile(opts.writeEnv, `${lines.map((l) => l.slice(7)).join('\n')}\n`);
  process.stdout.write(opts.json ? `${JSON.stringify(env, null, 2)}\n` : `${lines.join('\n')}\n`);
  logger.info(
    {
      instruments: timeline.series.map((s) =>
        s.synthetic ? `${s.symbol} (synthetic: ${s.synthetic})` : s.symbol,
      ),
      shifted_weeks: timeline.shiftMs / (7 * DAY_MS),
      history_days: history,
      ahead_days: ahead,
    },
    'fake venues serving on loopback (fake credentials; point divbot run --mode paper at them)',
  );

  // Each closed bar is revealed as the real clock passes its close; alerts are echoed.
  let told = { telegram: 0, sms: 0 };
  const timer = setInterval(() => {
    market.advanceTo(clock.now());
    for (const m of telegram.sent.slice(told.telegram))
      logger.info({ telegram: m.text }, 'alert sent to the fake Telegram');
    for (const m of sms.sent.slice(told.sms)) logger.info({ sms: m.body }, 'SMS sent to the fake ClickSend');
    told = { telegram: telegram.sent.length, sms: sms.sent.length };
  }, 5_000);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  clearInterval(timer);
  await Promise.all([market.close(), telegram.stop(), sms.stop()]);
  logger.info('fake venues stopped');
}
