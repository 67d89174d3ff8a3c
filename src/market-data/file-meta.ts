import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Candle } from '../domain/candle.js';
import { UsageError } from '../domain/errors.js';
import { isTimeframe, type Timeframe, Timeframes, timeframeMs } from '../domain/timeframe.js';

export interface FileNameMeta {
  /** The name without `.csv` and without a `-<timeframe>` suffix: `binance_BTC_USDT`. */
  readonly stem: string;
  /** The suffix when divbot supports it (`1h`, `4h`). */
  readonly timeframe: Timeframe | undefined;
  /** The suffix as written when it looks like a timeframe (`15m`, `1d`), supported or not. */
  readonly timeframeLabel: string | undefined;
}

/** `binance_BTC_USDT-1h.csv` → `{ stem: 'binance_BTC_USDT', timeframe: '1h' }` (SPEC §16). */
export function parseDataFileName(path: string): FileNameMeta {
  const name = basename(path).replace(/\.csv$/i, '');
  const match = /^(.+)-(\d+[a-zA-Z])$/.exec(name);
  if (!match) return { stem: name, timeframe: undefined, timeframeLabel: undefined };
  const label = match[2]!;
  return { stem: match[1]!, timeframe: isTimeframe(label) ? label : undefined, timeframeLabel: label };
}

/**
 * The supported timeframe equal to the most common spacing between consecutive rows, else
 * undefined. The mode, not the minimum or mean, so weekend and maintenance gaps do not matter.
 */
export function inferTimeframe(candles: readonly Candle[]): Timeframe | undefined {
  const counts = new Map<number, number>();
  for (let i = 1; i < candles.length; i++) {
    const step = candles[i]!.time - candles[i - 1]!.time;
    counts.set(step, (counts.get(step) ?? 0) + 1);
  }
  let mode = 0;
  let best = 0;
  for (const [step, count] of counts) {
    if (count > best || (count === best && step < mode)) [mode, best] = [step, count];
  }
  return Timeframes.find((tf) => timeframeMs[tf] === mode);
}

export type MetaSource = 'flag' | 'file-name' | 'spacing';

export interface SeriesMeta {
  /** Canonical id (through `mapStem` when given), the stem itself without a mapper, or undefined. */
  readonly symbol: string | undefined;
  readonly symbolSource: Exclude<MetaSource, 'spacing'> | undefined;
  readonly stem: string;
  readonly timeframe: Timeframe | undefined;
  readonly timeframeSource: MetaSource | undefined;
  /** Disagreements the caller should print (e.g. a `-1h` file whose rows are 4h apart). */
  readonly warnings: readonly string[];
}

export interface SeriesMetaInput {
  readonly path: string;
  readonly candles: readonly Candle[];
  readonly symbolFlag?: string | undefined;
  readonly timeframeFlag?: Timeframe | undefined;
  /** Stem → canonical instrument id, undefined when unknown (e.g. `symbolFromFileStem`). */
  readonly mapStem?: ((stem: string) => string | undefined) | undefined;
}

/** Symbol and timeframe of a data file, by precedence flag > file name > row spacing (SPEC §16). */
export function resolveSeriesMeta(input: SeriesMetaInput): SeriesMeta {
  const { path, candles, symbolFlag, timeframeFlag, mapStem } = input;
  const name = parseDataFileName(path);
  const spacing = inferTimeframe(candles);
  const warnings: string[] = [];
  if (name.timeframeLabel !== undefined && name.timeframe === undefined && timeframeFlag === undefined) {
    warnings.push(
      `${path}: file name says timeframe ${name.timeframeLabel}, which divbot does not support (${Timeframes.join(', ')})`,
    );
  }
  const timeframe = timeframeFlag ?? name.timeframe ?? spacing;
  const timeframeSource = sourceOf(timeframeFlag, name.timeframe, spacing);
  if (timeframe !== undefined && spacing !== undefined && spacing !== timeframe) {
    warnings.push(
      `${path}: timeframe ${timeframe} (from the ${timeframeSource}) but its rows are mostly ${spacing} apart`,
    );
  }
  const fromName = mapStem ? mapStem(name.stem) : name.stem;
  const symbol = symbolFlag ?? fromName;
  const symbolSource = sourceOf(symbolFlag, fromName, undefined) as SeriesMeta['symbolSource'];
  return { symbol, symbolSource, stem: name.stem, timeframe, timeframeSource, warnings };
}

function sourceOf(flag: unknown, fileName: unknown, spacing: unknown): MetaSource | undefined {
  if (flag !== undefined) return 'flag';
  if (fileName !== undefined) return 'file-name';
  return spacing === undefined ? undefined : 'spacing';
}

/**
 * The files behind `--data`: each argument is a file (taken as given) or a directory (its `.csv`
 * files, not recursive, dot-files skipped). Sorted by path and de-duplicated so runs are repeatable.
 * Throws `UsageError` (exit 2) for a missing path or when no file is found.
 */
export async function listDataFiles(pathOrDir: string | readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const path of typeof pathOrDir === 'string' ? [pathOrDir] : pathOrDir) {
    const info = await stat(path).catch(() => undefined);
    if (info === undefined) throw new UsageError(`--data: no such file or directory: ${path}`);
    if (!info.isDirectory()) {
      found.add(path);
      continue;
    }
    const entries = await readdir(path, { withFileTypes: true });
    const csv = entries.filter(
      (e) => (e.isFile() || e.isSymbolicLink()) && !e.name.startsWith('.') && /\.csv$/i.test(e.name),
    );
    if (csv.length === 0) throw new UsageError(`--data: no .csv files in directory ${path}`);
    for (const entry of csv) found.add(join(path, entry.name));
  }
  if (found.size === 0) throw new UsageError('--data: no data files given');
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
