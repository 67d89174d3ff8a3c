// `--data DIR|FILES [--symbols A,B]` (SPEC §16) for the commands that replay several instruments:
// every CSV of a directory (sorted), each file's symbol and timeframe resolved as for one file.
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FileSeries } from '../backtest/run-backtest.js';
import { UsageError } from '../domain/errors.js';
import { defaultRegistry } from '../domain/instruments/index.js';
import { loadSeriesFile } from './series-file.js';

export async function loadDataSet(paths: readonly string[], symbols?: string): Promise<FileSeries[]> {
  const files: string[] = [];
  for (const p of paths) {
    let s: Awaited<ReturnType<typeof stat>>;
    try {
      s = await stat(p);
    } catch {
      throw new UsageError(`--data: no such file or directory: ${p}`);
    }
    if (s.isDirectory()) {
      const names = (await readdir(p)).filter((f) => f.endsWith('.csv')).sort();
      if (names.length === 0) throw new UsageError(`--data: no .csv files in ${p}`);
      files.push(...names.map((f) => join(p, f)));
    } else files.push(p);
  }
  const wanted = symbols === undefined ? undefined : parseSymbols(symbols);
  const only = wanted?.length === 1 ? wanted[0] : undefined;
  const out: FileSeries[] = [];
  for (const path of files) {
    // A one-symbol --symbols names the instrument of files whose name does not (SPEC §16).
    const f = await loadSeriesFile(path, { symbol: only, requireSymbol: true });
    if (wanted !== undefined && !wanted.includes(f.symbol!)) continue;
    if (out.some((s) => s.symbol === f.symbol && s.timeframe === f.timeframe)) {
      throw new UsageError(`--data: two ${f.timeframe} files for ${f.symbol} (${basename(path)})`);
    }
    out.push({ symbol: f.symbol!, timeframe: f.timeframe, candles: f.candles });
  }
  for (const s of wanted ?? []) {
    if (!out.some((x) => x.symbol === s && x.timeframe === '1h')) {
      throw new UsageError(`--symbols: no 1h data for ${s} in --data`);
    }
  }
  if (!out.some((s) => s.timeframe === '1h')) {
    throw new UsageError(
      '--data: no 1h file (the pipeline replays 1h bars; 4h files only add native 4h candles)',
    );
  }
  return out;
}

function parseSymbols(list: string) {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0)
    throw new UsageError('--symbols: expected a comma-separated list like BTC/USDT,EUR/USD');
  return names.map((n) => {
    try {
      return defaultRegistry.get(n).id;
    } catch (e) {
      throw new UsageError(`--symbols: ${(e as Error).message}`);
    }
  });
}
