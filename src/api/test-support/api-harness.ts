// A running demo-like instance for the API and browser tests: a demo session on PGlite driven
// some simulated hours (so there are signals, orders, fills and positions), its control plane,
// and the HTTP server with the dashboard API opened on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ThrottleLimits } from '../../auth/login-throttle.js';
import { SimulatedClock } from '../../clock/simulated-clock.js';
import { loadConfig } from '../../config/index.js';
import type { Config } from '../../config/schema.js';
import { LiveControl } from '../../control/index.js';
import { convert, STATIC_USD_RATES } from '../../domain/instruments/index.js';
import { createLogger } from '../../logging/logger.js';
import { type DemoSession, openDemoSession } from '../../run/demo/demo-session.js';
import { runDemoUntil } from '../../run/demo/test-support/drive.js';
import { closeAll } from '../../run/shutdown.js';
import { ROOT } from '../../test-support/cli.js';
import { type HttpServer, startHttpServer } from '../../web/server.js';
import { DashboardApi } from '../dashboard-api.js';
import { openDemoDashboard } from '../open-demo.js';

export interface ApiHarness {
  readonly url: string;
  readonly api: DashboardApi;
  readonly session: DemoSession;
  readonly server: HttpServer;
  readonly config: Config;
  readonly control: LiveControl;
  /** The demo user's one-time password. */
  readonly password: string;
  close(): Promise<void>;
}

export async function startApiHarness(
  o: {
    hours?: number;
    env?: Record<string, string>;
    throttle?: ThrottleLimits;
    wallClock?: () => number;
  } = {},
): Promise<ApiHarness> {
  const config = loadConfig(o.env ?? {});
  const dir = mkdtempSync(join(tmpdir(), 'divbot-api-'));
  const logger = createLogger({ level: 'silent' });
  const session = await openDemoSession({
    config,
    logger,
    dir: join(dir, 'demo'),
    dataDir: join(ROOT, 'data'),
    resume: false,
    clock: (from) => new SimulatedClock(from),
  });
  // 48 simulated hours: the demo's first position is open then (it closes at a stop later).
  await runDemoUntil(session, session.from + (o.hours ?? 48) * 3_600_000);
  const control = new LiveControl({
    store: session.store,
    accountKey: 'demo',
    config,
    now: () => session.clock.now(),
    gate: session.risk,
    equity: async () => {
      const b = await session.broker.fetchBalance();
      return convert(b.equity, b.currency, config.BASE_CURRENCY, STATIC_USD_RATES);
    },
    closeSymbol: (symbol, at) => session.engine.closeSymbol(symbol, 'manual', at),
    controls: session.controls,
  });
  const api = new DashboardApi({
    configuredUsers: config.DASHBOARD_USERS,
    secure: config.TRUST_PROXY,
    version: 'test',
    ...(o.throttle ? { throttle: o.throttle } : {}),
    ...(o.wallClock ? { wallClock: o.wallClock } : {}),
  });
  const server = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    logger,
    version: 'test',
    plugins: [api.plugin],
  });
  const password = await openDemoDashboard({
    api,
    store: session.store,
    control,
    config,
    series: session.market.series,
    now: () => session.clock.now(),
    health: server.health,
    logger,
    url: server.url,
  });
  return {
    url: server.url,
    api,
    session,
    server,
    config,
    control,
    password,
    close: async () => {
      await server.close();
      await closeAll(logger, session.closeSteps);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Logs in as the demo user; the cookie and CSRF token for later requests. */
export async function login(h: ApiHarness, name = 'demo', password = h.password) {
  const r = await fetch(`${h.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  const body = (await r.json()) as { csrf_token?: string };
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { status: r.status, cookie, csrf: body.csrf_token ?? '', headers: r.headers };
}
