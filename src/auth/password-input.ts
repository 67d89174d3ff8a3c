// Reads a password for `divbot users add` / `users hash`: from the terminal without echo (asked
// twice), or the first line of stdin when it is not a terminal (scripts: `echo … | divbot …`).
// Never from a flag: it would land in the shell history and the process list.
import { UsageError } from '../domain/errors.js';
import { checkNewPassword } from './passwords.js';

export async function readNewPassword(
  stdin: NodeJS.ReadStream = process.stdin,
  stderr: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  let password: string;
  if (stdin.isTTY) {
    password = await promptHidden('Password: ', stdin, stderr);
    const again = await promptHidden('Password (again): ', stdin, stderr);
    if (again !== password) throw new UsageError('the two passwords differ');
  } else {
    password = firstLine(await readAll(stdin));
  }
  const problem = checkNewPassword(password);
  if (problem !== undefined) throw new UsageError(problem);
  return password;
}

export function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function promptHidden(
  question: string,
  stdin: NodeJS.ReadStream,
  stderr: NodeJS.WriteStream,
): Promise<string> {
  return new Promise((resolve, reject) => {
    stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let typed = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}
