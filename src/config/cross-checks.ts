// Checks that involve more than one variable. Each problem is its own issue, named after the
// variable a person most likely has to change. A check runs only when every variable it reads
// parsed cleanly, so one bad value is never reported twice.
import type { z } from 'zod';
import { ConfigError } from '../domain/errors.js';
import { defaultRegistry } from '../domain/instruments/index.js';
import { DASHBOARD_USER_PREFIX, duplicateUserNames } from './dashboard-users.js';

type Ctx = z.core.$RefinementCtx<Record<string, unknown>>;

interface Ordering {
  readonly variable: string;
  readonly other: string;
  /** What must hold between `variable` and `other`. */
  readonly relation: '<' | '<=' | '>=';
  readonly why?: string;
}

const ORDERINGS: readonly Ordering[] = [
  // SPEC §4: w <= R, else O(c) would read bars after the pivot's confirm bar (lookahead).
  {
    variable: 'DIV_OSC_WINDOW',
    other: 'PIVOT_RIGHT_1H',
    relation: '<=',
    why: "O(c) would read bars after the pivot's confirm bar",
  },
  {
    variable: 'DIV_OSC_WINDOW',
    other: 'PIVOT_RIGHT_4H',
    relation: '<=',
    why: "O(c) would read bars after the pivot's confirm bar",
  },
  { variable: 'DIV_MIN_BARS', other: 'DIV_MAX_BARS', relation: '<=' },
  { variable: 'MIN_ATR_MULTIPLE', other: 'MAX_ATR_MULTIPLE', relation: '<=' },
  { variable: 'RSI_OVERSOLD', other: 'RSI_OVERBOUGHT', relation: '<' },
  { variable: 'TRAIL_ATR_MULTIPLE_TIGHT', other: 'TRAIL_ATR_MULTIPLE', relation: '<=' },
  { variable: 'TP2_R', other: 'TP1_MIN_R', relation: '>=', why: 'TP2 would fall inside TP1' },
];

const holds = (a: number, relation: Ordering['relation'], b: number) =>
  relation === '<' ? a < b : relation === '<=' ? a <= b : a >= b;

export function crossChecks(value: Record<string, unknown>, ctx: Ctx): void {
  const failed = new Set(ctx.issues.map((issue) => issue.path?.[0]));
  const clean = (key: string) => !failed.has(key);
  const add = (variable: string, message: string, path: PropertyKey[] = [variable]) =>
    ctx.issues.push({ code: 'custom', path, message, input: undefined });

  for (const { variable, other, relation, why } of ORDERINGS) {
    const a = value[variable];
    const b = value[other];
    if (!clean(variable) || !clean(other) || typeof a !== 'number' || typeof b !== 'number') continue;
    if (!holds(a, relation, b))
      add(variable, `must be ${relation} ${other} (${b}), got ${a}${why ? `: ${why}` : ''}`);
  }

  const mode = value.LLM_MODE;
  if (clean('LLM_MODE') && clean('ANTHROPIC_API_KEY') && (mode === 'review' || mode === 'detect')) {
    if (value.ANTHROPIC_API_KEY === undefined) add('LLM_MODE', `${mode} needs ANTHROPIC_API_KEY`);
  }

  const users = value.DASHBOARD_USERS;
  if (users && typeof users === 'object') {
    for (const name of duplicateUserNames(Object.keys(users))) {
      const message = `names the same user as another ${DASHBOARD_USER_PREFIX} variable (names are case-insensitive)`;
      add('DASHBOARD_USERS', message, ['DASHBOARD_USERS', name]);
    }
  }

  // SYMBOLS against the instrument registry (its ids never change; a venue's refresh only
  // updates their fields): a typo fails every command here, naming the nearest ids, instead of
  // being found only when paper or live trading starts.
  if (clean('SYMBOLS') && clean('BROKERS') && Array.isArray(value.SYMBOLS)) {
    const brokers = Array.isArray(value.BROKERS) ? (value.BROKERS as string[]) : undefined;
    try {
      defaultRegistry.select({ symbols: value.SYMBOLS as string[], ...(brokers ? { brokers } : {}) });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      for (const issue of error.issues) add(issue.variable, issue.message);
    }
  }
}
