import { writeFile } from 'node:fs/promises';

export interface OutputOptions {
  readonly json?: boolean;
  readonly out?: string;
}

/**
 * `--json` prints JSON to stdout and nothing else; `--out FILE` writes it to the file instead.
 * Without either, `text` (a human summary) goes to stdout.
 */
export async function emit(data: unknown, text: () => string, options: OutputOptions): Promise<void> {
  if (options.out) {
    await writeFile(options.out, `${JSON.stringify(data, null, 2)}\n`);
    return;
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${text()}\n`);
}
