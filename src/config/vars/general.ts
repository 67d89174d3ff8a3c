import { BROKER_IDS } from '../broker-overrides.js';
import { enumField, listField, numberField, textField, urlField } from '../fields.js';
import { optionalSetting, setting } from '../var-def.js';

export const MODES = ['dev', 'paper', 'live'] as const;
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export const LIVE_CONFIRMATION = 'yes-real-money';

const general = { group: 'general' } as const;

export const generalVars = {
  MODE: setting(enumField(MODES), 'dev', {
    ...general,
    meaning: 'dev (the offline demo), paper (venue demo accounts) or live (real money); `--mode` wins',
  }),
  BROKERS: optionalSetting(listField(enumField(BROKER_IDS), { nonEmpty: 'must name at least one broker' }), {
    ...general,
    meaning: 'Brokers to run, comma-separated from binance, oanda, ig; live mode needs it set',
    defaultProse: '(all)',
  }),
  SYMBOLS: optionalSetting(listField(textField(), { nonEmpty: 'must name at least one symbol' }), {
    ...general,
    meaning:
      'Instruments to run, comma-separated ids (e.g. EUR_USD; `divbot instruments list`); live needs it set',
    defaultProse: '(every instrument of the enabled brokers)',
  }),
  BASE_CURRENCY: setting(
    textField({ pattern: /^[A-Z]{3}$/, expected: 'a 3-letter upper-case currency code' }),
    'USD',
    {
      ...general,
      meaning: 'Currency of the risk book, equity and P&L (USDT counts as USD)',
    },
  ),
  STARTING_EQUITY: setting(numberField({ gt: 0 }), 100_000, {
    ...general,
    meaning: 'Starting equity of the demo and backtests, in BASE_CURRENCY',
  }),
  // 3600: one simulated hour — one 1h bar — per real second. A minute of demo covers 2.5 days of
  // market, enough for 4h setups and their 1h triggers to show orders, while bars still arrive slowly
  // enough to watch on the charts and the 2-min monitor job runs 30 times per real second, not more.
  DEMO_SPEED: setting(numberField({ gt: 0 }), 3600, {
    ...general,
    meaning: 'Demo clock speed in simulated seconds per real second (3600: one 1h bar per second)',
  }),
  LIVE_TRADING_CONFIRM: optionalSetting(
    textField({ pattern: /^yes-real-money$/, expected: `"${LIVE_CONFIRMATION}" or unset` }),
    { ...general, meaning: `Must be ${LIVE_CONFIRMATION} for live mode to start` },
  ),
  DATA_DIR: setting(textField(), './data', {
    ...general,
    meaning: 'Directory of market data files (the bundled demo data and CSV imports)',
  }),
  VAR_DIR: setting(textField(), './var', {
    ...general,
    meaning: 'Directory of runtime state: embedded databases (db/, demo/), instance lock, API token file',
  }),
  DATABASE_URL: optionalSetting(
    urlField({ protocols: ['postgres:', 'postgresql:'], expected: 'a postgres:// or postgresql:// URL' }),
    {
      ...general,
      urlMask: 'credentials',
      meaning: 'PostgreSQL URL; unset: embedded PGlite under VAR_DIR/db',
    },
  ),
  LOG_LEVEL: setting(enumField(LOG_LEVELS), 'info', {
    ...general,
    meaning: 'Log level: trace, debug, info, warn, error or fatal',
  }),
  LOG_FORMAT: setting(enumField(LOG_FORMATS), 'auto', {
    ...general,
    meaning: 'Log format: json, pretty, or auto (pretty on a terminal, JSON otherwise)',
  }),
};
