// A small Redis client for BullMQ, speaking RESP2 over one TCP connection. BullMQ 6 takes any
// client implementing its IRedisClient (ioredis and node-redis are optional peers, and neither is
// a dependency here); this one implements exactly that interface: commands in order, Lua scripts
// by SHA with an EVAL fallback, MULTI and pipelines, and reconnection after a connection that was
// once ready drops. No TLS, no cluster (rediss:// is refused where the URL is parsed).
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { IRedisClient, IRedisTransaction } from 'bullmq';
import { RespTransaction, type Script, scriptArgs, toObject } from './redis-transaction.js';
import { RedisReplyError, type RespArg, type RespValue } from './resp.js';
import { flat, type RedisClientOptions, RespConnection } from './resp-connection.js';

export type { RedisClientOptions } from './resp-connection.js';

export class RespRedisClient extends RespConnection implements IRedisClient {
  private readonly scripts: Map<string, Script>;

  constructor(options: RedisClientOptions, scripts = new Map<string, Script>()) {
    super(options);
    this.scripts = scripts;
  }

  duplicate(overrides?: Partial<RedisClientOptions>): IRedisClient {
    return new RespRedisClient({ ...this.opts, ...(overrides ?? {}) }, this.scripts);
  }

  defineCommand(name: string, definition: { numberOfKeys: number; lua: string }): void {
    const sha = createHash('sha1').update(definition.lua).digest('hex');
    this.scripts.set(name, { sha, lua: definition.lua, keys: definition.numberOfKeys });
  }

  async runCommand(name: string, args: unknown[]): Promise<unknown> {
    const script = this.script(name);
    const rest = scriptArgs(script, args);
    try {
      return await this.call('EVALSHA', script.sha, ...rest);
    } catch (e) {
      if (!(e instanceof RedisReplyError) || !e.message.startsWith('NOSCRIPT')) throw e;
      return this.call('EVAL', script.lua, ...rest);
    }
  }

  script(name: string): Script {
    const s = this.scripts.get(name);
    if (!s) throw new Error(`redis: unknown script command "${name}"`);
    return s;
  }

  multi(): IRedisTransaction {
    return new RespTransaction(this, true);
  }

  pipeline(): IRedisTransaction {
    return new RespTransaction(this, false);
  }

  /** Commands for the transaction class: written back to back, replies in order. */
  sendBatch(commands: readonly RespArg[][]): Promise<Array<RespValue | Error>> {
    return Promise.all(commands.map((c) => this.call(...c).catch((e: Error) => e)));
  }

