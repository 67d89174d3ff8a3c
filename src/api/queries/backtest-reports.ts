// The backtest reports saved under VAR_DIR/reports/ (`divbot backtest --report FILE.html`), listed
// and served to the dashboard. A name is one plain file name (no separators, no leading dot) checked
// here as well as by the route's schema, and only a regular file directly in the directory is read:
// no path traversal, no symlink out of it.
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { NotFoundError } from '../errors.js';
import { iso } from '../format.js';

export const REPORT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}\.html$/;
export const REPORT_NAME_PATTERN = REPORT_NAME.source;

export interface ReportFile {
  readonly name: string;
  readonly size: number;
  readonly modified_at: string;
}

export function reportsDir(varDir: string): string {
  return resolve(varDir, 'reports');
}

/** Newest first; an absent directory lists nothing. */
export async function listReports(dir: string): Promise<ReportFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile() && REPORT_NAME.test(e.name))
      .map((e) => e.name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const files = await Promise.all(
    names.map(async (name) => {
      const s = await lstat(join(dir, name));
      return { name, size: s.size, mtime: s.mtimeMs };
    }),
  );
  return files
    .sort((a, b) => b.mtime - a.mtime || a.name.localeCompare(b.name))
    .map((f) => ({ name: f.name, size: f.size, modified_at: iso(Math.floor(f.mtime)) }));
}

export async function readReport(dir: string, name: string): Promise<string> {
  if (!REPORT_NAME.test(name)) throw new NotFoundError(`backtest report "${name}" not found`);
  const path = join(dir, name);
  const s = await lstat(path).catch(() => undefined);
  if (s === undefined || !s.isFile()) throw new NotFoundError(`backtest report "${name}" not found`);
  return readFile(path, 'utf8');
}
