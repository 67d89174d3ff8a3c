// A small Redis client for BullMQ, speaking RESP2 over one TCP connection. BullMQ 6 takes any
// client implementing its IRedisClient (ioredis and node-redis are optional peers, and neither is
// a dependency here); this one implements exactly that interface: commands in order, Lua scripts
// by SHA with an EVAL fallback, MULTI and pipelines, and reconnection after a connection that was
// once ready drops. No TLS, no cluster (rediss:// is refused where the URL is parsed).
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { ConnectionClosedError, type IRedisClient, type IRedisTransaction } from 'bullmq';
import { encodeCommand, RedisReplyError, type RespArg, RespParser, type RespValue } from './resp.js';

export interface RedisClientOptions {
  readonly host: string;
  readonly port: number;
  readonly db?: number | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly connectionName?: string | undefined;
}

interface Script {
  readonly sha: string;
  readonly lua: string;
  readonly keys: number;
}

type Pending = { resolve: (v: RespValue) => void; reject: (e: Error) => void };
type Args = ReadonlyArray<unknown>;

const closed = () => new ConnectionClosedError('Connection is closed.');
const flat = (args: Args): RespArg[] =>
  args
    .flatMap((a) => (Array.isArray(a) ? flat(a) : [a]))
    .map((a) => (Buffer.isBuffer(a) ? a : a == null ? '' : String(a)));
const toObject = (v: RespValue): Record<string, string> => {
  const xs = (v ?? []) as string[];
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < xs.length; i += 2) out[xs[i]!] = xs[i + 1]!;
  return out;
};

/** KEYS then ARGV of a script call (BullMQ passes them as one array). */
function scriptArgs(script: Script, args: Args): RespArg[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as Args) : args;
  return [script.keys, ...flat(list)];
}

export class RespRedisClient extends EventEmitter implements IRedisClient {
  status = 'wait';
  readonly isCluster = false;
  options: Record<string, unknown>;
  private socket: Socket | undefined;
  private parser = new RespParser();
  private pending: Pending[] = [];
  private readonly scripts: Map<string, Script>;
  private connecting: Promise<void> | undefined;
  private closing = false;
  private wasReady = false;
  private attempt = 0;

  constructor(options: RedisClientOptions, scripts = new Map<string, Script>()) {
    super();
    this.options = { ...options };
    this.scripts = scripts;
  }

  private get opts(): RedisClientOptions {
    return this.options as unknown as RedisClientOptions;
  }

  connect(): Promise<void> {
    if (this.status === 'ready') return Promise.resolve();
    this.closing = false;
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private open(): Promise<void> {
    this.status = 'connecting';
    return new Promise<void>((resolve, reject) => {
      const socket = createConnection({ host: this.opts.host, port: this.opts.port });
      socket.setNoDelay(true);
      this.socket = socket;
      this.parser = new RespParser();
      let failure: Error | undefined;
      let settled = false;
      socket.on('data', (chunk) => this.onData(chunk));
      socket.on('error', (e) => {
        failure = e;
      });
      socket.on('close', () => {
        if (!settled) {
          settled = true;
          reject(failure ?? closed());
        }
        this.onClose(socket, failure);
      });
      socket.once('connect', () => {
        const o = this.opts;
        const hello: RespArg[][] = [];
        if (o.password) hello.push(o.username ? ['AUTH', o.username, o.password] : ['AUTH', o.password]);
        if (o.db) hello.push(['SELECT', o.db]);
        if (o.connectionName) hello.push(['CLIENT', 'SETNAME', o.connectionName]);
        Promise.all(hello.map((c) => this.write(c))).then(
          () => {
            settled = true;
            this.status = 'ready';
            this.wasReady = true;
            this.attempt = 0;
            this.emit('connect');
            this.emit('ready');
            resolve();
          },
          (e: Error) => {
            failure = e;
            socket.destroy();
          },
        );
      });
    });
  }

  private onData(chunk: Buffer): void {
    for (const value of this.parser.feed(chunk)) {
      const p = this.pending.shift();
      if (!p) continue;
      if (value instanceof RedisReplyError) p.reject(value);
      else p.resolve(value);
    }
  }

  private onClose(socket: Socket, failure: Error | undefined): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    for (const p of this.pending.splice(0)) p.reject(closed());
    if (failure && !this.closing && this.listenerCount('error') > 0) this.emit('error', failure);
    this.emit('close');
    // A connection that never became ready fails its connect(); one that did comes back.
    if (this.closing || !this.wasReady) {
      this.status = 'end';
      this.emit('end');
      return;
    }
    this.status = 'reconnecting';
    this.emit('reconnecting');
    const delay = Math.min(2_000, 100 * 2 ** this.attempt++);
    setTimeout(() => {
      if (this.status === 'reconnecting') this.connect().catch(() => {});
    }, delay).unref();
  }

