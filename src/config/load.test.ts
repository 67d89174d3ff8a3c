import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../domain/errors.js';
import { loadConfig, parseSetFlags, readDotenvFile } from './load.js';
import { issuesOf, messageFor } from './test-support/issues.js';

describe('loadConfig: bad values name the variable and the reason', () => {
  it.each([
    [{ MAX_DRAWDOWN_PCT: 'abc' }, 'MAX_DRAWDOWN_PCT', 'expected a number, got "abc"'],
    [{ MAX_DRAWDOWN_PCT: '0' }, 'MAX_DRAWDOWN_PCT', 'must be > 0 and <= 100, got 0'],
    [{ MAX_DRAWDOWN_PCT: '150' }, 'MAX_DRAWDOWN_PCT', 'must be > 0 and <= 100, got 150'],
    [{ MODE: 'livee' }, 'MODE', 'expected one of dev, paper, live, got "livee"'],
    [{ MIN_RISK_REWARD: '-1' }, 'MIN_RISK_REWARD', 'must be > 0, got -1'],
    [
      { USE_MULTI_TF_CONFIRMATION: 'yes' },
      'USE_MULTI_TF_CONFIRMATION',
      'expected true, false, 1 or 0, got "yes"',
    ],
    [{ LLM_MODE: 'review' }, 'LLM_MODE', 'review needs ANTHROPIC_API_KEY'],
    [{ LLM_MODE: 'detect' }, 'LLM_MODE', 'detect needs ANTHROPIC_API_KEY'],
    [{ LLM_FAILURE: 'open' }, 'LLM_FAILURE', 'expected one of closed, algorithmic, got "open"'],
    [{ ENTRY_MODE: 'stop' }, 'ENTRY_MODE', 'expected one of market, limit, got "stop"'],
    [{ HALT_ACTION: 'panic' }, 'HALT_ACTION', 'expected one of keep, flatten, got "panic"'],
    [{ WEEKEND_POLICY: 'sell' }, 'WEEKEND_POLICY', 'expected one of hold, reduce, flatten, got "sell"'],
    [{ PAPER_EXECUTION: 'fake' }, 'PAPER_EXECUTION', 'expected one of venue, simulated, got "fake"'],
    [{ TP1_CLOSE_PCT: '1' }, 'TP1_CLOSE_PCT', 'must be > 0 and < 1, got 1'],
    [{ PORT: '0' }, 'PORT', 'must be >= 1 and <= 65535, got 0'],
    [{ PORT: '70000' }, 'PORT', 'must be >= 1 and <= 65535, got 70000'],
    [{ PIVOT_LEFT_1H: '0' }, 'PIVOT_LEFT_1H', 'must be >= 1, got 0'],
    [{ DIV_MAX_BARS: '2.5' }, 'DIV_MAX_BARS', 'expected an integer, got "2.5"'],
    [{ BASE_CURRENCY: 'usd' }, 'BASE_CURRENCY', 'expected a 3-letter upper-case currency code, got "usd"'],
    [{ BROKERS: 'binance,kraken' }, 'BROKERS', 'expected one of binance, oanda, ig, got "kraken"'],
    [{ BROKERS: ',' }, 'BROKERS', 'must name at least one broker'],
    [{ TELEGRAM_ALLOWED_USER_IDS: '12,-4' }, 'TELEGRAM_ALLOWED_USER_IDS', 'must be >= 1, got -4'],
    [{ DEMO_SPEED: '0' }, 'DEMO_SPEED', 'must be > 0, got 0'],
    [
      { ANTHROPIC_BASE_URL: 'file:///etc/passwd' },
      'ANTHROPIC_BASE_URL',
      'expected an http(s) URL, got "file:///etc/passwd"',
    ],
    [{ TRADING_DAY_START: '17:00 Nowhere/Town' }, 'TRADING_DAY_START', 'unknown time zone "Nowhere/Town"'],
    [
      { LIVE_TRADING_CONFIRM: 'yes' },
      'LIVE_TRADING_CONFIRM',
      'expected "yes-real-money" or unset, got "yes"',
    ],
  ])('%j', (env, variable, message) => {
    expect(messageFor(env, variable)).toBe(message);
  });

  it('reports every bad variable at once, cross-field ones included', () => {
    const issues = issuesOf({
      MAX_DRAWDOWN_PCT: 'abc',
      MODE: 'livee',
      MIN_RISK_REWARD: '-1',
      USE_MULTI_TF_CONFIRMATION: 'yes',
      LLM_MODE: 'review',
      RSI_OVERSOLD: '80',
    });
    expect(issues.map((issue) => issue.variable).sort()).toEqual(
      [
        'LLM_MODE',
        'MAX_DRAWDOWN_PCT',
        'MIN_RISK_REWARD',
        'MODE',
        'RSI_OVERSOLD',
        'USE_MULTI_TF_CONFIRMATION',
      ].sort(),
    );
  });

  it('throws one ConfigError whose message lists them all', () => {
    expect(() => loadConfig({ MODE: 'x', PORT: 'y' })).toThrow(ConfigError);
    expect(() => loadConfig({ MODE: 'x', PORT: 'y' })).toThrow(/2 problems[\s\S]*MODE:[\s\S]*PORT:/);
  });
});

