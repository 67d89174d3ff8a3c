import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { type IndicatorField, IndicatorFields } from '../../domain/indicator-values.js';
import { IndicatorSet } from '../../market/indicators/indicator-set.js';
import { formatUtcTime } from '../../market-data/csv-time.js';
import type { GlobalOptions } from '../global-options.js';
import { loadSeriesFile } from '../series-file.js';
import { inRange, parseTimeFlag } from '../time-flags.js';

interface IndicatorsOptions {
  readonly data: string;
  readonly from?: string;
  readonly to?: string;
  readonly format: 'csv' | 'json';
  readonly out?: string;
}

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume', ...IndicatorFields] as const;

/** Every bar with every indicator (null before each series' first value), as CSV or JSON. */
export async function indicatorsCommand(opts: IndicatorsOptions, _globals: GlobalOptions): Promise<void> {
  const from = parseTimeFlag('--from', opts.from);
  const to = parseTimeFlag('--to', opts.to);
  // No symbol or timeframe needed: the values depend on the rows alone.
  const series = await loadSeriesFile(opts.data, { requireTimeframe: false });
  const out = opts.out ? createWriteStream(opts.out) : process.stdout;
  const json = opts.format === 'json';
  const set = new IndicatorSet();
  const chunk: string[] = [json ? '[' : COLUMNS.join(',')];
  let first = true;
  for (const candle of series.candles) {
    const v = set.update(candle);
    if (!inRange(candle.time, from, to)) continue;
    const cells: Array<number | string | null> = [
      formatUtcTime(candle.time),
      candle.open,
      candle.high,
      candle.low,
      candle.close,
      candle.volume,
    ];
    for (const f of IndicatorFields) cells.push(orNull(v[f as IndicatorField]));
    if (json) {
      const obj: Record<string, number | string | null> = {};
      COLUMNS.forEach((c, i) => {
        obj[c] = cells[i] ?? null;
      });
      chunk.push(`${first ? '' : ','}\n${JSON.stringify(obj)}`);
    } else {
      chunk.push(cells.map((c) => (c === null ? '' : String(c))).join(','));
    }
    first = false;
    if (chunk.length >= 2048) await write(out, chunk, json);
  }
  if (json) chunk.push(first ? ']' : '\n]');
  await write(out, chunk, json);
  if (out !== process.stdout) {
    out.end();
    await once(out, 'finish');
  }
}

const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

async function write(out: NodeJS.WritableStream, chunk: string[], json: boolean): Promise<void> {
  if (chunk.length === 0) return;
  const text = `${chunk.join(json ? '' : '\n')}${json ? '' : '\n'}`;
  chunk.length = 0;
  if (!out.write(text)) await once(out, 'drain');
}
