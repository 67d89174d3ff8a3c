import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../test-support/cli.js';

// A directory with no .env, so nothing but the test's own variables configures the run.
const cwd = mkdtempSync(join(tmpdir(), 'divbot-cli-'));
const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { cwd, env: cleanEnv(env) });

const COMMANDS = [
  'run',
  'backtest',
  'lookahead',
  'optimize',
  'worker',
  'scan',
  'indicators',
  'pivots',
  'data',
  'db',
  'config',
  'killswitch',
  'pause',
  'resume',
  'close',
  'users',
  'tokens',
  'report',
  'promote',
  'instruments',
  'fakes',
];

const SUBCOMMANDS = [
  ['data', 'import'],
  ['data', 'fetch'],
  ['db', 'migrate'],
  ['config', 'check'],
  ['killswitch', 'status'],
  ['killswitch', 'reset'],
  ['users', 'add'],
  ['users', 'hash'],
  ['tokens', 'create'],
  ['report', 'rules'],
  ['instruments', 'list'],
  ['instruments', 'enable'],
  ['instruments', 'disable'],
  ['instruments', 'risk'],
];

describe('divbot command line', () => {
  it('--help lists every command of SPEC §16 and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS)
      expect(r.stdout, `missing command ${c}`).toMatch(new RegExp(`^\\s+${c}\\b`, 'm'));
  });

  it('has --help on every command and subcommand', async () => {
    const all = [...COMMANDS.map((c) => [c]), ...SUBCOMMANDS];
    const results = await Promise.all(all.map((args) => cli([...args, '--help'])));
    results.forEach((r, i) => {
      expect(r.code, `${all[i]!.join(' ')} --help`).toBe(0);
      expect(r.stdout).toContain('Usage: divbot');
    });
  });

  it('exits 2 on bad usage, naming the problem', async () => {
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const missing = await cli(['scan']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--data');
    const badChoice = await cli(['run', '--mode', 'livee']);
    expect(badChoice.code).toBe(2);
    expect(badChoice.stderr).toContain('--mode');
    const badOption = await cli(['config', 'check', '--frob']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('--frob');
  });

  it('optimize has landed: a missing --data file is bad usage naming it', async () => {
    const r = await cli([
      'optimize',
      '--data',
      'x.csv',
      '--param',
      'TP2_R=2..3',
      '--objective',
      'sharpe',
      '--walk-forward',
      '2',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--data: no such file or directory: x.csv');
  });

  it('--version prints the package version', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('a malformed --set is bad usage (exit 2) naming --set', async () => {
    const r = await cli(['--set', 'NOEQUALS', 'config', 'check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--set');
  });

  it('config check exits 2 naming every bad variable and why', async () => {
    const r = await cli(['config', 'check'], {
      MAX_DRAWDOWN_PCT: 'abc',
      MODE: 'livee',
      MIN_RISK_REWARD: '-1',
      USE_MULTI_TF_CONFIRMATION: 'yes',
      LLM_MODE: 'review',
    });
    expect(r.code).toBe(2);
    for (const v of [
      'MAX_DRAWDOWN_PCT',
      'MODE',
      'MIN_RISK_REWARD',
      'USE_MULTI_TF_CONFIRMATION',
      'LLM_MODE',
    ]) {
      expect(r.stderr, `${v} not named`).toMatch(new RegExp(`\\b${v}: `));
    }
    expect(r.stderr).toContain('ANTHROPIC_API_KEY');
  });

  it('config check prints the effective configuration with secrets masked (exit 0)', async () => {
    const secrets = {
      ANTHROPIC_API_KEY: 'sk-ant-FAKE-SECRET-cli-0001',
      OANDA_API_TOKEN: 'oanda-FAKE-TOKEN-cli-0002',
      IG_PASSWORD: 'ig-FAKE-PASSWORD-cli-0003',
      DATABASE_URL: 'postgres://bot:db-FAKE-PASSWORD-0004@db.example:5432/divbot',
    };
    for (const json of [false, true]) {
      const r = await cli(['config', 'check', ...(json ? ['--json'] : [])], secrets);
      expect(r.code).toBe(0);
      if (json) expect(() => JSON.parse(r.stdout)).not.toThrow();
      for (const s of [
        'sk-ant-FAKE-SECRET-cli-0001',
        'oanda-FAKE-TOKEN-cli-0002',
        'ig-FAKE-PASSWORD-cli-0003',
        'db-FAKE-PASSWORD-0004',
      ]) {
        expect(r.stdout + r.stderr, `secret ${s} printed`).not.toContain(s);
      }
      expect(r.stdout).toContain('MAX_DRAWDOWN_PCT');
    }
  });

  it('--set overrides one variable for the run and is validated like the environment', async () => {
    const ok = await cli(['--set', 'MAX_DRAWDOWN_PCT=12.5', 'config', 'check', '--json']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('12.5');
    const bad = await cli(['--set', 'MAX_DRAWDOWN_PCT=lots', 'config', 'check']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('MAX_DRAWDOWN_PCT');
    const unknown = await cli(['--set', 'NOT_A_VARIABLE=1', 'config', 'check']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--set');
  });

  it('run --mode live refuses to start, naming each missing item (exit 2)', async () => {
    const r = await cli(['run', '--mode', 'live'], { HOST: '0.0.0.0' });
    expect(r.code).toBe(2);
    for (const item of ['LIVE_TRADING_CONFIRM', 'BROKERS', 'SYMBOLS', 'DASHBOARD_USER_<NAME>', 'HOST']) {
      expect(r.stderr, `${item} not named`).toContain(item);
    }
    const secrets = await cli(['run', '--mode', 'live'], {
      LIVE_TRADING_CONFIRM: 'yes-real-money',
      BROKERS: 'oanda',
      SYMBOLS: 'EUR_USD',
    });
    expect(secrets.code).toBe(2);
    expect(secrets.stderr).toContain('OANDA_API_TOKEN');
    expect(secrets.stderr).toContain('OANDA_ACCOUNT_ID');
  });
});
