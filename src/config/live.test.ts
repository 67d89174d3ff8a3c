import { describe, expect, it } from 'vitest';
import { enabledBrokers, liveConfigIssues, venueBaseUrl } from './live.js';
import { loadConfig } from './load.js';
import { FAKE_HASH } from './test-support/issues.js';

const READY = {
  MODE: 'live',
  LIVE_TRADING_CONFIRM: 'yes-real-money',
  BROKERS: 'oanda',
  SYMBOLS: 'EUR_USD',
  OANDA_API_TOKEN: 'FAKE-TOKEN',
  OANDA_ACCOUNT_ID: '101-004-1234567-001',
  DASHBOARD_USER_ALICE: FAKE_HASH,
};

describe('liveConfigIssues', () => {
  it('is empty for a complete live configuration', () => {
    expect(liveConfigIssues(loadConfig(READY))).toEqual([]);
  });

  it('names each missing item', () => {
    const issues = liveConfigIssues(
      loadConfig({ MODE: 'live', HOST: '0.0.0.0', TELEGRAM_BOT_TOKEN: 'FAKE' }),
    );
    expect(issues.map((i) => i.variable)).toEqual([
      'LIVE_TRADING_CONFIRM',
      'BROKERS',
      'SYMBOLS',
      'BINANCE_API_KEY',
      'BINANCE_API_SECRET',
      'OANDA_API_TOKEN',
      'OANDA_ACCOUNT_ID',
      'IG_API_KEY',
      'IG_USERNAME',
      'IG_PASSWORD',
      'IG_ACCOUNT_ID',
      'DASHBOARD_USER_<NAME>',
      'HOST',
      'TELEGRAM_ALLOWED_USER_IDS',
    ]);
  });

  it('counts users from the store and accepts a TLS proxy in front', () => {
    const { DASHBOARD_USER_ALICE: _, ...noUser } = READY;
    expect(liveConfigIssues(loadConfig(noUser), { dashboardUserCount: 1 })).toEqual([]);
    expect(liveConfigIssues(loadConfig({ ...READY, HOST: '0.0.0.0', TRUST_PROXY: 'true' }))).toEqual([]);
  });
});

describe('broker helpers', () => {
  it('enabledBrokers: BROKERS, else all', () => {
    expect(enabledBrokers(loadConfig({}))).toEqual(['binance', 'oanda', 'ig']);
    expect(enabledBrokers(loadConfig({ BROKERS: 'ig, oanda' }))).toEqual(['ig', 'oanda']);
  });

  it('venueBaseUrl: configured, else demo endpoints unless live', () => {
    expect(venueBaseUrl(loadConfig({}), 'oanda')).toBe('https://api-fxpractice.oanda.com');
    expect(venueBaseUrl(loadConfig({ MODE: 'live' }), 'oanda')).toBe('https://api-fxtrade.oanda.com');
    expect(venueBaseUrl(loadConfig({ IG_BASE_URL: 'http://127.0.0.1:4000/gateway/deal/' }), 'ig')).toBe(
      'http://127.0.0.1:4000/gateway/deal',
    );
  });
});
