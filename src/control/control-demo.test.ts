// The CLI against the running demo, through its local API (SPEC §12).
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getRiskState, listAudit, openStore } from '../store/index.js';
import { cleanEnv, runCli, spawnCli } from '../test-support/cli.js';
import { freePort } from '../test-support/ports.js';
import { waitFor } from '../test-support/wait.js';

describe('divbot control commands against the running demo', () => {
  it('pauses, reports and disables an instrument through the local API; 401 without the token', async () => {
    const port = await freePort();
    const cwd = mkdtempSync(join(tmpdir(), 'divbot-control-demo-'));
    const env = cleanEnv({ PORT: String(port), VAR_DIR: join(cwd, 'var') });
    const child = spawnCli(['run'], { cwd, env });
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const tokenPath = join(cwd, 'var', 'demo', 'local-api.token');
    const cli = (args: string[]) => runCli(args, { cwd, env, timeoutMs: 15_000 });
    try {
      await waitFor(() => (existsSync(tokenPath) ? true : undefined), 40_000);
      expect(statSync(tokenPath).mode & 0o777).toBe(0o600);
      const { token } = JSON.parse(readFileSync(tokenPath, 'utf8')) as { token: string };

      const anonymous = await fetch(`http://127.0.0.1:${port}/api/local/status`);
      expect(anonymous.status).toBe(401);
      const wrong = await fetch(`http://127.0.0.1:${port}/api/local/pause`, {
        method: 'POST',
        headers: { authorization: 'Bearer nope', 'content-type': 'application/json' },
        body: '{}',
      });
      expect(wrong.status).toBe(401);
      const withToken = await fetch(`http://127.0.0.1:${port}/api/local/status`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(withToken.status).toBe(200);

      const paused = await cli(['pause', '--demo', '--reason', 'watching']);
      expect(paused.code, paused.stderr).toBe(0);
      expect(paused.stdout).toContain('→ PAUSED');

      const disabled = await cli(['instruments', 'disable', 'BTC/USDT', '--demo']);
      expect(disabled.code, disabled.stderr).toBe(0);

      const status = await cli(['killswitch', 'status', '--demo', '--json']);
      expect(status.code, status.stderr).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({
        source: 'instance',
        account_key: 'demo',
        state: 'PAUSED',
        reason: 'watching',
        equity: expect.any(Number),
        instruments: [expect.objectContaining({ symbol: 'BTC/USDT', enabled: false })],
      });

      const unknown = await cli(['instruments', 'disable', 'NOPE/USD', '--demo']);
      expect(unknown.code).toBe(2);
      const again = await cli(['resume', '--demo']);
      expect(again.code, again.stderr).toBe(0);
      const bad = await cli(['resume', '--demo']);
      expect(bad.code, 'resume from ACTIVE is refused by the instance (409 → exit 2)').toBe(2);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, stderr).toBe(0);
    expect(existsSync(tokenPath), 'the token file is removed on shutdown').toBe(false);
    // Saved on every change and audited, in the demo's store.
    const store = await openStore({ dataDir: join(cwd, 'var', 'demo') });
    try {
      expect(await getRiskState(store, 'demo')).toMatchObject({
        state: 'ACTIVE',
        reason: 'resumed by a person',
      });
      const actions = (await listAudit(store)).map((a) => `${a.actor} ${a.action} ${a.target}`);
      expect(actions).toEqual([
        'cli trading.resume trading_state',
        'cli instrument.disable BTC/USDT',
        'cli trading.pause trading_state',
      ]);
    } finally {
      await store.close();
    }
  }, 90_000);
});
