// `--queue redis://[user:password@]host[:port][/db]`: where the optimiser's BullMQ queue lives.
// BullMQ builds every connection it needs (the blocking ones included) through the factory set
// here, so each one is a RespRedisClient.
import { RedisConnection } from 'bullmq';
import { UsageError } from '../../domain/errors.js';
import { type RedisClientOptions, RespRedisClient } from './redis-client.js';

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

/** Route every BullMQ connection of this process through RespRedisClient. */
export function useRespClient(): void {
  if (installed) return;
  installed = true;
  RedisConnection.clientFactory = (opts) => {
    const o = opts as Record<string, unknown>;
    return new RespRedisClient({
      host: String(o.host ?? '127.0.0.1'),
      port: Number(o.port ?? 6379),
      db: o.db === undefined ? undefined : Number(o.db),
      username: o.username === undefined ? undefined : String(o.username),
      password: o.password === undefined ? undefined : String(o.password),
      connectionName: o.connectionName === undefined ? undefined : String(o.connectionName),
    });
  };
}
