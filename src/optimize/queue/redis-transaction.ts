// MULTI … EXEC and pipelines for RespRedisClient: the commands BullMQ queues in them, each reply
// through its transform, errors per command as BullMQ expects ([error, result] pairs).
import type { IRedisTransaction } from 'bullmq';
import type { RespArg, RespValue } from './resp.js';
import { type Args, flat } from './resp-connection.js';

export interface Script {
  readonly sha: string;
  readonly lua: string;
  readonly keys: number;
}

export const toObject = (v: RespValue): Record<string, string> => {
  const xs = (v ?? []) as string[];
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < xs.length; i += 2) out[xs[i]!] = xs[i + 1]!;
  return out;
};

/** KEYS then ARGV of a script call (BullMQ passes them as one array). */
export function scriptArgs(script: Script, args: Args): RespArg[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as Args) : args;
  return [script.keys, ...flat(list)];
}

/** What a transaction needs of its client. */
export interface BatchClient {
  script(name: string): Script;
  sendBatch(commands: readonly RespArg[][]): Promise<Array<RespValue | Error>>;
}

/** MULTI … EXEC, or a plain pipeline: queued commands, each reply through its transform. */
export class RespTransaction implements IRedisTransaction {
  private readonly commands: Array<{ args: RespArg[]; transform: (v: RespValue) => unknown }> = [];

  constructor(
    private readonly client: BatchClient,
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
