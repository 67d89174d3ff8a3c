// Rule efficacy (SPEC §13, §14): for each validator rule, the journaled candidates it failed next
// to those it passed, with their outcomes from the tracker (TP1 / TP2 / SL / expired, counts and
// rates over the resolved ones) and the mean move at +1h, +4h, +24h and +72h — in percent and in
// R, signed for the candidate's direction. Shared by `divbot report rules` and GET /api/v1/rules.
import { eq } from 'drizzle-orm';
import type { StoredVerdict } from '../store/schema/signals.js';
import { outcomes, signals } from '../store/schema/signals.js';
import type { Session } from '../store/store.js';

export const HORIZONS = ['1h', '4h', '24h', '72h'] as const;
export type Horizon = (typeof HORIZONS)[number];
const VERDICTS = ['tp1', 'tp2', 'sl', 'expired'] as const;

export interface RuleCandidate {
  readonly direction: 'long' | 'short';
  readonly entry: number | null;
  readonly stop: number | null;
  readonly verdicts: readonly StoredVerdict[];
  /** The lowest failing rule, as journaled (`'4'`), or score/llm_* or null. */
  readonly rejectedBy: string | null;
  /** null while the outcome tracker has not decided. */
  readonly outcome: (typeof VERDICTS)[number] | null;
  readonly prices: Readonly<Record<Horizon, number | null>>;
}

export interface Move {
  readonly n: number;
  readonly mean_pct: number | null;
  readonly mean_r: number | null;
}

export interface OutcomeGroup {
  readonly candidates: number;
  readonly resolved: number;
  readonly pending: number;
  readonly tp1: number;
  readonly tp2: number;
  readonly sl: number;
  readonly expired: number;
  /** Shares of the resolved candidates (each candidate has one verdict: the furthest level reached). */
  readonly tp1_rate: number | null;
  readonly tp2_rate: number | null;
  readonly sl_rate: number | null;
  readonly expired_rate: number | null;
  readonly moves: Readonly<Record<Horizon, Move>>;
}

export interface RuleEfficacy {
  readonly rule: number;
  readonly name: string;
  /** Candidates whose first failing rule is this one. */
  readonly first_failure: number;
  readonly rejected: OutcomeGroup;
  readonly passed: OutcomeGroup;
}

export interface RuleReport {
  readonly candidates: number;
  readonly with_outcome: number;
  readonly rules: RuleEfficacy[];
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const mean = (xs: number[], digits: number) =>
  xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length, digits) : null;

export function outcomeGroup(cs: readonly RuleCandidate[]): OutcomeGroup {
  const count = (v: (typeof VERDICTS)[number]) => cs.filter((c) => c.outcome === v).length;
  const resolved = cs.filter((c) => c.outcome !== null).length;
  const rate = (n: number) => (resolved ? round(n / resolved, 4) : null);
  const [tp1, tp2, sl, expired] = VERDICTS.map(count) as [number, number, number, number];
  const moves = {} as Record<Horizon, Move>;
  for (const h of HORIZONS) {
    const pct: number[] = [];
    const r: number[] = [];
    for (const c of cs) {
      const p = c.prices[h];
      if (p === null || c.entry === null || !(c.entry > 0)) continue;
      const dir = c.direction === 'long' ? 1 : -1;
      pct.push(((p - c.entry) / c.entry) * 100 * dir);
      const risk = c.stop === null ? 0 : Math.abs(c.entry - c.stop);
      if (risk > 0) r.push(((p - c.entry) * dir) / risk);
    }
    moves[h] = { n: pct.length, mean_pct: mean(pct, 4), mean_r: mean(r, 3) };
  }
  return {
    candidates: cs.length,
    resolved,
    pending: cs.length - resolved,
    tp1,
    tp2,
    sl,
    expired,
    tp1_rate: rate(tp1),
    tp2_rate: rate(tp2),
    sl_rate: rate(sl),
    expired_rate: rate(expired),
    moves,
  };
}

/** Per rule: candidates it failed vs those it passed (a `skip` counts as neither). */
export function ruleEfficacy(cs: readonly RuleCandidate[]): RuleReport {
  const names = new Map<number, string>();
  for (const c of cs) for (const v of c.verdicts) if (!names.has(v.rule)) names.set(v.rule, v.name);
  const rules = [...names]
    .sort(([a], [b]) => a - b)
    .map(([rule, name]) => {
      const status = (c: RuleCandidate) => c.verdicts.find((v) => v.rule === rule)?.status;
      return {
        rule,
        name,
        first_failure: cs.filter((c) => c.rejectedBy === String(rule)).length,
        rejected: outcomeGroup(cs.filter((c) => status(c) === 'fail')),
        passed: outcomeGroup(cs.filter((c) => status(c) === 'pass')),
      };
    });
  return { candidates: cs.length, with_outcome: cs.filter((c) => c.outcome !== null).length, rules };
}

export async function loadRuleCandidates(store: Session): Promise<RuleCandidate[]> {
  const rows = await store.db
    .select({ s: signals, o: outcomes })
    .from(signals)
    .leftJoin(outcomes, eq(outcomes.signalId, signals.id));
  const n = (x: string | null | undefined) => (x === null || x === undefined ? null : Number(x));
  return rows.map(({ s, o }) => ({
    direction: s.direction,
    entry: n(s.entry),
    stop: n(s.stop),
    verdicts: s.verdicts,
    rejectedBy: s.rejectedBy,
    outcome: o?.verdict ?? null,
    prices: { '1h': n(o?.price1h), '4h': n(o?.price4h), '24h': n(o?.price24h), '72h': n(o?.price72h) },
  }));
}
