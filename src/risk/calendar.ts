// Inputs for the entry blackouts (SPEC §9): an importable economic-calendar CSV
// (`time,currency,impact,event`) and a list of stock earnings dates (`symbol,date`). Parsed at
// the edge with zod; every bad row is reported with its line number.
import { z } from 'zod';
import { DivbotError } from '../domain/errors.js';

export const Impacts = ['low', 'medium', 'high'] as const;
export type Impact = (typeof Impacts)[number];

export interface CalendarEvent {
  /** UTC ms. */
  readonly time: number;
  /** ISO code as the calendar writes it (USD, EUR, …). */
  readonly currency: string;
  readonly impact: Impact;
  readonly event: string;
}

export interface EarningsDate {
  readonly symbol: string;
  /** `YYYY-MM-DD`, the exchange's local date. */
  readonly date: string;
}

export class CalendarParseError extends DivbotError {
  readonly problems: readonly string[];
  constructor(source: string, problems: readonly string[]) {
    super(`${source}: ${problems.length} bad line(s):\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}

const eventRow = z.object({
  time: z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
  currency: z.string().regex(/^[A-Z]{3,4}$/, 'expected a currency code such as USD'),
  impact: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(Impacts)),
  event: z.string().min(1, 'must name the event'),
});

const earningsRow = z.object({
  symbol: z.string().min(1, 'must name the symbol'),
  date: z.iso.date(),
});

/** Splits one CSV line; a field may be double-quoted (with "" for a quote) to hold commas. */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field.trim());
      field = '';
    } else field += c;
  }
  out.push(field.trim());
  return out;
}

function parseRows<S extends z.ZodObject>(
  text: string,
  source: string,
  columns: readonly string[],
  schema: S,
): z.output<S>[] {
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  const header = headerAt < 0 ? [] : splitCsvLine(lines[headerAt]!).map((h) => h.toLowerCase());
  if (header.join(',') !== columns.join(',')) {
    throw new CalendarParseError(source, [`line ${headerAt + 1}: expected the header ${columns.join(',')}`]);
  }
  const rows: z.output<S>[] = [];
  const problems: string[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const fields = splitCsvLine(line);
    if (fields.length !== columns.length) {
      problems.push(`line ${i + 1}: expected ${columns.length} fields, got ${fields.length}`);
      continue;
    }
    const result = schema.safeParse(Object.fromEntries(columns.map((c, j) => [c, fields[j]])));
    if (result.success) rows.push(result.data);
    else
      for (const issue of result.error.issues)
        problems.push(`line ${i + 1}: ${issue.path.join('.')}: ${issue.message}`);
  }
  if (problems.length > 0) throw new CalendarParseError(source, problems);
  return rows;
}

/** Events in time order; throws CalendarParseError naming each bad line. */
export function parseEconomicCalendar(text: string, source = 'economic calendar'): CalendarEvent[] {
  return parseRows(text, source, ['time', 'currency', 'impact', 'event'], eventRow).sort(
    (a, b) => a.time - b.time,
  );
}

export function parseEarningsDates(text: string, source = 'earnings dates'): EarningsDate[] {
  return parseRows(text, source, ['symbol', 'date'], earningsRow);
}
