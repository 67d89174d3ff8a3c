// RESP2, the Redis wire protocol: commands out as arrays of bulk strings, replies in as they come
// (simple and bulk strings, integers, nulls, errors and nested arrays), possibly split across
// socket reads or several to a read.

export type RespArg = string | number | Buffer;
export type RespValue = string | number | null | Error | RespValue[];

export function encodeCommand(args: readonly RespArg[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b = Buffer.isBuffer(a) ? a : Buffer.from(String(a));
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/** Thrown-as-value Redis error replies (`-ERR …`), kept apart from connection failures. */
export class RedisReplyError extends Error {
  override name = 'ReplyError';
}

const INCOMPLETE = Symbol('incomplete');

/** Feed socket data in; complete replies come out in order. */
export class RespParser {
  private buffer: Buffer = Buffer.alloc(0);

  feed(chunk: Buffer): RespValue[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const out: RespValue[] = [];
    for (;;) {
      const r = this.parse(0);
      if (r === INCOMPLETE) break;
      out.push(r.value);
      this.buffer = this.buffer.subarray(r.end);
    }
    return out;
  }

  private parse(at: number): { value: RespValue; end: number } | typeof INCOMPLETE {
    const eol = this.buffer.indexOf('\r\n', at);
    if (eol < 0) return INCOMPLETE;
    const type = String.fromCharCode(this.buffer[at]!);
    const line = this.buffer.toString('utf8', at + 1, eol);
    const next = eol + 2;
    switch (type) {
      case '+':
        return { value: line, end: next };
      case '-':
        return { value: new RedisReplyError(line), end: next };
      case ':':
        return { value: Number(line), end: next };
      case '$': {
        const n = Number(line);
        if (n < 0) return { value: null, end: next };
        if (this.buffer.length < next + n + 2) return INCOMPLETE;
        return { value: this.buffer.toString('utf8', next, next + n), end: next + n + 2 };
      }
      case '*': {
        const n = Number(line);
        if (n < 0) return { value: null, end: next };
        const items: RespValue[] = [];
        let end = next;
        for (let i = 0; i < n; i++) {
          const r = this.parse(end);
          if (r === INCOMPLETE) return INCOMPLETE;
          items.push(r.value);
          end = r.end;
        }
        return { value: items, end };
      }
      default:
        throw new Error(`redis: unexpected reply type ${JSON.stringify(type)}`);
    }
  }
}
