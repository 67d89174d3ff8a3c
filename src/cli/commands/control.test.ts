// The control commands with no instance running: they open the store (PGlite in a temp VAR_DIR).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit, openStore } from '../../store/index.js';
import { cleanEnv, runCli } from '../../test-support/cli.js';

const cwd = mkdtempSync(join(tmpdir(), 'divbot-control-'));
const varDir = join(cwd, 'var');
const cli = (args: string[]) => runCli(args, { cwd, env: cleanEnv({ VAR_DIR: varDir }), timeoutMs: 30_000 });
const status = async () => {
  const r = await cli(['killswitch', 'status', '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as {
    state: string;
    reason: string | null;
    source: string;
    instruments: unknown[];
  };
};

describe('divbot pause / resume / killswitch / instruments on the store (no instance running)', () => {
  it('pause → PAUSED → resume → ACTIVE, each audited; reset needs --reason and a HALTED book', async () => {
    expect(await status()).toMatchObject({ state: 'ACTIVE', source: 'store' });

    const paused = await cli(['pause', '--reason', 'reviewing the feed']);
    expect(paused.code, paused.stderr).toBe(0);
    expect(paused.stdout).toContain('ACTIVE → PAUSED');
    expect(await status()).toMatchObject({ state: 'PAUSED', reason: 'reviewing the feed' });

    const resumed = await cli(['resume', '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ from: 'PAUSED', to: 'ACTIVE', changed: true });
    expect((await status()).state).toBe('ACTIVE');

    const again = await cli(['resume']);
    expect(again.code, 'resume from ACTIVE does not apply').toBe(2);
    expect(again.stderr).toContain('cannot resume from ACTIVE');

    const noReason = await cli(['killswitch', 'reset']);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--reason');
    const blank = await cli(['killswitch', 'reset', '--reason', '  ']);
    expect(blank.code).toBe(2);
    const notHalted = await cli(['killswitch', 'reset', '--reason', 'checked']);
    expect(notHalted.code).toBe(2);
    expect(notHalted.stderr).toContain('not tripped');

    const store = await openStore({ dataDir: join(varDir, 'db') });
    try {
      const audit = await listAudit(store);
      expect(audit.map((a) => a.action).slice(0, 2)).toEqual(['trading.resume', 'trading.pause']);
      expect(audit[1]).toMatchObject({ actor: 'cli', reason: 'reviewing the feed', target: 'trading_state' });
    } finally {
      await store.close();
    }
  }, 60_000);

  it('disables an instrument and scales its risk; refuses unknown symbols and bad multipliers (exit 2)', async () => {
    const off = await cli(['instruments', 'disable', 'BTC/USDT']);
    expect(off.code, off.stderr).toBe(0);
    const risk = await cli(['instruments', 'risk', 'BTC/USDT', '0.5', '--json']);
    expect(risk.code, risk.stderr).toBe(0);
    expect(JSON.parse(risk.stdout)).toMatchObject({
      symbol: 'BTC/USDT',
      enabled: false,
      risk_multiplier: '0.5',
    });
    expect((await status()).instruments).toEqual([
      expect.objectContaining({ symbol: 'BTC/USDT', enabled: false, risk_multiplier: '0.5' }),
    ]);

    const unknown = await cli(['instruments', 'enable', 'NOPE/USD']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('NOPE/USD');
    for (const bad of ['0', '-1', 'abc', '1000']) {
      const r = await cli(['instruments', 'risk', 'BTC/USDT', bad]);
      expect(r.code, `multiplier ${bad}`).toBe(2);
      expect(r.stderr).toContain('MULTIPLIER');
    }
  }, 60_000);

  it('close needs a running instance (exit 1), a known symbol and SYMBOL xor --all (exit 2)', async () => {
    const none = await cli(['close', '--all']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no divbot instance is running');
    expect((await cli(['close', 'NOPE/USD'])).code).toBe(2);
    expect((await cli(['close'])).code).toBe(2);
    expect((await cli(['close', 'BTC/USDT', '--all'])).code).toBe(2);
  }, 30_000);
});
