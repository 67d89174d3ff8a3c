import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configCheck } from './check.js';
import { loadConfig } from './load.js';
import { MASK, maskedConfig, maskUrl, secretValues } from './mask.js';
import { VARIABLES } from './schema.js';
import { FAKE_HASH } from './test-support/issues.js';

const SECRETS = {
  ANTHROPIC_API_KEY: 'sk-ant-FAKE-SECRET-123',
  BINANCE_API_KEY: 'FAKE-BINANCE-KEY-456',
  BINANCE_API_SECRET: 'FAKE-BINANCE-SECRET-789',
  OANDA_API_TOKEN: 'FAKE-OANDA-TOKEN-abc',
  IG_API_KEY: 'FAKE-IG-KEY-def',
  IG_PASSWORD: 'FAKE-IG-PASSWORD-ghi',
  TELEGRAM_BOT_TOKEN: '123456:FAKE-TELEGRAM-TOKEN',
  CLICKSEND_API_KEY: 'FAKE-CLICKSEND-KEY-jkl',
};
const DB_PASSWORD = 'FAKE-DB-PASSWORD-mno';
const HEARTBEAT_TOKEN = '0f3e8d2a-FAKE-HEARTBEAT-9012';
const QUERY_TOKEN = 'FAKE-QUERY-TOKEN-pqr';
const ENV = {
  ...SECRETS,
  LLM_MODE: 'review',
  DATABASE_URL: `postgres://divbot:${DB_PASSWORD}@db.internal:5432/divbot`,
  HEARTBEAT_URL: `https://hc-ping.com/${HEARTBEAT_TOKEN}?key=${QUERY_TOKEN}`,
  ANTHROPIC_BASE_URL: `https://proxy.test/anthropic?token=${QUERY_TOKEN}`,
  DASHBOARD_USER_ALICE: FAKE_HASH,
};
const NEEDLES = [...Object.values(SECRETS), DB_PASSWORD, HEARTBEAT_TOKEN, QUERY_TOKEN, FAKE_HASH];

function expectNoLeak(text: string) {
  for (const needle of NEEDLES) expect(text, `leaks ${needle}`).not.toContain(needle);
}

describe('maskedConfig', () => {
  const masked = maskedConfig(loadConfig(ENV));

  it('shows set secrets as ******** and unset ones as null', () => {
    for (const name of Object.keys(SECRETS)) expect(masked[name], name).toBe(MASK);
    expect(masked.IG_USERNAME).toBeNull();
    const unset = maskedConfig(loadConfig({}));
    for (const { name, meta } of VARIABLES) if (meta.secret) expect(unset[name], name).toBeNull();
  });

  it('masks URL credentials, query values and heartbeat paths', () => {
    expect(masked.DATABASE_URL).toBe(`postgres://divbot:${MASK}@db.internal:5432/divbot`);
    expect(masked.HEARTBEAT_URL).toBe(`https://hc-ping.com/${MASK}?key=${MASK}`);
    expect(masked.ANTHROPIC_BASE_URL).toBe(`https://proxy.test/anthropic?token=${MASK}`);
    expect(masked.YAHOO_BASE_URL).toBe('https://query2.finance.yahoo.com');
    expect(masked.DASHBOARD_USERS).toEqual({ alice: MASK });
  });

  it('shows other values as a person would write them', () => {
    expect(masked.TRADING_DAY_START).toBe('17:00 America/New_York');
    expect(masked.MODE).toBe('dev');
    expect(masked.BROKERS).toBeNull();
  });

  it('never contains a secret', () => expectNoLeak(JSON.stringify(masked)));
});

describe('maskUrl', () => {
  it('keeps a URL without secrets as written', () => {
    expect(maskUrl('https://api.telegram.org', 'credentials')).toBe('https://api.telegram.org');
    expect(maskUrl('http://127.0.0.1:9/', 'credentials')).toBe('http://127.0.0.1:9/');
  });
});

describe('secretValues', () => {
  it('lists every secret, URL password and token, longest first', () => {
    const values = secretValues(loadConfig(ENV));
    for (const needle of NEEDLES) expect(values, needle).toContain(needle);
    expect(values).toContain(ENV.HEARTBEAT_URL);
    expect([...values].sort((a, b) => b.length - a.length)).toEqual(values);
    expect(values, 'non-secret values are left alone').not.toContain('divbot');
  });

  it('decodes percent-encoded passwords too', () => {
    const values = secretValues(loadConfig({ DATABASE_URL: 'postgres://u:p%40ss%2Fword@h/db' }));
    expect(values).toEqual(expect.arrayContaining(['p%40ss%2Fword', 'p@ss/word']));
  });

  it('is empty with no secrets set', () => {
    expect(secretValues(loadConfig({}))).toEqual([]);
  });
});

describe('no secret leaks through config check', () => {
  it('in the text output', () => {
    const result = configCheck(ENV);
    expect(result.exitCode).toBe(0);
    expectNoLeak(result.stdout + result.stderr);
  });

  it('in the JSON output', () => {
    const result = configCheck(ENV, { json: true });
    expectNoLeak(result.stdout);
  });

  it('in errors, even when the secret itself is malformed', () => {
    const result = configCheck({
      ...ENV,
      ANTHROPIC_API_KEY: ` ${SECRETS.ANTHROPIC_API_KEY} `,
      DATABASE_URL: `mysql://divbot:${DB_PASSWORD}@db/x`,
      HEARTBEAT_URL: `ftp://hc-ping.com/${HEARTBEAT_TOKEN}?key=${QUERY_TOKEN}`,
      DASHBOARD_USER_BOB: SECRETS.IG_PASSWORD,
      MODE: 'nope',
    });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/ANTHROPIC_API_KEY/);
    expect(result.stderr).toMatch(/DATABASE_URL/);
    expect(result.stderr).toMatch(/HEARTBEAT_URL/);
    expect(result.stderr).toMatch(/DASHBOARD_USER_BOB/);
    expectNoLeak(result.stderr + result.stdout);
    expectNoLeak(configCheck({ ...ENV, IG_PASSWORD: `${SECRETS.IG_PASSWORD} ` }, { json: true }).stdout);
  });

  it('for any secret value', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9_\-.~]{6,40}$/).map((s) => `FAKE${s}`);
    fc.assert(
      fc.property(token, fc.constantFrom(...Object.keys(SECRETS)), fc.boolean(), (secret, name, padded) => {
        const value = padded ? `${secret} ` : secret;
        const result = configCheck({ [name]: value, ANTHROPIC_API_KEY: value }, { json: padded });
        expect(result.stdout + result.stderr).not.toContain(secret);
      }),
      { numRuns: 200 },
    );
  });
});
