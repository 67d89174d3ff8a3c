// SPEC §17: what live mode needs from the configuration. The run composition adds what only the
// store knows (users created with `divbot users add`) through `dashboardUserCount`.
import type { ConfigIssue } from '../domain/errors.js';
import { BROKER_IDS, type BrokerName } from './broker-overrides.js';
import type { Config } from './schema.js';
import { VENUE_BASE_URLS } from './vars/brokers.js';
import { LIVE_CONFIRMATION } from './vars/general.js';

export const BROKER_SECRETS: Readonly<Record<BrokerName, readonly (keyof Config)[]>> = {
  binance: ['BINANCE_API_KEY', 'BINANCE_API_SECRET'],
  oanda: ['OANDA_API_TOKEN', 'OANDA_ACCOUNT_ID'],
  ig: ['IG_API_KEY', 'IG_USERNAME', 'IG_PASSWORD', 'IG_ACCOUNT_ID'],
};

/** BROKERS, or every broker when it is unset (allowed in dev and paper only). */
export function enabledBrokers(config: Config): readonly BrokerName[] {
  return config.BROKERS ?? BROKER_IDS;
}

/** The credentials a broker needs that are not set. */
export function missingBrokerSecrets(config: Config, broker: BrokerName): string[] {
  return BROKER_SECRETS[broker].filter((name) => config[name] === undefined);
}

/** A venue's base URL: the configured one, else its demo endpoint (dev/paper) or real one (live). */
export function venueBaseUrl(config: Config, venue: BrokerName): string {
  const configured = {
    binance: config.BINANCE_BASE_URL,
    oanda: config.OANDA_BASE_URL,
    ig: config.IG_BASE_URL,
  }[venue];
  return configured ?? VENUE_BASE_URLS[venue][config.MODE === 'live' ? 'live' : 'paper'];
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Every reason the configuration cannot run live, each naming its variable. Empty: ready. */
export function liveConfigIssues(
  config: Config,
  options: { dashboardUserCount?: number } = {},
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const need = (variable: string, message: string) => issues.push({ variable, message });
  if (config.LIVE_TRADING_CONFIRM !== LIVE_CONFIRMATION)
    need('LIVE_TRADING_CONFIRM', `live mode needs ${LIVE_CONFIRMATION}`);
  if (config.BROKERS === undefined) need('BROKERS', 'live mode needs the brokers named explicitly');
  if (config.SYMBOLS === undefined) need('SYMBOLS', 'live mode needs the symbols named explicitly');
  for (const broker of enabledBrokers(config)) {
    for (const name of missingBrokerSecrets(config, broker))
      need(name, `needed for live trading on ${broker}`);
  }
  if (Object.keys(config.DASHBOARD_USERS).length + (options.dashboardUserCount ?? 0) === 0) {
    need(
      'DASHBOARD_USER_<NAME>',
      'live mode needs a dashboard user (`divbot users add NAME` or DASHBOARD_USER_<NAME>)',
    );
  }
  if (!isLoopback(config.HOST) && !config.TRUST_PROXY) {
    need(
      'HOST',
      `${config.HOST} is not a loopback address and there is no TLS: set TRUST_PROXY=true behind a TLS-terminating proxy`,
    );
  }
  if (config.TELEGRAM_BOT_TOKEN !== undefined && config.TELEGRAM_ALLOWED_USER_IDS.length === 0) {
    need('TELEGRAM_ALLOWED_USER_IDS', 'live mode with Telegram on needs the allowed user ids');
  }
  return issues;
}
