// `divbot fakes` (SPEC §11): the fake OANDA, Binance and IG/Yahoo servers on loopback, serving the
// bundled market moved onto today's calendar (history behind now, `--ahead` days still to come,
// revealed bar by bar as the real clock passes them), for a user's dry run of paper mode:
//   divbot fakes --write-env fakes.env          # one shell: serves until Ctrl-C
//   divbot run --mode paper --env-file fakes.env  # another shell
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeMarket } from '../../brokers/fake-market/fake-market.js';
import { marketTimeline } from '../../brokers/fake-market/market-series.js';
import { SystemClock } from '../../clock/system-clock.js';
import { createLogger } from '../../logging/logger.js';
import { loadDemoMarket } from '../../run/demo/demo-data.js';
import { type GlobalOptions, loadCliConfig } from '../global-options.js';
import { parseCount } from '../parse-count.js';

const DAY_MS = 86_400_000;

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

  const lines = Object.entries(market.env).map(([k, v]) => `export ${k}=${v}`);
  if (opts.writeEnv) await writeFile(opts.writeEnv, `${lines.map((l) => l.slice(7)).join('\n')}\n`);
  process.stdout.write(opts.json ? `${JSON.stringify(market.env, null, 2)}\n` : `${lines.join('\n')}\n`);
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

  // Each closed bar is revealed as the real clock passes its close.
  const timer = setInterval(() => market.advanceTo(clock.now()), 5_000);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  clearInterval(timer);
  await market.close();
  logger.info('fake venues stopped');
}
