// Small optimiser inputs cut from the bundled data (data/, see data/README.md for its source and
// licence): the first `bars` 1h bars of BTC/USDT and ETH/USDT, as files in a fresh directory.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DATA = fileURLToPath(new URL('../../../data/', import.meta.url));
export const SLICE_FILES = ['binance_BTC_USDT-1h.csv', 'binance_ETH_USDT-1h.csv'];

/** A directory with the two sliced files; `edit` may rewrite each row after the header. */
export function sliceDir(bars = 3000, edit?: (row: string, index: number) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'divbot-optimize-'));
  for (const name of SLICE_FILES) {
    const [header, ...rows] = readFileSync(join(DATA, name), 'utf8')
      .split('\n')
      .slice(0, bars + 1);
    const out = edit ? rows.map(edit) : rows;
    writeFileSync(join(dir, name), `${[header, ...out].join('\n')}\n`);
  }
  return dir;
}

/** Two parameters, two values each (4 sets), over 2 windows: 12 backtests or fewer. */
export const SEARCH_ARGS = [
  '--param',
  'TP2_R=2..3',
  '--param',
  'STOP_ATR_BUFFER=0.5..1:0.5',
  '--objective',
  'expectancy_r',
  '--walk-forward',
  '2',
  '--min-trades',
  '1',
];

/** Without the 4h confirmation the slice trades often enough to rank the sets. */
export const SET_ARGS = ['--set', 'USE_MULTI_TF_CONFIRMATION=false'];
