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

  it('a command whose issue has not landed says so and exits 1', async () => {
    const r = await cli(['backtest', '--data', 'x.csv']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not available yet.*issue #7/);
    const f = await cli(['fakes']);
    expect(f.code).toBe(1);
    expect(f.stderr).toMatch(/issue #8/);
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
});
