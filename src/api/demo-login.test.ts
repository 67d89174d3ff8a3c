// `divbot run` wires the dashboard in: it prints a one-time password for the user `demo`, which
// logs in; the OpenAPI document and the dashboard's page are served.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cleanEnv, spawnCli } from '../test-support/cli.js';
import { freePort } from '../test-support/ports.js';
import { waitFor } from '../test-support/wait.js';

it('the demo prints a one-time password that logs in', async () => {
  const port = await freePort();
  const cwd = mkdtempSync(join(tmpdir(), 'divbot-demo-login-'));
  const child = spawnCli(['run'], { cwd, env: cleanEnv({ PORT: String(port), VAR_DIR: join(cwd, 'var') }) });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const url = `http://127.0.0.1:${port}`;
  try {
    const password = await waitFor(
      () => /one-time password ([A-Za-z0-9]{20})/.exec(stdout + stderr)?.[1],
      40_000,
    );
    const login = (pw: string) =>
      fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'demo', password: pw }),
      });
    expect((await login('demo')).status, 'no default credentials').toBe(401);
    const ok = await login(password);
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get('set-cookie')!.split(';')[0]!;
    const overview = await fetch(`${url}/api/v1/overview`, { headers: { cookie } });
    expect(overview.status).toBe(200);
    expect(((await overview.json()) as { trading: { account_key: string } }).trading.account_key).toBe(
      'demo',
    );
    expect((await fetch(`${url}/api/docs/json`)).status).toBe(200);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="/app.js">');
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited, stderr).toBe(0);
}, 90_000);
