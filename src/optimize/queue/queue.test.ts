// `divbot optimize --queue` against the real Redis (TEST_REDIS_URL) with two `divbot worker`
// processes: the same JSON as the local run, work shared by both workers, and a worker holding
// other data refusing the jobs by fingerprint.
import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import { afterAll, expect, it } from 'vitest';
import { cleanEnv, runCli, spawnCli } from '../../test-support/cli.js';
import { describeWithService } from '../../test-support/services.js';
import { waitFor } from '../../test-support/wait.js';
import { SEARCH_ARGS, SET_ARGS, sliceDir } from '../test-support/data-slice.js';
import { parseRedisUrl, useRedisClient } from './connection.js';

interface Spawned {
  readonly child: ChildProcess;
  stderr: string;
  readonly exited: Promise<number | null>;
}

function startWorker(url: string, queue: string, data: string): Spawned {
  const child = spawnCli(['worker', '--queue', url, '--queue-name', queue, '--data', data], {
    env: cleanEnv(),
  });
  const s: Spawned = {
    child,
    stderr: '',
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
  };
  child.stderr?.on('data', (d) => {
    s.stderr += d;
  });
  return s;
}

const started: Spawned[] = [];
const queues: string[] = [];
const cli = (args: string[]) => runCli(args, { env: cleanEnv(), timeoutMs: 90_000 });

describeWithService('TEST_REDIS_URL', 'optimize through BullMQ workers', (url) => {
  const unique = `divbot-test-${process.pid}-${Date.now()}`;

  afterAll(async () => {
    for (const w of started) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    useRedisClient();
    for (const name of queues) {
      const q = new Queue(name, { connection: { ...parseRedisUrl('url', url) } });
      await q.obliterate({ force: true }).catch(() => {});
      await q.close();
    }
  });

  it('two worker processes give the same JSON as the local run, sharing the work', async () => {
    const queue = `${unique}-a`;
    queues.push(queue);
    const dir = sliceDir(3000);
    const workers = [startWorker(url, queue, dir), startWorker(url, queue, dir)];
    started.push(...workers);
    await waitFor(
      () => (workers.every((w) => w.stderr.includes('waiting for optimiser jobs')) ? true : undefined),
      20_000,
    );
    const args = [...SET_ARGS, 'optimize', '--data', dir, ...SEARCH_ARGS, '--json'];
    const [local, queued] = await Promise.all([
      cli([...args, '--workers', '1']),
      cli([...args, '--queue', url, '--queue-name', queue]),
    ]);
    expect(queued.code, queued.stderr).toBe(0);
    expect(local.code, local.stderr).toBe(0);
    expect(queued.stdout, 'the queued run differs from the local one').toBe(local.stdout);
    for (const w of workers) w.child.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
    const done = workers.map((w) => Number(/closed after (\d+) backtests/.exec(w.stderr)?.[1] ?? Number.NaN));
    expect(done[0]! + done[1]!).toBe(JSON.parse(local.stdout).backtests);
    expect(Math.min(...done), `each worker took jobs (${done.join(' + ')})`).toBeGreaterThan(0);
  }, 90_000);

  it('a worker whose --data differs fails the jobs by fingerprint, and the run exits 1 naming it', async () => {
    const queue = `${unique}-b`;
    queues.push(queue);
    const worker = startWorker(url, queue, sliceDir(2900));
    started.push(worker);
    await waitFor(() => (worker.stderr.includes('waiting for optimiser jobs') ? true : undefined), 20_000);
    const r = await cli([
      ...SET_ARGS,
      'optimize',
      '--data',
      sliceDir(3000),
      ...SEARCH_ARGS,
      '--queue',
      url,
      '--queue-name',
      queue,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/data fingerprint .* differs from the run's/);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  }, 60_000);

  it('Ctrl-C on optimize --queue takes its waiting jobs back out of the queue', async () => {
    const queue = `${unique}-c`;
    queues.push(queue);
    const child = spawnCli(
      [
        ...SET_ARGS,
        'optimize',
        '--data',
        sliceDir(3000),
        ...SEARCH_ARGS,
        '--queue',
        url,
        '--queue-name',
        queue,
      ],
      { env: cleanEnv() },
    );
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    useRedisClient();
    const q = new Queue(queue, { connection: { ...parseRedisUrl('url', url) } });
    try {
      await waitFor(() => (stderr.includes('backtests queued') ? true : undefined), 20_000);
      expect(await q.getWaitingCount()).toBe(8);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(await q.getWaitingCount(), stderr).toBe(0);
    } finally {
      await q.close();
    }
  }, 40_000);
});
