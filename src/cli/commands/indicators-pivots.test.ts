import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeIndicators } from '../../market/indicators/compute-indicators.js';
import { findPivots } from '../../market/pivots/pivot-tracker.js';
import { readCandleFile } from '../../market-data/csv.js';
import { ROOT, runCli } from '../../test-support/cli.js';

const file = join(ROOT, 'data', 'binance_ETH_USDT-4h.csv');
const COLUMNS =
  'time,open,high,low,close,volume,rsi,macd,macd_signal,macd_hist,stoch_k,stoch_d,mfi,cci,willr,atr,ema50,ema200,bb_upper,bb_middle,bb_lower,bb_bandwidth,adx,plus_di,minus_di,volume_sma';

describe('divbot indicators', () => {
  it('prints every bar as CSV, empty before each series starts, equal to the library', async () => {
    const r = await runCli(['indicators', '--data', file], { timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(COLUMNS);
    const candles = await readCandleFile(file);
    expect(lines).toHaveLength(candles.length + 1);
    const rsiCol = COLUMNS.split(',').indexOf('rsi');
    const ema200Col = COLUMNS.split(',').indexOf('ema200');
    const row = (i: number) => lines[i + 1]!.split(',');
    expect(row(13)[rsiCol]).toBe('');
    expect(row(14)[rsiCol]).not.toBe('');
    expect(row(198)[ema200Col]).toBe('');
    const h = computeIndicators(candles);
    expect(Number(row(5000)[rsiCol])).toBe(h.get('rsi', 5000));
    expect(Number(row(5000)[ema200Col])).toBe(h.get('ema200', 5000));
  });

  it('--from/--to filter the output only (warm-up still uses earlier bars); JSON has the same values', async () => {
    const args = ['indicators', '--data', file, '--from', '2022-01-01', '--to', '2022-01-01T08:00:00Z'];
    const csv = await runCli(args);
    const json = await runCli([...args, '--format', 'json']);
    expect(csv.code, csv.stderr).toBe(0);
    const rows = csv.stdout.trimEnd().split('\n').slice(1);
    const objects = JSON.parse(json.stdout) as Array<Record<string, number | string | null>>;
    expect(rows.map((r) => r.split(',')[0])).toEqual([
      '2022-01-01T00:00:00Z',
      '2022-01-01T04:00:00Z',
      '2022-01-01T08:00:00Z',
    ]);
    expect(objects.map((o) => o.time)).toEqual(rows.map((r) => r.split(',')[0]));
    expect(objects[0]!.ema200, 'warm-up from the bars before --from').not.toBeNull();
    expect(String(objects[1]!.macd)).toBe(rows[1]!.split(',')[7]);
  });

  it('a bad --from is bad usage naming the flag', async () => {
    const r = await runCli(['indicators', '--data', file, '--from', '31/01/2022']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from');
  });
});

describe('divbot pivots', () => {
  it('prints every pivot with its confirm bar, using the 4h pivot lengths for a 4h file', async () => {
    const out = join(tmpdir(), `divbot-pivots-${process.pid}.json`);
    const r = await runCli(['pivots', '--data', file, '--json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const pivots = JSON.parse(readFileSync(out, 'utf8')) as Array<Record<string, unknown>>;
    const expected = findPivots(await readCandleFile(file), 5, 3);
    expect(pivots).toHaveLength(expected.length);
    expect(pivots[0]).toEqual({
      kind: expected[0]!.kind,
      index: expected[0]!.index,
      time: new Date(expected[0]!.time).toISOString().replace('.000Z', 'Z'),
      price: expected[0]!.price,
      confirm_index: expected[0]!.index + 3,
      confirm_time: new Date(expected[0]!.confirmTime).toISOString().replace('.000Z', 'Z'),
    });
  });

  it('--timeframe 1h uses the 1h lengths (right 5)', async () => {
    const r = await runCli(['pivots', '--data', file, '--timeframe', '1h', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const pivots = JSON.parse(r.stdout) as Array<{ index: number; confirm_index: number }>;
    expect(pivots.every((p) => p.confirm_index - p.index === 5)).toBe(true);
  });
});