  hgetall = async (key: string) => toObject(await this.call('HGETALL', key));
  hget = async (key: string, field: string) => (await this.call('HGET', key, field)) as string | null;
  hmget = async (key: string, ...fields: string[]) =>
    (await this.call('HMGET', key, ...fields)) as (string | null)[];
  hset = async (key: string, data: Record<string, string | number> | string, ...rest: unknown[]) =>
    (await this.call(
      'HSET',
      key,
      ...(typeof data === 'object' ? Object.entries(data) : [data, ...rest]),
    )) as number;
  hdel = async (key: string, ...fields: string[]) => (await this.call('HDEL', key, ...fields)) as number;
  hexists = async (key: string, field: string) => (await this.call('HEXISTS', key, field)) as number;
  get = async (key: string) => (await this.call('GET', key)) as string | null;
  set = async (
    key: string,
    value: string | number,
    options?: { PX?: number; EX?: number } | string,
    ...rest: unknown[]
  ) => {
    const extra =
      typeof options === 'object'
        ? options.PX != null
          ? ['PX', options.PX]
          : options.EX != null
            ? ['EX', options.EX]
            : []
        : options === undefined
          ? []
          : [options, ...rest];
    return (await this.call('SET', key, value, ...extra)) as string | null;
  };
  del = async (...keys: string[]) =>
    flat(keys).length === 0 ? 0 : ((await this.call('DEL', ...keys)) as number);
  zrange = async (key: string, start: number, end: number, options?: { WITHSCORES?: boolean } | string) =>
    (await this.call('ZRANGE', key, start, end, ...withScores(options))) as string[];
  zrevrange = async (key: string, start: number, end: number, options?: { WITHSCORES?: boolean } | string) =>
    (await this.call('ZREVRANGE', key, start, end, ...withScores(options))) as string[];
  zcard = async (key: string) => (await this.call('ZCARD', key)) as number;
  zscore = async (key: string, member: string) => (await this.call('ZSCORE', key, member)) as string | null;
  zadd = async (key: string, ...args: unknown[]) => (await this.call('ZADD', key, ...args)) as number;
  zrem = async (key: string, ...members: string[]) => (await this.call('ZREM', key, ...members)) as number;
  lrange = async (key: string, start: number, end: number) =>
    (await this.call('LRANGE', key, start, end)) as string[];
  llen = async (key: string) => (await this.call('LLEN', key)) as number;
  ltrim = async (key: string, start: number, end: number) =>
    (await this.call('LTRIM', key, start, end)) as string;
  lpos = async (key: string, value: string) => (await this.call('LPOS', key, value)) as number | null;
  lpush = async (key: string, ...values: unknown[]) => (await this.call('LPUSH', key, ...values)) as number;
  rpop = async (key: string) => (await this.call('RPOP', key)) as string | null;
  smembers = async (key: string) => (await this.call('SMEMBERS', key)) as string[];
  sadd = async (key: string, ...members: unknown[]) => (await this.call('SADD', key, ...members)) as number;
  scard = async (key: string) => (await this.call('SCARD', key)) as number;
  keys = async (pattern: string) => (await this.call('KEYS', pattern)) as string[];
  exists = async (...keys: string[]) => (await this.call('EXISTS', ...keys)) as number;
  incr = async (key: string) => (await this.call('INCR', key)) as number;
  incrby = async (key: string, by: number) => (await this.call('INCRBY', key, by)) as number;
  xlen = async (key: string) => (await this.call('XLEN', key)) as number;
  xrevrange = async (key: string, ...args: unknown[]) => this.call('XREVRANGE', key, ...args);
  xadd = async (
    key: string,
    id: string,
    fields: Record<string, string | number>,
    options?: { MAXLEN?: number; approximate?: boolean },
  ) => {
    const trim =
      options?.MAXLEN != null
        ? ['MAXLEN', ...(options.approximate === false ? [] : ['~']), options.MAXLEN]
        : [];
    return (await this.call('XADD', key, ...trim, id, ...Object.entries(fields))) as string;
  };
  xread = async (streams: { key: string; id: string }[], options?: { BLOCK?: number; COUNT?: number }) =>
    this.call(
      'XREAD',
      ...(options?.COUNT != null ? ['COUNT', options.COUNT] : []),
      ...(options?.BLOCK != null ? ['BLOCK', options.BLOCK] : []),
      'STREAMS',
      ...streams.map((s) => s.key),
      ...streams.map((s) => s.id),
    );
  xtrim = async (key: string, strategy: 'MAXLEN', threshold: number, options?: { approximate?: boolean }) =>
    (await this.call(
      'XTRIM',
      key,
      strategy,
      ...(options?.approximate === false ? [] : ['~']),
      threshold,
    )) as number;
  bzpopmin = async (key: string, timeout: number) =>
    (await this.call('BZPOPMIN', key, timeout)) as [string, string, string] | null;
  info = async () => (await this.call('INFO')) as string;
  clientSetName = (name: string) => this.call('CLIENT', 'SETNAME', name);
  clientList = async () => (await this.call('CLIENT', 'LIST')) as string;
  clientInfo = async () => (await this.call('CLIENT', 'INFO')) as string;
  flushall = () => this.call('FLUSHALL');
  scan = async (cursor: string | number, options: { MATCH?: string; COUNT?: number }) =>
    (await this.call(
      'SCAN',
      cursor,
      ...(options.MATCH ? ['MATCH', options.MATCH] : []),
      ...(options.COUNT ? ['COUNT', options.COUNT] : []),
    )) as [string, string[]];

  scanStream(options: { match: string; count?: number }): Readable {
    const scan = (cursor: string) =>
      this.scan(cursor, { MATCH: options.match, ...(options.count ? { COUNT: options.count } : {}) });
    async function* batches() {
      let cursor = '0';
      do {
        const [next, keys] = await scan(cursor);
        cursor = next;
        if (keys.length > 0) yield keys;
      } while (cursor !== '0');
    }
    return Readable.from(batches(), { objectMode: true });
  }
}

function withScores(o: { WITHSCORES?: boolean } | string | undefined): string[] {
  return (typeof o === 'object' && o.WITHSCORES) || o === 'WITHSCORES' ? ['WITHSCORES'] : [];
}
