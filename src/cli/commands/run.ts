import { createRequire } from 'node:module';
import { liveConfigIssues } from '../../config/live.js';
import { secretValues } from '../../config/mask.js';
import { LocalApi } from '../../control/local-api.js';
import { ConfigError, NotImplementedError, UsageError } from '../../domain/errors.js';
import { createLogger } from '../../logging/logger.js';
import { type CloseStep, closeAll, installShutdown } from '../../run/shutdown.js';
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
  if (config.MODE === 'live') {
    // SPEC §17: live refuses to start, naming each missing item (users in the store count too
    // once the dashboard lands, issue #10).
    const issues = liveConfigIssues(config);
    if (issues.length > 0) throw new ConfigError(issues);
  }
  if (config.MODE !== 'dev') {
    throw new NotImplementedError(
      `divbot run --mode ${config.MODE}: not available yet — paper and live trading need the broker adapters (issue #8)`,
    );
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
  const server = await startHttpServer({
    host: config.HOST,
    port: config.PORT,
    logger,
    version,
    plugins: [localApi.plugin],
  });
  logger.info({ url: server.url, mode: config.MODE }, `divbot ${version} listening on ${server.url}`);

  const closeSteps: CloseStep[] = [{ name: 'http', close: () => server.close() }];
  installShutdown(logger, () => closeSteps);
  const { startDemo } = await import('../../run/demo/demo-runtime.js');
  try {
    const demo = await startDemo({ config, logger, server, localApi, resume: opts.resume === true });
    closeSteps.push(...demo.closeSteps);
  } catch (e) {
    // A demo that cannot start (locked store, a resume refused) exits with its error, not a server.
    await closeAll(logger, closeSteps);
    throw e;
  }
}
