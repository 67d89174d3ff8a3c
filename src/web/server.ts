// The HTTP server starts first, before anything slow is loaded, so health checks answer at boot.
// Routes that need the running app read it through late-bound providers.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from '../logging/logger.js';
import { HealthRegistry } from './health.js';

export interface HttpServerOptions {
  readonly host: string;
  readonly port: number;
  readonly logger: Logger;
  readonly version: string;
  /** TRUST_PROXY: a TLS-terminating proxy in front (client address and protocol from X-Forwarded-*). */
  readonly trustProxy?: boolean;
  /** Plugins registered before listen (API, dashboard); they resolve their dependencies lazily. */
  readonly plugins?: ReadonlyArray<(app: FastifyInstance) => void | Promise<void>>;
}

export interface HttpServer {
  readonly app: FastifyInstance;
  readonly health: HealthRegistry;
  /** The address actually bound (port 0 picks a free one). */
  readonly url: string;
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const health = new HealthRegistry();
  const started = performance.now();
  const app: FastifyInstance = Fastify({
    loggerInstance: options.logger.child({ component: 'http' }) as FastifyBaseLogger,
    // Request lines would drown the log (health probes every few seconds); errors still log.
    logController: new LogController({ disableRequestLogging: true }),
    // Never let a slow client hold shutdown.
    forceCloseConnections: true,
    return503OnClosing: true,
    trustProxy: options.trustProxy === true,
  });

  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
  });

  app.get('/health', async () => ({
    status: 'ok',
    version: options.version,
    uptime_s: Math.round((performance.now() - started) / 1000),
  }));

  app.get('/health/deep', async (_req, reply) => {
    const report = await health.run();
    reply.code(report.status === 'ok' ? 200 : 503);
    return report;
  });

  for (const plugin of options.plugins ?? []) await plugin(app);

  const url = await app.listen({ host: options.host, port: options.port });
  return {
    app,
    health,
    url,
    close: () => app.close(),
  };
}
