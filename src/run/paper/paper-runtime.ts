// `divbot run --mode paper|live`: the paper session's jobs on the scheduler, its health checks
// (store, each venue, each job's freshness) and the control plane for the CLI's local API.
import { startOps } from '../../alerts/ops.js';
import type { DashboardApi } from '../../api/dashboard-api.js';
import { openInstanceDashboard } from '../../api/open-instance.js';
import type { Config } from '../../config/schema.js';
import { LiveControl, loopbackUrl, tokenFilePath } from '../../control/index.js';
import type { LocalApi } from '../../control/local-api.js';
import type { Clock } from '../../domain/clock.js';
import { convert, STATIC_USD_RATES } from '../../domain/instruments/index.js';
import type { InstrumentRegistry } from '../../domain/instruments/registry.js';
import type { Logger } from '../../logging/logger.js';
import { Scheduler } from '../../scheduler/scheduler.js';
import { recordJobRun } from '../../store/index.js';
import type { Metrics } from '../../web/metrics.js';
import type { HttpServer } from '../../web/server.js';
import type { CloseStep } from '../shutdown.js';
import { paperJobs } from './paper-jobs.js';
import { openPaperSession, type PaperSession } from './paper-session.js';
import type { VenueTuning } from './venues.js';

export interface PaperOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly server: HttpServer;
  readonly clock: Clock;
  readonly localApi?: LocalApi;
  readonly registry?: InstrumentRegistry;
  readonly metrics?: Metrics;
  readonly tuning?: VenueTuning;
  /** The dashboard and /api/v1 (users from `divbot users add` or DASHBOARD_USER_*). */
  readonly dashboardApi?: DashboardApi;
}

export interface PaperRuntime {
  readonly session: PaperSession;
  readonly scheduler: Scheduler;
  readonly control: LiveControl;
  readonly closeSteps: readonly CloseStep[];
}

export async function startPaper(o: PaperOptions): Promise<PaperRuntime> {
  const { config, logger, clock } = o;
  const session = await openPaperSession({
    config,
    logger,
    clock,
    ...(o.registry ? { registry: o.registry } : {}),
    ...(o.tuning ? { tuning: o.tuning } : {}),
  });
  const { store, engine, broker, risk } = session;
  const control = new LiveControl({
    store,
    accountKey: session.accountKey,
    config,
    now: () => clock.now(),
    gate: risk,
    equity: async () => {
      const b = await broker.fetchBalance();
      return convert(b.equity, b.currency, config.BASE_CURRENCY, STATIC_USD_RATES);
    },
    closeSymbol: (symbol, at) => engine.closeSymbol(symbol, 'manual', at),
    controls: session.controls,
  });
  // Alerts (when Telegram/SMS are configured), Telegram commands, heartbeat and metrics.
  const ops = startOps({
    config,
    store,
    clock,
    logger,
    control,
    health: o.server.health,
    metrics: o.metrics,
    jobs: paperJobs(session, logger),
    accountKey: session.accountKey,
    runId: session.runId,
    brokers: session.data.venues.map(([id, v]) => ({ id, checkConnectivity: () => v.checkConnectivity() })),
  });
  const jobs = ops.jobs;
  const scheduler = new Scheduler({
    clock,
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
  for (const [id, venue] of session.data.venues) {
    o.server.health.register(`broker:${id}`, async () => {
      const h = await venue.checkConnectivity();
      return { status: h.ok ? 'ok' : 'fail', detail: h.detail };
    });
  }

  // History back-filled from the venues warms every indicator; bars closing from now on trade.
  const warmed = await session.loop.step(clock.now());
  logger.info(
    { bars: warmed.bars, instruments: session.feeds.length },
    'history back-filled from the venues',
  );
  scheduler.start();
  if (o.localApi) {
    const tokenPath = tokenFilePath(config.VAR_DIR, false);
    o.localApi.open(control, tokenPath, loopbackUrl(o.server.url));
    logger.info({ token_file: tokenPath }, 'local API open for the CLI');
  }
  if (o.dashboardApi)
    openInstanceDashboard({
      api: o.dashboardApi,
      store,
      control,
      config,
      now: () => clock.now(),
      health: o.server.health,
    });
  return {
    session,
    scheduler,
    control,
    closeSteps: [
      { name: 'scheduler', close: () => scheduler.stop() },
      ...ops.closeSteps,
      { name: 'local API', close: async () => o.localApi?.close() },
      { name: 'dashboard API', close: async () => o.dashboardApi?.close() },
      ...session.closeSteps,
    ],
  };
}
