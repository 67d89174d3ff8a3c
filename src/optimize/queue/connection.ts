// `--queue redis://[user:password@]host[:port][/db]`: where the optimiser's BullMQ queue lives.
// BullMQ builds every connection it needs (the blocking ones included) through the factory set
// here: an ioredis client each (under ESM BullMQ cannot load ioredis by itself).
import { createIORedisClient, RedisConnection } from 'bullmq';
import { Redis } from 'ioredis';
import { UsageError } from '../../domain/errors.js';

export interface RedisClientOptions {
  readonly host: string;
  readonly port: number;
  readonly db?: number | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly connectionName?: string | undefined;
}

export function parseRedisUrl(flag: string, value: string): RedisClientOptions {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag}: expected a URL like redis://127.0.0.1:6379, got "${value}"`);
  }
  if (url.protocol === 'rediss:')
    throw new UsageError(
      `${flag}: TLS (rediss://) is not supported; use redis:// over a private network or a tunnel`,
    );
  if (url.protocol !== 'redis:')
    throw new UsageError(`${flag}: expected a redis:// URL, got "${url.protocol}"`);
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db))
    throw new UsageError(`${flag}: the path must be a database number, got "${db}"`);
  return {
    host: url.hostname || '127.0.0.1',
    port: url.port === '' ? 6379 : Number(url.port),
    db: db === '' ? undefined : Number(db),
    username: url.username === '' ? undefined : decodeURIComponent(url.username),
    password: url.password === '' ? undefined : decodeURIComponent(url.password),
  };
}

/** The same URL with its password hidden, for log lines. */
export function describeRedis(o: RedisClientOptions): string {
  return `redis://${o.password ? '***@' : ''}${o.host}:${o.port}${o.db ? `/${o.db}` : ''}`;
}

let installed = false;

/** Every BullMQ connection of this process is an ioredis client. */
export function useRedisClient(): void {
  if (installed) return;
  installed = true;
  RedisConnection.clientFactory = (opts) => {
    const o = opts as Record<string, unknown>;
    const text = (k: string) => (o[k] === undefined ? undefined : String(o[k]));
    const client = new Redis({
      host: text('host') ?? '127.0.0.1',
      port: Number(o.port ?? 6379),
      ...(o.db === undefined ? {} : { db: Number(o.db) }),
      ...(text('username') === undefined ? {} : { username: text('username')! }),
      ...(text('password') === undefined ? {} : { password: text('password')! }),
      ...(text('connectionName') === undefined ? {} : { connectionName: text('connectionName')! }),
      // BullMQ's blocking commands wait indefinitely: ioredis must not give up on them.
      maxRetriesPerRequest: null,
    });
    return createIORedisClient(client);
  };
}

/**
 * One PING with no retry: BullMQ's clients reconnect forever (right for a worker that lost its
 * connection), so an address that never answered is caught here, at once, with its name.
 */
export async function probeRedis(flag: string, o: RedisClientOptions): Promise<void> {
  const client = new Redis({
    host: o.host,
    port: o.port,
    ...(o.db === undefined ? {} : { db: o.db }),
    ...(o.username === undefined ? {} : { username: o.username }),
    ...(o.password === undefined ? {} : { password: o.password }),
    connectTimeout: 5_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    lazyConnect: true,
  });
  let cause: string | undefined;
  client.on('error', (e: Error) => {
    cause ??= e.message; // ECONNREFUSED …, which connect() itself reports only as "closed"
  });
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    throw new Error(`${flag}: cannot reach ${describeRedis(o)}: ${cause ?? (e as Error).message}`);
  } finally {
    client.disconnect();
  }
}
