// A user's dry run, as the README gives it: `divbot fakes --write-env FILE` in one process,
// `divbot run --mode paper --env-file FILE` in another, on the real clock.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, spawnCli } from '../../test-support/cli.js';
import { freePort } from '../../test-support/ports.js';
import { waitFor } from '../../test-support/wait.js';

describe('divbot run --mode paper against divbot fakes', () => {
  it('back-fills from the three fake venues, reports them on /health/deep, and stops cleanly', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'divbot-paper-cli-'));
    const envFile = join(cwd, 'fakes.env');
    const fakes = spawnCli(['fakes', '--write-env', envFile, '--ahead', '5'], { cwd, env: cleanEnv({}) });
    let fakesOut = '';
    fakes.stdout?.on('data', (d) => {
      fakesOut += d;
    });
    const fakesExited = new Promise<number | null>((resolve) => fakes.on('close', resolve));
    const port = await freePort();
    let stderr = '';
    let run: ReturnType<typeof spawnCli> | undefined;
    let runExited: Promise<number | null> = Promise.resolve(null);
    try {
      await waitFor(
        async () => (existsSync(envFile) && fakesOut.includes('OANDA_BASE_URL') ? true : undefined),
        30_000,
      );
      const vars = readFileSync(envFile, 'utf8');
      expect(vars).toMatch(/^OANDA_BASE_URL=http:\/\/127\.0\.0\.1:\d+$/m);
      expect(vars).toMatch(/^TELEGRAM_API_URL=http:\/\/127\.0\.0\.1:\d+$/m);
      expect(fakesOut).toMatch(/^export BINANCE_API_KEY=/m);
      run = spawnCli(['run', '--mode', 'paper', '--env-file', envFile], {
        cwd,
        env: cleanEnv({ PORT: String(port), VAR_DIR: join(cwd, 'var') }),
      });
      run.stderr?.on('data', (d) => {
        stderr += d;
      });
      runExited = new Promise((resolve) => run!.on('close', resolve));
      await waitFor(async () => (stderr.includes('history back-filled') ? true : undefined), 60_000);
      expect(stderr).toContain('reconciled with the venues');
      const deep = await waitFor(async () => {
        const r = await fetch(`http://127.0.0.1:${port}/health/deep`);
        const body = (await r.json()) as { checks: Record<string, { status: string }> };
        return body.checks['broker:ig'] ? body : undefined;
      }, 20_000);
      for (const b of ['broker:oanda', 'broker:binance', 'broker:ig', 'store', 'alerts'])
        expect(deep.checks[b]?.status, b).toBe('ok');
      // The dashboard and API are served in paper mode too (no user yet: nothing but the login).
      expect((await fetch(`http://127.0.0.1:${port}/api/docs/json`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/positions`)).status).toBe(401);
      const back = JSON.parse(stderr.split('\n').find((l) => l.includes('history back-filled'))!);
      expect(back.instruments).toBe(5);
      expect(back.bars).toBeGreaterThan(5 * 500);
    } finally {
      run?.kill('SIGTERM');
      fakes.kill('SIGTERM');
    }
    expect(await runExited, stderr).toBe(0);
    expect(await fakesExited).toBe(0);
    for (const secret of ['fake-ig-password-S3cr3t!'])
      expect(stderr, 'a venue secret reached the log').not.toContain(secret);
  }, 150_000);
});
