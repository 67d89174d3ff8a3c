import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, spawnCli } from '../test-support/cli.js';
import { freePort } from '../test-support/ports.js';
import { waitFor } from '../test-support/wait.js';

describe('divbot run (the demo, as npm start runs it)', () => {
  it('answers /health within 10 s, reports jobs on /health/deep, places orders, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const cwd = mkdtempSync(join(tmpdir(), 'divbot-run-'));
    const secrets = {
      OANDA_API_TOKEN: 'oanda-FAKE-TOKEN-run-1111',
      IG_PASSWORD: 'ig-FAKE-PASSWORD-run-2222',
    };
    const env = cleanEnv({ PORT: String(port), VAR_DIR: join(cwd, 'var'), LOG_LEVEL: 'debug', ...secrets });
    const child = spawnCli(['run'], { cwd, env });
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const t0 = performance.now();
      const health = await waitFor(async () => {
        const r = await fetch(`http://127.0.0.1:${port}/health`);
        return r.status === 200 ? r.json() : undefined;
      }, 10_000);
      expect(performance.now() - t0, '/health must answer within 10 s of start').toBeLessThan(10_000);
      expect(health).toMatchObject({ status: 'ok' });

      // The demo clock runs fast, so the jobs report a run within a few real seconds.
      // Every job reports once it has run; until then it is `pending` (a 503), which on a loaded
      // machine outlasts the analysis job's first run: wait for the whole report, not one check.
      let last: unknown;
      const deep = await waitFor(async () => {
        const r = await fetch(`http://127.0.0.1:${port}/health/deep`);
        const body = (await r.json()) as { status: string; checks: Record<string, { status: string }> };
        last = body;
        const ready = body.checks['job:analysis']?.status === 'ok' && r.status === 200;
        return ready ? { code: r.status, body } : undefined;
      }, 30_000).catch((e: unknown) => {
        throw new Error(`/health/deep never answered 200: ${JSON.stringify(last)}`, { cause: e });
      }); // start-up (store, first-order scan) takes a few seconds, more on a loaded machine
      expect(deep.code).toBe(200);
      // The demo starts a few simulated hours before its first order: it shows within seconds.
      await waitFor(async () => (stderr.includes('order: ') ? true : undefined), 50_000);
      expect(Object.keys(deep.body.checks)).toEqual(
        expect.arrayContaining(['job:analysis', 'job:monitor', 'job:snapshot', 'job:outcomes', 'store']),
      );
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, stderr).toBe(0);
    expect(stderr).toContain('stopped');
    expect(stderr, 'the demo places its first order within a minute').toContain('order: ');
    for (const secret of Object.values(secrets))
      expect(stderr, 'a secret reached the log').not.toContain(secret);
  }, 90_000);
});
