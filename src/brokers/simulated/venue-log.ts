// The simulated venue's memory on disk: an append-only JSONL file of the changes the broker
// records (venue-journal.ts), each written and fsync'ed before the call that made it returns, so
// a venue rebuilt with `SimulatedBroker.replay` after a stop (graceful or SIGKILL) knows every
// order it acknowledged, like a real venue would.
//
// A file beside the store, not a table in it: the venue is not the bot's database. Kept apart,
// a restart can only learn what the venue did by asking it (restore + reconcile), as with a real
// broker, and no store transaction can ever cover both sides. The broker's calls are synchronous
// at the point of change (replayTo is called synchronously by the loop), which an append can
// match and an asynchronous database write could not without a queue whose tail a kill would lose.
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { decodeVenueOp, type VenueJournal, type VenueOp } from './venue-journal.js';

/** What the venue was created with; a log is only ever replayed into the same venue. */
export type VenueParams = Readonly<Record<string, string | number | boolean>>;

export class VenueLog implements VenueJournal {
  #fd: number | undefined;

  private constructor(
    fd: number,
    readonly path: string,
    /** The changes the file held when opened, oldest first: `broker.replay(log.ops)`. */
    readonly ops: readonly VenueOp[],
  ) {
    this.#fd = fd;
  }

  /**
   * Opens (or creates) the log at `path`. A last line cut off by a kill is dropped: the call it
   * describes never returned, so to its caller the venue never took it. Any other bad line, or
   * a log written for a venue with other parameters, is an error.
   */
  static open(path: string, params: VenueParams): VenueLog {
    const ops: VenueOp[] = [];
    if (existsSync(path)) {
      let bytes = readFileSync(path);
      const end = bytes.lastIndexOf(0x0a) + 1;
      if (end < bytes.length) {
        truncateSync(path, end);
        bytes = bytes.subarray(0, end);
      }
      const lines = bytes.toString('utf8').split('\n').slice(0, -1);
      for (const [i, line] of lines.entries()) {
        let raw: unknown;
        try {
          raw = JSON.parse(line);
        } catch {
          throw new Error(`${path}:${i + 1}: not a venue log line`);
        }
        if (i === 0) checkHeader(path, raw, params);
        else ops.push(decodeVenueOp(raw));
      }
      if (lines.length === 0) writeHeader(path, params);
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeHeader(path, params);
      // The new file's directory entry must be durable too, or a crash could lose the whole log.
      const dir = openSync(dirname(path), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
    return new VenueLog(openSync(path, 'a'), path, ops);
  }

  /** One write and one fsync for the ops of one call: they are kept or lost together. */
  record(...ops: VenueOp[]): void {
    if (this.#fd === undefined) throw new Error(`venue log ${this.path} is closed`);
    writeSync(this.#fd, ops.map((op) => `${JSON.stringify(op)}\n`).join(''));
    fsyncSync(this.#fd);
  }

  close(): void {
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
  }
}

const header = (params: VenueParams) => ({ op: 'venue', ...params });

function writeHeader(path: string, params: VenueParams): void {
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, `${JSON.stringify(header(params))}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function checkHeader(path: string, raw: unknown, params: VenueParams): void {
  const found = raw as Record<string, unknown>;
  const expected: Record<string, unknown> = header(params);
  const keys = new Set([...Object.keys(found), ...Object.keys(expected)]);
  if ([...keys].some((k) => found[k] !== expected[k]))
    throw new Error(
      `${path} was written for another venue: ${JSON.stringify(found)}, this one is ${JSON.stringify(expected)}`,
    );
}