describe('loadConfig: empty means unset', () => {
  it('applies the default for an empty or blank value', () => {
    const config = loadConfig({
      MODE: '',
      MAX_DRAWDOWN_PCT: '   ',
      USE_MULTI_TF_CONFIRMATION: '',
      BROKERS: '',
    });
    expect(config.MODE).toBe('dev');
    expect(config.MAX_DRAWDOWN_PCT).toBe(15);
    expect(config.USE_MULTI_TF_CONFIRMATION).toBe(true);
    expect(config.BROKERS).toBeUndefined();
  });

  it('an empty ANTHROPIC_API_KEY does not satisfy LLM_MODE=review', () => {
    expect(messageFor({ LLM_MODE: 'review', ANTHROPIC_API_KEY: '' }, 'LLM_MODE')).toBe(
      'review needs ANTHROPIC_API_KEY',
    );
  });
});

describe('loadConfig: precedence --set > env > .env > default', () => {
  const dotenv = 'MODE=paper\nPORT=9000\nMAX_DRAWDOWN_PCT=10\n# a comment\nLOG_LEVEL="debug"\n';

  it('takes .env values under the environment', () => {
    const config = loadConfig({ PORT: '9100' }, { dotenv });
    expect(config.MODE).toBe('paper');
    expect(config.PORT).toBe(9100);
    expect(config.LOG_LEVEL).toBe('debug');
  });

  it('lets --set win over both', () => {
    const config = loadConfig({ PORT: '9100' }, { dotenv, overrides: { PORT: '9200', MODE: 'live' } });
    expect(config.PORT).toBe(9200);
    expect(config.MODE).toBe('live');
  });

  it('an empty higher value shadows a lower one and restores the default', () => {
    expect(loadConfig({ MODE: '' }, { dotenv }).MODE, 'env MODE= shadows .env MODE=paper').toBe('dev');
    expect(
      loadConfig({ PORT: '9100' }, { overrides: { PORT: '' } }).PORT,
      '--set PORT= restores the default',
    ).toBe(8080);
  });

  it('an undefined environment entry does not shadow .env', () => {
    expect(loadConfig({ MODE: undefined }, { dotenv }).MODE).toBe('paper');
  });

  it('reports a bad value from .env like any other', () => {
    expect(messageFor({}, 'PORT', { dotenv: 'PORT=http' })).toBe('expected an integer, got "http"');
  });

  it('refuses an unknown --set key, together with the other problems', () => {
    const issues = issuesOf({}, { overrides: { MAX_DRAWDOWN: '10', MODE: 'x' } });
    expect(issues).toContainEqual({ variable: '--set', message: 'unknown variable MAX_DRAWDOWN' });
    expect(issues.map((issue) => issue.variable)).toContain('MODE');
  });
});

describe('parseSetFlags', () => {
  it('splits at the first "=" and keeps the last of a repeated key', () => {
    expect(parseSetFlags(['MODE=paper', 'HEARTBEAT_URL=https://x.test/p?a=b', 'MODE=live'])).toEqual({
      MODE: 'live',
      HEARTBEAT_URL: 'https://x.test/p?a=b',
    });
    expect(parseSetFlags(['DASHBOARD_USER_ALICE=$argon2id$x'])).toEqual({
      DASHBOARD_USER_ALICE: '$argon2id$x',
    });
    expect(parseSetFlags(['PORT='])).toEqual({ PORT: '' });
  });

  it('throws one ConfigError naming --set for every bad flag', () => {
    try {
      parseSetFlags(['MODE', 'NOPE=1', '=5', 'sk-ant-FAKE-SECRET-123']);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const issues = (error as ConfigError).issues;
      expect(issues.map((issue) => issue.variable)).toEqual(['--set', '--set', '--set', '--set']);
      expect(issues[0]!.message).toBe('expected KEY=VALUE, got "MODE"');
      expect(issues[1]!.message).toBe('unknown variable NOPE');
      expect((error as Error).message, 'a bare secret is not echoed').not.toContain('sk-ant');
    }
  });
});

describe('readDotenvFile', () => {
  it('returns the contents, or undefined when there is no file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'divbot-config-'));
    const path = join(dir, '.env');
    expect(readDotenvFile(path)).toBeUndefined();
    writeFileSync(path, 'MODE=paper\n');
    expect(readDotenvFile(path)).toBe('MODE=paper\n');
    expect(loadConfig({}, { dotenv: readDotenvFile(path) }).MODE).toBe('paper');
  });

  it('turns an unreadable path into a ConfigError naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'divbot-config-'));
    expect(() => readDotenvFile(dir)).toThrow(ConfigError);
  });
});
