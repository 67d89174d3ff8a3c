// The API's JSON conventions (SPEC §16): snake_case, times `YYYY-MM-DDTHH:mm:ssZ`, money and
// prices as numbers (the store keeps exact numerics; the dashboard only displays them).
export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
  return ms === null ? null : `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

export function num(x: string | number | null | undefined): number | null {
  if (x === null || x === undefined) return null;
  const n = typeof x === 'number' ? x : Number(x);
  return Number.isFinite(n) ? n : null;
}

export interface Page {
  readonly limit: number;
  readonly offset: number;
}

export function pageOf(q: { limit?: number; page?: number }, max = 200, fallback = 50): Page {
  const limit = Math.min(Math.max(1, q.limit ?? fallback), max);
  const page = Math.max(1, q.page ?? 1);
  return { limit, offset: (page - 1) * limit };
}

export interface Paged<T> {
  readonly total: number;
  readonly page: number;
  readonly limit: number;
  readonly items: readonly T[];
}

export function paged<T>(items: readonly T[], total: number, p: Page): Paged<T> {
  return { total, page: p.offset / p.limit + 1, limit: p.limit, items };
}
