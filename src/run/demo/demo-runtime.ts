// `divbot run` in dev mode (SPEC §1): the live loop against the SimulatedBroker over the bundled
// market data, on an accelerated clock, with a fresh embedded database each run (--resume
// continues the last one: demo-session.ts).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOps } from '../../alerts/ops.js';
import type { DashboardApi } from '../../api/dashboard-api.js';
import { openDemoDashboard } from '../../api/open-demo.js';
import { AcceleratedClock } from '../../clock/accelerated-clock.js';
import type { Config } from '../../config/schema.js';
import { LiveControl, loopbackUrl, tokenFilePath } from '../../control/index.js';
import type { LocalApi } from '../../control/local-api.js';
import { convert, STATIC_USD_RATES } from '../../domain/instruments/index.js';
import type { Logger } from '../../logging/logger.js';
import { Scheduler } from '../../scheduler/scheduler.js';
import { recordJobRun } from '../../store/index.js';
import type { Metrics } from '../../web/metrics.js';
import type { HttpServer } from '../../web/server.js';
import type { CloseStep } from '../shutdown.js';
import { demoJobs, logSummary } from './demo-jobs.js';
import { ACCOUNT_KEY, openDemoSession } from './demo-session.js';

// The backtester and the cycle benchmark build the same graph.
export { composeDemo } from './demo-compose.js';

export interface DemoOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly server: HttpServer;
  /** Opened once the demo runs (token file VAR_DIR/demo/local-api.token), closed on shutdown. */
  readonly localApi?: LocalApi;
  /** The dashboard and /api/v1, opened with a one-time password for the user `demo`. */
  readonly dashboardApi?: DashboardApi;
  /** /metrics, registered before listen; fed once the demo runs. */
  readonly metrics?: Metrics;
  readonly resume: boolean;
}

export interface DemoRuntime {
  readonly closeSteps: readonly CloseStep[];
  readonly finished: Promise<void>;
}

export async function startDemo(o: DemoOptions): Promise<DemoRuntime> {
  const { config, logger } = o;
  const real = () => performance.timeOrigin + performance.now();
  // Held until the scheduler starts: start-up (restore, reconcile, back-fill) happens at `from`.
  let held = true;
  let clock: AcceleratedClock | undefined;
  const session = await openDemoSession({
    config,
    logger,
    dir: resolve(config.VAR_DIR, 'demo'),
    dataDir: demoDataDir(config.DATA_DIR),
    resume: o.resume,
    clock: (from) => {
      const frozen = real();
      clock = new AcceleratedClock(from, config.DEMO_SPEED, () => (held ? frozen : real()));
      return clock;
    },
  });
  const { store, engine, broker, risk, market } = session;
  const control = new LiveControl({
    store,
    accountKey: ACCOUNT_KEY,
    config,
    now: () => session.clock.now(),
    gate: risk,
    equity: async () => {
      const b = await broker.fetchBalance();
      return convert(b.equity, b.currency, config.BASE_CURRENCY, STATIC_USD_RATES);
    },
    closeSymbol: (symbol, at) => engine.closeSymbol(symbol, 'manual', at),
    controls: session.controls,
  });

  let resolveFinished: () => void = () => {};
  const finished = new Promise<void>((r) => {
    resolveFinished = r;
  });
  // Alerts (when Telegram/SMS are configured), Telegram commands, heartbeat and metrics.
  const ops = startOps({
    config,
    store,
    clock: session.clock,
    logger,
    control,
    health: o.server.health,
    metrics: o.metrics,
    jobs: demoJobs(session, logger, () => {
      resolveFinished();
      void scheduler.stop({ finished: true });
    }),
    accountKey: ACCOUNT_KEY,
    runId: session.runId,
    brokers: [broker],
    demo: true,
  });
  const jobs = ops.jobs;
  const scheduler = new Scheduler({
    clock: session.clock,
    jobs,
    sink: { record: (run) => recordJobRun(store, { ...run, error: run.error ?? null }).then(() => {}) },
    onError: (job, err) => logger.error({ job, err }, 'job failed'),
  });
  for (const job of jobs) {
    o.server.health.register(`job:${job.name}`, () => {
      const s = scheduler.status().find((j) => j.name === job.name)!;
      const status = s.freshness === 'stale' ? 'fail' : s.freshness === 'fresh' ? 'ok' : s.freshness;
      return { status, data: { freshness: s.freshness, last_status: s.lastRun?.status ?? null } };
    });
  }
  o.server.health.register('store', async () => ({ status: 'ok', detail: store.description }));
  const reviewer = session.reviewer;
  if (reviewer) o.server.health.register('llm', () => reviewer.health());

  // The CLI's local API and the dashboard (its one-time password logged) before the replay
  // moves: the first order then never precedes the lines that say how to watch it.
  if (o.localApi) {
    const tokenPath = tokenFilePath(config.VAR_DIR, true);
    o.localApi.open(control, tokenPath, loopbackUrl(o.server.url));
    logger.info({ token_file: tokenPath }, 'local API open for the CLI');
  }
  if (o.dashboardApi) {
    await openDemoDashboard({
      api: o.dashboardApi,
      store,
      control,
      config,
      series: market.series,
      now: () => session.clock.now(),
      health: o.server.health,
      logger,
      url: o.server.url,
    });
  }
  if (session.alreadyFinished) {
    // Nothing is left to replay: the summary again, and the dashboard stays up as at the end.
    await logSummary(session, logger, 'demo already finished: the bundled data ended in an earlier run');
    resolveFinished();
    await scheduler.stop({ finished: true });
  } else {
    held = false;
    clock?.rebase(session.from);
    scheduler.start();
  }
  if (!session.alreadyFinished)
    logger.info(
      {
        run: session.runId,
        from: new Date(session.from).toISOString(),
        to: new Date(market.end).toISOString(),
        speed: config.DEMO_SPEED,
        instruments: session.feeds.length,
      },
      session.resumed
        ? 'demo resumed: replaying the bundled market data from where it stopped'
        : 'demo started: replaying the bundled market data',
    );
  return {
    finished,
    closeSteps: [
      ...session.closeSteps,
      { name: 'scheduler', close: () => scheduler.stop() },
      ...ops.closeSteps,
      { name: 'local API', close: async () => o.localApi?.close() },
      { name: 'dashboard API', close: async () => o.dashboardApi?.close() },
    ],
  };
}

// `./data` relative to where divbot was started, else the data bundled with the package.
function demoDataDir(configured: string): string {
  const dir = resolve(configured);
  if (existsSync(dir)) return dir;
  return fileURLToPath(new URL('../../../data/', import.meta.url));
}