  private write(args: readonly RespArg[]): Promise<RespValue> {
    const socket = this.socket;
    if (!socket || socket.destroyed) return Promise.reject(closed());
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      socket.write(encodeCommand(args));
    });
  }

  /** One command; waits for the connection (and its handshake) first. */
  async call(...args: Args): Promise<RespValue> {
    if (this.status !== 'ready') {
      if (this.closing || this.status === 'end') throw closed();
      await this.connect();
    }
    return this.write(flat(args));
  }

  disconnect(reconnect = false): void {
    this.closing = !reconnect;
    if (this.socket) this.socket.destroy();
    else if (!reconnect && this.status !== 'end') {
      this.status = 'end';
      this.emit('close');
      this.emit('end');
    }
  }

  async quit(): Promise<string> {
    this.closing = true;
    const socket = this.socket;
    if (!socket) {
      this.status = 'end';
      setImmediate(() => this.emit('end'));
      return 'OK';
    }
    const gone = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await this.write(['QUIT']).catch(() => {});
    socket.end();
    await gone;
    return 'OK';
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

/** MULTI … EXEC, or a plain pipeline: queued commands, each reply through its transform. */
class RespTransaction implements IRedisTransaction {
  private readonly commands: Array<{ args: RespArg[]; transform: (v: RespValue) => unknown }> = [];

  constructor(
    private readonly client: RespRedisClient,
    private readonly atomic: boolean,
  ) {}

  private add(args: Args, transform: (v: RespValue) => unknown = (v) => v): this {
    this.commands.push({ args: flat(args), transform });
    return this;
  }

  hgetall = (key: string) => this.add(['HGETALL', key], toObject);
  hset = (key: string, data: Record<string, string | number>) =>
    this.add(['HSET', key, ...Object.entries(data)]);
  hscan = (key: string, cursor: string | number, o?: { COUNT?: number }) =>
    this.add(['HSCAN', key, cursor, ...(o?.COUNT != null ? ['COUNT', o.COUNT] : [])]);
  smembers = (key: string) => this.add(['SMEMBERS', key]);
  sscan = (key: string, cursor: string | number, o?: { COUNT?: number }) =>
    this.add(['SSCAN', key, cursor, ...(o?.COUNT != null ? ['COUNT', o.COUNT] : [])]);
  zrange = (key: string, start: number, end: number) => this.add(['ZRANGE', key, start, end]);
  lrange = (key: string, start: number, end: number) => this.add(['LRANGE', key, start, end]);
  llen = (key: string) => this.add(['LLEN', key]);
  del = (...keys: string[]) => (flat(keys).length === 0 ? this : this.add(['DEL', ...keys]));
  // EVAL, not EVALSHA: a NOSCRIPT inside MULTI could not fall back.
  runCommand = (name: string, args: unknown[]) => {
    const s = this.client.script(name);
    return this.add(['EVAL', s.lua, ...scriptArgs(s, args)]);
  };

  async exec(): Promise<[Error | null, unknown][] | null> {
    const cmds = this.commands.splice(0);
    if (!this.atomic) {
      const replies = await this.client.sendBatch(cmds.map((c) => c.args));
      return replies.map((r, i) => (r instanceof Error ? [r, null] : [null, cmds[i]!.transform(r)]));
    }
    const replies = await this.client.sendBatch([['MULTI'], ...cmds.map((c) => c.args), ['EXEC']]);
    const exec = replies.at(-1);
    if (exec instanceof Error) throw exec;
    if (exec === null || exec === undefined) return null;
    return (exec as RespValue[]).map((r, i) =>
      r instanceof Error ? [r, null] : [null, cmds[i]!.transform(r)],
    );
  }
}
