import { enumField, httpUrlField, numberField, secretField, textField } from '../fields.js';
import { optionalSetting, setting } from '../var-def.js';

export const PAPER_EXECUTIONS = ['venue', 'simulated'] as const;

const brokers = { group: 'brokers' } as const;
const secret = { group: 'brokers', secret: true } as const;
const baseUrl = { group: 'brokers', urlMask: 'credentials' } as const;

/** Venue endpoints used when a base URL is unset: demo accounts in dev/paper, real ones in live. */
export const VENUE_BASE_URLS = {
  binance: { paper: 'https://testnet.binance.vision', live: 'https://api.binance.com' },
  oanda: { paper: 'https://api-fxpractice.oanda.com', live: 'https://api-fxtrade.oanda.com' },
  ig: { paper: 'https://demo-api.ig.com/gateway/deal', live: 'https://api.ig.com/gateway/deal' },
} as const;

const venueDefault = (venue: keyof typeof VENUE_BASE_URLS) =>
  `${VENUE_BASE_URLS[venue].paper} (live: ${VENUE_BASE_URLS[venue].live})`;

export const brokerVars = {
  PAPER_EXECUTION: setting(enumField(PAPER_EXECUTIONS), 'venue', {
    ...brokers,
    meaning: "Paper mode orders: venue (the venues' demo accounts) or simulated (real data, SimulatedBroker)",
  }),
  BINANCE_API_KEY: optionalSetting(secretField(), { ...secret, meaning: 'Binance API key' }),
  BINANCE_API_SECRET: optionalSetting(secretField(), { ...secret, meaning: 'Binance API secret' }),
  BINANCE_BASE_URL: optionalSetting(httpUrlField(), {
    ...baseUrl,
    meaning: 'Binance REST base URL (spot testnet in paper mode)',
    defaultProse: venueDefault('binance'),
  }),
  BINANCE_ALLOCATION_USDT: optionalSetting(numberField({ gt: 0 }), {
    ...brokers,
    meaning: 'Cap on the USDT the bot may spend on Binance; unset: no cap beyond the risk limits',
  }),
  OANDA_API_TOKEN: optionalSetting(secretField(), { ...secret, meaning: 'OANDA v20 API token' }),
  OANDA_ACCOUNT_ID: optionalSetting(textField(), {
    ...brokers,
    meaning: 'OANDA account id (e.g. 101-004-1234567-001)',
  }),
  OANDA_BASE_URL: optionalSetting(httpUrlField(), {
    ...baseUrl,
    meaning: 'OANDA REST base URL, up to (not including) /v3',
    defaultProse: venueDefault('oanda'),
  }),
  IG_API_KEY: optionalSetting(secretField(), { ...secret, meaning: 'IG REST API key' }),
  IG_USERNAME: optionalSetting(textField(), { ...brokers, meaning: 'IG login user name' }),
  IG_PASSWORD: optionalSetting(secretField(), { ...secret, meaning: 'IG login password' }),
  IG_ACCOUNT_ID: optionalSetting(textField(), { ...brokers, meaning: 'IG account id to trade' }),
  IG_BASE_URL: optionalSetting(httpUrlField(), {
    ...baseUrl,
    meaning: 'IG REST base URL, including /gateway/deal',
    defaultProse: venueDefault('ig'),
  }),
  YAHOO_BASE_URL: setting(httpUrlField(), 'https://query2.finance.yahoo.com', {
    ...baseUrl,
    meaning: 'Yahoo Finance base URL (candles of the IG stock CFDs)',
  }),
};
