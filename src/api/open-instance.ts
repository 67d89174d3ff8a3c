// Opens the dashboard API inside a paper or live instance: users come from DASHBOARD_USER_<NAME>
// and `divbot users add` (no user is created here), chart candles from the candle cache.
import type { Config } from '../config/schema.js';
import type { ControlPlane } from '../control/types.js';
import type { Session } from '../store/index.js';
import type { HealthRegistry } from '../web/health.js';
import { ApiBackend } from './backend.js';
import { storeCandleSource } from './candle-sources.js';
import type { DashboardApi } from './dashboard-api.js';

export interface InstanceDashboardOptions {
  readonly api: DashboardApi;
  readonly store: Session;
  readonly control: ControlPlane;
  readonly config: Config;
  /** The instance's Clock. */
  readonly now: () => number;
  readonly health?: HealthRegistry;
}

export function openInstanceDashboard(o: InstanceDashboardOptions): void {
  o.api.open(
    new ApiBackend({
      store: o.store,
      control: o.control,
      config: o.config,
      candles: storeCandleSource(o.store, o.now),
      now: o.now,
      ...(o.health ? { health: o.health } : {}),
    }),
  );
}
