// Checks that involve more than one variable. Each problem is its own issue, named after the
// variable a person most likely has to change. A check runs only when every variable it reads
// parsed cleanly, so one bad value is never reported twice.
import type { z } from 'zod';
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
}
