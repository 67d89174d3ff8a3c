// Operations wiring (SPEC §13), one call per mode's composition root: the alert outbox and its
// `alerts` job (Telegram and/or SMS when configured), Telegram commands, the heartbeat after each
// analysis cycle, job durations and store figures for /metrics, and the `alerts` health check.
//
//   const ops = startOps({ config, store, clock, logger, control, health, metrics, jobs, ... });
//   new Scheduler({ jobs: ops.jobs, ... }); ...; closeSteps.push(...ops.closeSteps);
//
// Telegram is on when TELEGRAM_BOT_TOKEN is set (alerts need TELEGRAM_CHAT_ID as well, commands
// need TELEGRAM_ALLOWED_USER_IDS); SMS when CLICKSEND_USERNAME, CLICKSEND_API_KEY and SMS_TO are
// all set. With neither, there is no outbox and no alerts job (nothing could deliver a row).
import type { Config } from '../config/schema.js';
import type { ControlPlane } from '../control/types.js';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../logging/logger.js';
import type { CloseStep } from '../run/shutdown.js';
import type { JobDefinition } from '../scheduler/scheduler.js';
import type { Session } from '../store/store.js';
import type { HealthRegistry } from '../web/health.js';
import type { Metrics } from '../web/metrics.js';
import type { Notifier } from './alert-event.js';
import { ALERTS_SCHEDULE, AlertsJob, DEMO_ALERTS_SCHEDULE } from './alerts-job.js';
import { BrokerWatch, type ProbedBroker } from './broker-watch.js';
import { Heartbeat } from './heartbeat.js';
import { storeCollector } from './metrics-feed.js';
import { Outbox, outboxHealth } from './outbox.js';
import { ClickSendNotifier } from './sms/clicksend.js';
import { TelegramCommands } from './telegram/commands.js';
import { TelegramNotifier, telegramApi } from './telegram/notifier.js';

/** A failed delivery keeps /health/deep failing this long (on the Clock). */
export const FAILED_ALERT_WINDOW_MS = 24 * 3_600_000;
/** Telegram unreachable at start-up: try again after this long (real time; not the pipeline). */
const TELEGRAM_RETRY_MS = 60_000;

export type OpsConfig = Pick<
  Config,
  | 'TELEGRAM_BOT_TOKEN'
  | 'TELEGRAM_CHAT_ID'
  | 'TELEGRAM_ALLOWED_USER_IDS'
  | 'TELEGRAM_API_URL'
  | 'CLICKSEND_USERNAME'
  | 'CLICKSEND_API_KEY'
  | 'CLICKSEND_BASE_URL'
  | 'SMS_TO'
  | 'HEARTBEAT_URL'
  | 'TRADING_DAY_START'
  | 'BASE_CURRENCY'
  | 'MODE'
>;

export interface OpsOptions {
  readonly config: OpsConfig;
  readonly store: Session;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly control: ControlPlane;
  readonly health: HealthRegistry;
  readonly metrics?: Metrics | undefined;
  /** The mode's jobs; analysis is wrapped for the heartbeat, every job for duration metrics. */
  readonly jobs: readonly JobDefinition[];
  readonly accountKey: string;
  /** The signal journal's run id (the demo's run, `live`, `paper`). */
  readonly runId?: string | undefined;
  /** Probed each alerts run for "broker down". */
  readonly brokers?: readonly ProbedBroker[];
  /** True for the demo: order rejections are never SMS-critical there. */
  readonly demo?: boolean;
  /** For tests: a faster long poll. */
  readonly telegramPollSeconds?: number;
}

export interface Ops {
  /** The mode's jobs (wrapped) plus the alerts job when a channel is configured. */
  readonly jobs: JobDefinition[];
  readonly closeSteps: CloseStep[];
  readonly alerts: AlertsJob | undefined;
  readonly telegram: TelegramCommands | undefined;
  readonly heartbeat: Heartbeat | undefined;
  /** Resolves once Telegram polling runs (or failed once); for tests. */
  readonly telegramReady: Promise<void>;
}

