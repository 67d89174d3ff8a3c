// Constraint violations by SQLSTATE, whichever driver raised them. drizzle wraps driver errors
// (DrizzleQueryError), so the code is looked for along the cause chain.

export const SqlState = {
  uniqueViolation: '23505',
  checkViolation: '23514',
  foreignKeyViolation: '23503',
  notNullViolation: '23502',
} as const;

export function databaseErrorCode(error: unknown): string | undefined {
  for (
    let e = error, depth = 0;
    e instanceof Object && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => databaseErrorCode(error) === SqlState.uniqueViolation;
