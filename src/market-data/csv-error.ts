import { DivbotError } from '../domain/errors.js';

/**
 * A candle file that cannot be trusted. The message always reads `<file> line <n>: <problem>` so a
 * user can jump straight to the row; the fields let callers (CLI, import) report it structurally.
 */
export class CsvError extends DivbotError {
  readonly file: string;
  /** 1-based line of the file (the header is line 1). */
  readonly line: number;
  /** The column at fault by header name (`high`), or undefined for row- or file-level problems. */
  readonly column: string | undefined;
  /** The message without the `<file> line <n>: ` prefix. */
  readonly problem: string;

  constructor(file: string, line: number, problem: string, column?: string) {
    super(`${file} line ${line}: ${problem}`);
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }
}
