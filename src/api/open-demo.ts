// Opens the dashboard API inside the demo (SPEC §14): no default credentials, so the demo
// creates the user `demo` with a one-time password (a new one each start) and prints it.
import { hashPassword } from '../auth/passwords.js';
import { oneTimePassword } from '../auth/secrets.js';
import { addUser } from '../auth/users-repo.js';
import type { Config } from '../config/schema.js';
import type { ControlPlane } from '../control/types.js';
import type { SeriesCandles } from '../domain/candle-columns.js';
import type { Timeframe } from '../domain/timeframe.js';
import type { Logger } from '../logging/logger.js';
import type { Session } from '../store/index.js';
import type { HealthRegistry } from '../web/health.js';
import { ApiBackend } from './backend.js';
import { seriesCandleSource } from './candle-sources.js';
import type { DashboardApi } from './dashboard-api.js';

export const DEMO_USER = 'demo';

export interface DemoDashboardOptions {
  readonly api: DashboardApi;
  readonly store: Session;
  readonly control: ControlPlane;
  readonly config: Config;
  readonly series: ReadonlyArray<{ symbol: string; timeframe: Timeframe; candles: SeriesCandles }>;
  /** The demo's simulated clock. */
  readonly now: () => number;
  readonly health?: HealthRegistry;
  readonly logger: Logger;
  readonly url: string;
}

/** Returns the one-time password (also logged). */
export async function openDemoDashboard(o: DemoDashboardOptions): Promise<string> {
  const password = oneTimePassword();
  await addUser(o.store, {
    name: DEMO_USER,
    passwordHash: await hashPassword(password),
    at: o.now(),
    actor: 'system',
    replace: true,
    audit: false,
  });
  o.api.open(
    new ApiBackend({
      store: o.store,
      control: o.control,
      config: o.config,
      candles: seriesCandleSource(o.series, o.now),
      now: o.now,
      ...(o.health ? { health: o.health } : {}),
    }),
  );
  o.logger.info(
    { dashboard: o.url, user: DEMO_USER },
    `dashboard: ${o.url} — log in as "${DEMO_USER}" with the one-time password ${password}`,
  );
  return password;
}