export function startOps(o: OpsOptions): Ops {
  const { config, logger, metrics } = o;
  const log = logger.child({ component: 'ops' });
  const notifiers = notifiersFor(config, log);
  const heartbeat = config.HEARTBEAT_URL ? new Heartbeat(config.HEARTBEAT_URL, log) : undefined;
  const jobs = o.jobs.map((j) => wrapJob(j, heartbeat, metrics));
  const closeSteps: CloseStep[] = [];
  if (metrics) {
    metrics.addCollector(storeCollector(o.store, o.accountKey, o.runId));
    closeSteps.push({ name: 'metrics collectors', close: () => metrics.clearCollectors() });
  }
  if (heartbeat) closeSteps.push({ name: 'heartbeat', close: () => heartbeat.settle() });

  let alerts: AlertsJob | undefined;
  if (notifiers.length > 0) {
    const outbox = new Outbox(o.store, notifiers, (channel, eventKey, e) => {
      metrics?.inc('divbot_alert_delivery_errors_total', 'Failed alert delivery attempts', { channel });
      log.warn(
        { channel, event_key: eventKey, reason: e instanceof Error ? e.message : String(e) },
        'alert not delivered',
      );
    });
    alerts = new AlertsJob({
      sources: {
        store: o.store,
        runId: o.runId,
        accountKey: o.accountKey,
        live: config.MODE === 'live' && o.demo !== true,
        baseCurrency: config.BASE_CURRENCY,
        equity: async () => (await o.control.status()).equity ?? undefined,
      },
      outbox,
      brokers:
        o.brokers && o.brokers.length > 0
          ? new BrokerWatch(o.brokers, (broker, ok) => {
              if (!ok)
                metrics?.inc('divbot_venue_errors_total', 'Venue errors seen (failed connectivity probes)', {
                  broker,
                });
            })
          : undefined,
      dayStart: config.TRADING_DAY_START,
      schedule: o.demo === true ? DEMO_ALERTS_SCHEDULE : ALERTS_SCHEDULE,
    });
    jobs.push(wrapJob(alerts.definition(), undefined, metrics));
    o.health.register('alerts', async () => {
      const h = await outboxHealth(o.store, o.clock.now(), FAILED_ALERT_WINDOW_MS);
      const data = {
        channels: outbox.channels,
        pending: h.pending,
        failed_24h: h.failedRecently,
        last_error: h.lastError,
      };
      return h.failedRecently > 0
        ? {
            status: 'fail',
            detail: `${h.failedRecently} alert(s) not delivered: ${h.lastError ?? 'unknown error'}`,
            data,
          }
        : { status: 'ok', data };
    });
  }

  let telegram: TelegramCommands | undefined;
  let telegramReady = Promise.resolve();
  if (config.TELEGRAM_BOT_TOKEN) {
    if (config.TELEGRAM_ALLOWED_USER_IDS.length === 0)
      log.warn('TELEGRAM_ALLOWED_USER_IDS is empty: Telegram commands are answered for nobody');
    const commands = new TelegramCommands({
      token: config.TELEGRAM_BOT_TOKEN,
      apiUrl: config.TELEGRAM_API_URL,
      allowedUserIds: config.TELEGRAM_ALLOWED_USER_IDS,
      control: o.control,
      store: o.store,
      runId: o.runId,
      now: () => o.clock.now(),
      logger: log,
      ...(o.telegramPollSeconds !== undefined ? { pollTimeoutSeconds: o.telegramPollSeconds } : {}),
    });
    telegram = commands;
    const stopped = new AbortController();
    telegramReady = startInBackground(commands, log, stopped.signal);
    closeSteps.push({
      name: 'telegram',
      close: async () => {
        stopped.abort();
        await commands.stop();
      },
    });
  }
  return { jobs, closeSteps, alerts, telegram, heartbeat, telegramReady };
}

function notifiersFor(config: OpsConfig, log: Logger): Notifier[] {
  const out: Notifier[] = [];
  if (config.TELEGRAM_BOT_TOKEN && config.TELEGRAM_CHAT_ID) {
    out.push(
      new TelegramNotifier(
        telegramApi(config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_API_URL),
        config.TELEGRAM_CHAT_ID,
      ),
    );
  } else if (config.TELEGRAM_BOT_TOKEN) {
    log.warn('TELEGRAM_CHAT_ID is not set: Telegram answers commands but sends no alerts');
  }
  const sms = {
    CLICKSEND_USERNAME: config.CLICKSEND_USERNAME,
    CLICKSEND_API_KEY: config.CLICKSEND_API_KEY,
    SMS_TO: config.SMS_TO.length ? 'x' : undefined,
  };
  const missing = Object.entries(sms)
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length === 0) {
    out.push(
      new ClickSendNotifier({
        baseUrl: config.CLICKSEND_BASE_URL,
        username: config.CLICKSEND_USERNAME!,
        apiKey: config.CLICKSEND_API_KEY!,
        to: config.SMS_TO,
      }),
    );
  } else if (missing.length < 3) {
    log.warn({ missing }, `SMS alerts off: ${missing.join(', ')} not set`);
  }
  return out;
}

/** Duration metrics for every job; the heartbeat after each successful analysis cycle. */
function wrapJob(
  job: JobDefinition,
  heartbeat: Heartbeat | undefined,
  metrics: Metrics | undefined,
): JobDefinition {
  if (!heartbeat && !metrics) return job;
  return {
    ...job,
    run: async (ctx) => {
      const t0 = performance.now();
      let ok = false;
      try {
        await job.run(ctx);
        ok = true;
      } finally {
        const seconds = (performance.now() - t0) / 1000;
        metrics?.observe('divbot_job_duration_seconds', 'Job run durations (real time)', seconds, {
          job: job.name,
        });
        metrics?.set('divbot_job_last_duration_seconds', 'The last run of each job (real time)', seconds, {
          job: job.name,
        });
        metrics?.inc('divbot_job_runs_total', 'Job runs by outcome', {
          job: job.name,
          status: ok ? 'ok' : 'error',
        });
        if (ok && job.name === 'analysis') {
          metrics?.set('divbot_cycle_duration_seconds', 'The last analysis cycle (real time)', seconds);
          heartbeat?.beat();
        }
      }
    },
  };
}

/** Starts Telegram polling without holding start-up; retries while Telegram cannot be reached. */
function startInBackground(commands: TelegramCommands, log: Logger, signal: AbortSignal): Promise<void> {
  return new Promise<void>((ready) => {
    const attempt = () => {
      if (signal.aborted) return ready();
      commands.start().then(
        () => {
          log.info('telegram: polling for commands');
          ready();
        },
        (e: unknown) => {
          ready();
          if (signal.aborted) return;
          log.error(
            { reason: e instanceof Error ? e.message : String(e) },
            'telegram: cannot start polling; retrying in a minute',
          );
          setTimeout(attempt, TELEGRAM_RETRY_MS).unref();
        },
      );
    };
    attempt();
  });
}
