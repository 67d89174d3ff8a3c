// One RESP2 connection to Redis with the lifecycle BullMQ expects of a client (its IRedisClient's
// status, events, connect, disconnect and quit): commands are written in order and answered in
// order; a connection that never became ready fails its connect(), one that was ready and drops
// comes back by itself (with a growing pause), failing only the commands that were in flight.
import { EventEmitter } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { ConnectionClosedError } from 'bullmq';
import { encodeCommand, RedisReplyError, type RespArg, RespParser, type RespValue } from './resp.js';

export interface RedisClientOptions {
  readonly host: string;
  readonly port: number;
  readonly db?: number | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly connectionName?: string | undefined;
}

type Pending = { resolve: (v: RespValue) => void; reject: (e: Error) => void };
export type Args = ReadonlyArray<unknown>;

const closed = () => new ConnectionClosedError('Connection is closed.');
/** Arguments as RESP strings: nested arrays flattened, null and undefined as "" (as ioredis). */
export const flat = (args: Args): RespArg[] =>
  args
    .flatMap((a) => (Array.isArray(a) ? flat(a) : [a]))
    .map((a) => (Buffer.isBuffer(a) ? a : a == null ? '' : String(a)));

export class RespConnection extends EventEmitter {
  status = 'wait';
  readonly isCluster = false;
  options: Record<string, unknown>;
  private socket: Socket | undefined;
  private parser = new RespParser();
  private pending: Pending[] = [];
  private connecting: Promise<void> | undefined;
  private closing = false;
  private wasReady = false;
  private attempt = 0;

  constructor(options: RedisClientOptions) {
    super();
    this.options = { ...options };
  }

  protected get opts(): RedisClientOptions {
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
}
