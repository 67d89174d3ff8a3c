// SPEC §1: when the demo's data ends, trading stops, a summary is printed and the server stays up.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ROOT, spawnCli } from '../../test-support/cli.js';
import { freePort } from '../../test-support/ports.js';
import { waitFor } from '../../test-support/wait.js';

function tail(file: string, rows: number): string {
  const lines = readFileSync(join(ROOT, 'data', file), 'utf8')
    .trimEnd()
    .split('\n');
  return `${[lines[0], ...lines.slice(-rows)].join('\n')}\n`;
}

describe('the demo at the end of its data', () => {
  it('stops trading, prints a summary, and keeps answering with jobs "finished" (also after --resume)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'divbot-demo-end-'));
    const data = join(cwd, 'data');
    mkdirSync(data);
    // Three months of BTC/USDT: 40 days of warm-up, then a short replay.
    writeFileSync(join(data, 'binance_BTC_USDT-1h.csv'), tail('binance_BTC_USDT-1h.csv', 2_200));
    writeFileSync(join(data, 'binance_BTC_USDT-4h.csv'), tail('binance_BTC_USDT-4h.csv', 550));
    const port = await freePort();
    const env = cleanEnv({
      PORT: String(port),
      VAR_DIR: join(cwd, 'var'),
      DATA_DIR: data,
      DEMO_SPEED: '2000000',
    });
    const child = spawnCli(['run'], { cwd, env });
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let summary = '';
    try {
      await waitFor(async () => (stderr.includes('demo finished') ? true : undefined), 60_000);
      summary = stderr.split('\n').find((l) => l.includes('demo finished'))!;
      expect(JSON.parse(summary)).toMatchObject({ trades: expect.any(Number), equity: expect.any(Number) });
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status, 'the server stays up').toBe(200);
      const deep = await waitFor(async () => {
        const r = await fetch(`http://127.0.0.1:${port}/health/deep`);
        const body = (await r.json()) as { checks: Record<string, { status: string }> };
        return body.checks['job:analysis']?.status === 'finished' ? { code: r.status, body } : undefined;
      }, 10_000);
      expect(deep.code).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, stderr.slice(-2000)).toBe(0);

    // --resume of a finished demo says so and stays up as a finished one, trading nothing.
    const again = spawnCli(['run', '--resume'], { cwd, env });
    let stderr2 = '';
    again.stderr?.on('data', (d) => {
      stderr2 += d;
    });
    const exited2 = new Promise<number | null>((resolve) => again.on('close', resolve));
    try {
      await waitFor(async () => (stderr2.includes('demo already finished') ? true : undefined), 30_000);
      const line = JSON.parse(stderr2.split('\n').find((l) => l.includes('demo already finished'))!);
      expect(line.trades, 'the same summary').toBe(JSON.parse(summary).trades);
      const deep = await waitFor(async () => {
        const r = await fetch(`http://127.0.0.1:${port}/health/deep`);
        const body = (await r.json()) as { checks: Record<string, { status: string }> };
        return body.checks['job:analysis']?.status === 'finished' ? r.status : undefined;
      }, 10_000);
      expect(deep).toBe(200);
    } finally {
      again.kill('SIGTERM');
    }
    expect(await exited2, stderr2.slice(-2000)).toBe(0);
    expect(stderr2).not.toContain('order: ');
  }, 120_000);
});
