// `divbot optimize --queue` against the real Redis (TEST_REDIS_URL) with two `divbot worker`
// processes: the same JSON as the local run, work shared by both workers, and a worker holding
// other data refusing the jobs by fingerprint.
import type { ChildProcess } from 'node:child_process';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { Queue } from 'bullmq';
import { afterAll, expect, it } from 'vitest';
import { cleanEnv, runCli, spawnCli } from '../../test-support/cli.js';
import { describeWithService } from '../../test-support/services.js';
import { waitFor } from '../../test-support/wait.js';
import { SEARCH_ARGS, SET_ARGS, sliceDir } from '../test-support/data-slice.js';
import { parseRedisUrl, useRespClient } from './connection.js';
import { RespRedisClient } from './redis-client.js';

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
    useRespClient();
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
    useRespClient();
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

  it('the RESP client comes back after its connection drops', async () => {
    const target = parseRedisUrl('url', url);
    const sockets = new Set<Socket>();
    // A TCP relay to Redis whose connections the test can cut.
    const relay = createServer((inbound) => {
      const outbound = connect(target.port, target.host);
      inbound.pipe(outbound).pipe(inbound);
      for (const s of [inbound, outbound]) {
        sockets.add(s);
        s.on('error', () => {});
        s.on('close', () => sockets.delete(s));
      }
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const port = (relay.address() as AddressInfo).port;
    const c = new RespRedisClient({ ...target, host: '127.0.0.1', port });
    const seen: string[] = [];
    c.on('error', () => {});
    c.on('reconnecting', () => seen.push('reconnecting'));
    c.on('ready', () => seen.push('ready'));
    try {
      await c.connect();
      const key = `${unique}:k`;
      expect(await c.set(key, 'before', { EX: 60 })).toBe('OK');
      for (const s of sockets) s.destroy();
      await waitFor(() => (c.status === 'ready' && seen.includes('reconnecting') ? true : undefined), 10_000);
      expect(await c.get(key)).toBe('before');
      expect(seen).toEqual(['ready', 'reconnecting', 'ready']);
      await c.del(key);
    } finally {
      await c.quit();
      relay.close();
    }
  });

  it('the RESP client: scripts fall back from EVALSHA to EVAL, MULTI and pipelines answer per command', async () => {
    const c = new RespRedisClient(parseRedisUrl('url', url));
    await c.connect();
    const key = `${unique}:hash`;
    try {
      c.defineCommand('setAndGet', {
        numberOfKeys: 1,
        lua: `redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) return redis.call('HGET', KEYS[1], ARGV[1]) .. '${unique}'`,
      });
      expect(await c.runCommand('setAndGet', [[key, 'f', 'v']]), 'NOSCRIPT the first time, then cached').toBe(
        `v${unique}`,
      );
      expect(await c.runCommand('setAndGet', [key, 'g', 'w'])).toBe(`w${unique}`);
      expect(await c.hgetall(key)).toEqual({ f: 'v', g: 'w' });
      const multi = await c.multi().hgetall(key).llen(key).del(key).exec();
      expect(multi![0]).toEqual([null, { f: 'v', g: 'w' }]);
      expect(multi![1]![0], 'LLEN on a hash: a per-command error').toBeInstanceOf(Error);
      expect(multi![2]).toEqual([null, 1]);
      expect(await c.pipeline().hset(key, { a: 1 }).hgetall(key).exec()).toEqual([
        [null, 1],
        [null, { a: '1' }],
      ]);
      expect(await c.bzpopmin(`${unique}:none`, 0.05)).toBeNull();
    } finally {
      await c.del(key);
      await c.quit();
    }
    expect(c.status).toBe('end');
  });
});
