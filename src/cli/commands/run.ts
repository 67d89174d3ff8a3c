import { createRequire } from 'node:module';
import { DashboardApi } from '../../api/dashboard-api.js';
import { liveConfigIssues } from '../../config/live.js';
import { secretValues } from '../../config/mask.js';
import { LocalApi } from '../../control/local-api.js';
import { ConfigError, UsageError } from '../../domain/errors.js';
import { createLogger } from '../../logging/logger.js';
import { type CloseStep, closeAll, installShutdown } from '../../run/shutdown.js';
import { Metrics } from '../../web/metrics.js';
import { startHttpServer } from '../../web/server.js';
import { type GlobalOptions, loadCliConfig } from '../global-options.js';

interface RunOptions {
  readonly mode?: 'dev' | 'paper' | 'live';
  readonly speed?: string;
  readonly resume?: boolean;
}

export async function runCommand(opts: RunOptions, globals: GlobalOptions): Promise<void> {
  const extra: Record<string, string> = {};
  if (opts.mode) extra.MODE = opts.mode;
  if (opts.speed !== undefined) {
    if (!(Number(opts.speed) > 0) || !Number.isFinite(Number(opts.speed))) {
      throw new UsageError(
        `--speed: expected a positive number of simulated seconds per second, got "${opts.speed}"`,
      );
    }
    extra.DEMO_SPEED = opts.speed;
  }
  const config = loadCliConfig(globals, extra);
  if (config.MODE !== 'dev' && (opts.speed !== undefined || opts.resume === true)) {
    // Paper and live run on the real clock and always continue from their store.
    throw new UsageError(
      `${opts.speed !== undefined ? '--speed' : '--resume'}: only for the demo (dev mode); ${config.MODE} mode runs on the real clock and always continues from its store`,
    );
  }
  if (config.MODE === 'live') {
    // SPEC §17: live refuses to start, naming each missing item; users added with
    // `divbot users add` count as well as DASHBOARD_USER_<NAME>.
    const dashboardUserCount =
      Object.keys(config.DASHBOARD_USERS).length > 0
        ? 0
        : await (await import('./users.js')).storedUserCount(config);
    const issues = liveConfigIssues(config, { dashboardUserCount });
    if (issues.length > 0) throw new ConfigError(issues);
  }
  const logger = createLogger({
    level: config.LOG_LEVEL,
    format: config.LOG_FORMAT,
    secrets: secretValues(config),
  });
  const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };

  // Listen first: /health must answer before anything slow is loaded. The local API's routes are
  // registered now (Fastify takes no routes after listen); they answer once the instance opens it.
  const localApi = new LocalApi();
  const metrics = new Metrics();
  const dashboardApi = new DashboardApi({
    configuredUsers: config.DASHBOARD_USERS,
    secure: config.TRUST_PROXY,
    version,
  });
  const server = await startHttpServer({
    host: config.HOST,
    port: config.PORT,
    logger,
    version,
    trustProxy: config.TRUST_PROXY,
    plugins: [localApi.plugin, dashboardApi.plugin, metrics.plugin],
  });
  logger.info({ url: server.url, mode: config.MODE }, `divbot ${version} listening on ${server.url}`);

  const closeSteps: CloseStep[] = [{ name: 'http', close: () => server.close() }];
  installShutdown(logger, () => closeSteps);
  if (config.MODE !== 'dev') {
    // Paper and live: the venues' adapters on the real clock (run/paper).
    const { startPaper } = await import('../../run/paper/paper-runtime.js');
    const { SystemClock } = await import('../../clock/system-clock.js');
    try {
      const paper = await startPaper({
        config,
        logger,
        server,
        clock: new SystemClock(),
        localApi,
        metrics,
        dashboardApi,
      });
      closeSteps.push(...paper.closeSteps);
    } catch (e) {
      await closeAll(logger, closeSteps);
      throw e;
    }
    return;
  }
  const { startDemo } = await import('../../run/demo/demo-runtime.js');
  try {
    const demo = await startDemo({
      config,
      logger,
      server,
      localApi,
      dashboardApi,
      metrics,
      resume: opts.resume === true,
    });
    closeSteps.push(...demo.closeSteps);
  } catch (e) {
    // A demo that cannot start (locked store, a resume refused) exits with its error, not a server.
    await closeAll(logger, closeSteps);
    throw e;
  }
}
