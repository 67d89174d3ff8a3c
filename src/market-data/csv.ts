import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Candle } from '../domain/candle.js';
import { CsvError } from './csv-error.js';
import { type CsvLayout, readHeader } from './csv-header.js';
import { scanDecimal } from './csv-number.js';
import { describeTimeProblem, parseUtcTime } from './csv-time.js';

/** Reads and validates a candle file (SPEC §16). Errors name the path as given. */
export async function readCandleFile(path: string | URL): Promise<Candle[]> {
  const fileName = typeof path === 'string' ? path : fileURLToPath(path);
  return parseCandleCsv(await readFile(path, 'utf8'), fileName);
}

/**
 * Parses candle CSV text; every row must be a valid closed candle, strictly ascending in time.
 * Tolerated: a UTF-8 BOM, CRLF line endings, trailing blank lines. Not supported: quoted cells
 * (numeric files never need them) and whitespace inside data cells.
 * Throws `CsvError` (`<fileName> line <n>: <problem>`) on the first bad line.
 */
export function parseCandleCsv(text: string, fileName: string): Candle[] {
  const candles: Candle[] = [];
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let row: RowReader | undefined;
  let lineNo = 0;
  let headerLine = 0;
  // A blank line is only an error when a row follows it (a truncated or concatenated file).
  let blankLine = 0;
  let prevTime = Number.NEGATIVE_INFINITY;
  let prevLine = 0;
  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    const start = pos;
    const stop = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    pos = end + 1;
    lineNo++;
    if (stop === start || (text.charCodeAt(start) <= 32 && text.slice(start, stop).trim() === '')) {
      if (blankLine === 0) blankLine = lineNo;
      continue;
    }
    if (blankLine !== 0) {
      throw new CsvError(fileName, blankLine, `blank line ${row ? 'between rows' : 'before the header'}`);
    }
    if (row === undefined) {
      row = new RowReader(text, fileName, readHeader(text.slice(start, stop), fileName, lineNo));
      headerLine = lineNo;
      continue;
    }
    const candle = row.read(start, stop, lineNo);
    if (candle.time <= prevTime) {
      const time = row.cell(row.layout.index.time);
      const problem =
        candle.time === prevTime
          ? `duplicate time ${time} (same as line ${prevLine})`
          : `time ${time} is earlier than line ${prevLine}'s; rows must be in ascending time order`;
      throw new CsvError(fileName, lineNo, problem, 'time');
    }
    prevTime = candle.time;
    prevLine = lineNo;
    candles.push(candle);
  }
  if (row === undefined) {
    throw new CsvError(fileName, 1, 'empty file: expected a header time,open,high,low,close,volume and rows');
  }
  if (candles.length === 0)
    throw new CsvError(fileName, headerLine, 'header only: the file has no candle rows');
  return candles;
}

/** Reads one row in place: cell bounds are offsets into the text, strings are made only for errors. */
class RowReader {
  private readonly bounds: Int32Array;
  private line = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
    readonly layout: CsvLayout,
  ) {
    this.bounds = new Int32Array(layout.width * 2);
  }

  read(start: number, stop: number, line: number): Candle {
    this.line = line;
    const { text, bounds, layout } = this;
    let count = 0;
    for (let p = start; ; count++) {
      let comma = text.indexOf(',', p);
      if (comma < 0 || comma > stop) comma = stop;
      if (count < layout.width) {
        bounds[2 * count] = p;
        bounds[2 * count + 1] = comma;
      }
      if (comma === stop) break;
      p = comma + 1;
    }
    if (++count !== layout.width) {
      this.fail(`row has ${count} fields, the header has ${layout.width} (${layout.header})`);
    }
    const at = layout.index;
    const time = parseUtcTime(text, bounds[2 * at.time]!, bounds[2 * at.time + 1]!);
    if (Number.isNaN(time)) this.fail(describeTimeProblem(this.cell(at.time)), 'time');
    const open = this.price(at.open, 'open');
    const high = this.price(at.high, 'high');
    const low = this.price(at.low, 'low');
    const close = this.price(at.close, 'close');
    if (high < low) this.fail(`high ${this.cell(at.high)} is below low ${this.cell(at.low)}`, 'high');
    if (open < low || open > high) this.fail(`open ${this.cell(at.open)} is ${this.outside()}`, 'open');
    if (close < low || close > high) this.fail(`close ${this.cell(at.close)} is ${this.outside()}`, 'close');
    // Empty means unknown (OANDA quotes have no traded volume): null, never 0.
    const volume = this.isEmpty(at.volume) ? null : this.nonNegative(at.volume, 'volume');
    if (layout.spread < 0 || this.isEmpty(layout.spread)) return { time, open, high, low, close, volume };
    const spread = this.nonNegative(layout.spread, 'spread');
    return { time, open, high, low, close, volume, spread };
  }

  cell(column: number): string {
    return this.text.slice(this.bounds[2 * column], this.bounds[2 * column + 1]);
  }

  private isEmpty(column: number): boolean {
    return this.bounds[2 * column] === this.bounds[2 * column + 1];
  }

  private price(column: number, name: string): number {
    const value = this.number(column, name);
    if (value <= 0) this.fail(`${name} ${this.cell(column)} is not a positive price`, name);
    return value;
  }

  private nonNegative(column: number, name: string): number {
    const value = this.number(column, name);
    if (value < 0) this.fail(`${name} ${this.cell(column)} is negative`, name);
    return value + 0; // -0 → 0
  }

  private number(column: number, name: string): number {
    if (this.isEmpty(column)) this.fail(`${name} is empty`, name);
    const value = scanDecimal(this.text, this.bounds[2 * column]!, this.bounds[2 * column + 1]!);
    if (Number.isNaN(value)) this.fail(`${name} '${this.cell(column)}' is not a number`, name);
    if (!Number.isFinite(value)) this.fail(`${name} ${this.cell(column)} is out of range`, name);
    return value;
  }

  private outside(): string {
    const at = this.layout.index;
    return `outside the bar's range [low ${this.cell(at.low)}, high ${this.cell(at.high)}]`;
  }

  private fail(problem: string, column?: string): never {
    throw new CsvError(this.file, this.line, problem, column);
  }
}
