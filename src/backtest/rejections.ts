// SPEC §15: per rule, how many candidates it rejected first and how many it failed at all, and
// what those candidates would have done under the same exit rules (counterfactual.ts). Gates
// other than the 15 rules (the score gate, the LLM) and the risk manager's denials are reported
// the same way, so a rule that mostly throws away winners stands out.
import type { EvaluatedCandidate } from '../domain/divergence.js';
import { defaultRegistry, roundTripCostPerUnit } from '../domain/instruments/index.js';
import { timeframeMs } from '../domain/timeframe.js';
import { RULES } from '../signals/validator/rules.js';
import { type CounterfactualSettings, simulateCounterfactual } from './counterfactual.js';
import type { Denial } from './memory-journal.js';
import type { InstrumentTape } from './run-backtest.js';
import { round } from './trades.js';

export interface CounterfactualSummary {
  readonly candidates: number;
  /** Those whose order would have filled (limit entries may not). */
  readonly filled: number;
  readonly wins: number;
  readonly losses: number;
  readonly win_rate: number | null;
  readonly expectancy_r: number | null;
  readonly total_r: number;
}

export interface RuleRejections {
  readonly rule: number;
  readonly name: string;
  readonly first_failure: { readonly count: number; readonly counterfactual: CounterfactualSummary };
  readonly any_failure: { readonly count: number; readonly counterfactual: CounterfactualSummary };
}

export interface Rejections {
  readonly candidates: number;
  readonly accepted: number;
  readonly rules: RuleRejections[];
  /** The score gate and the LLM (SPEC §7's other `rejected_by` values). */
  readonly gates: Array<{
    readonly by: string;
    readonly count: number;
    readonly counterfactual: CounterfactualSummary;
  }>;
  /** Accepted candidates the risk manager denied, by denial code. */
  readonly risk: Array<{
    readonly code: string;
    readonly count: number;
    readonly counterfactual: CounterfactualSummary;
  }>;
}

export function rejectionsOf(
  candidates: readonly EvaluatedCandidate[],
  denials: readonly Denial[],
  tapes: ReadonlyMap<string, InstrumentTape>,
  settings: CounterfactualSettings,
): Rejections {
  const outcome = counterfactuals(tapes, settings);
  const first = new Map<number, EvaluatedCandidate[]>();
  const any = new Map<number, EvaluatedCandidate[]>();
  const gates = new Map<string, EvaluatedCandidate[]>();
  const push = <K>(m: Map<K, EvaluatedCandidate[]>, k: K, c: EvaluatedCandidate) => {
    const list = m.get(k);
    if (list) list.push(c);
    else m.set(k, [c]);
  };
  let accepted = 0;
  for (const c of candidates) {
    if (c.accepted) accepted++;
    else if (typeof c.rejectedBy === 'number') push(first, c.rejectedBy, c);
    else if (c.rejectedBy !== null) push(gates, c.rejectedBy, c);
    for (const v of c.verdicts) if (v.status === 'fail') push(any, v.rule, c);
  }
  const risk = new Map<string, EvaluatedCandidate[]>();
  for (const d of denials) push(risk, d.code, d.candidate);
  const summary = (list: readonly EvaluatedCandidate[] = []) => summarise(list.map(outcome));
  return {
    candidates: candidates.length,
    accepted,
    rules: RULES.map((r) => ({
      rule: r.rule,
      name: r.name,
      first_failure: { count: first.get(r.rule)?.length ?? 0, counterfactual: summary(first.get(r.rule)) },
      any_failure: { count: any.get(r.rule)?.length ?? 0, counterfactual: summary(any.get(r.rule)) },
    })),
    gates: [...gates.keys()].sort().map((by) => ({
      by,
      count: gates.get(by)!.length,
      counterfactual: summary(gates.get(by)),
    })),
    risk: [...risk.keys()].sort().map((code) => ({
      code,
      count: risk.get(code)!.length,
      counterfactual: summary(risk.get(code)),
    })),
  };
}

type Outcome = { filled: boolean; r: number };

/** Each candidate's counterfactual, computed once however many lists it is in. */
export function counterfactuals(
  tapes: ReadonlyMap<string, InstrumentTape>,
  settings: CounterfactualSettings,
): (c: EvaluatedCandidate) => Outcome {
  const cache = new Map<EvaluatedCandidate, Outcome>();
  return (c) => {
    let o = cache.get(c);
    if (o !== undefined) return o;
    const tape = c.symbol === undefined ? undefined : tapes.get(c.symbol);
    o = { filled: false, r: 0 };
    if (tape !== undefined && c.symbol !== undefined) {
      const knownClose = c.knownAt.time + timeframeMs[c.timeframe ?? '1h'];
      const from = firstBarAtOrAfter(tape, knownClose);
      const r = simulateCounterfactual(
        {
          direction: c.direction,
          entry: c.entry,
          stop: c.stop,
          tp1: c.tp1,
          tp2: c.tp2,
          from,
          costsPerUnit: roundTripCostPerUnit(defaultRegistry.get(c.symbol), c.entry),
        },
        tape.bars,
        tape.atr,
        settings,
      );
      o = { filled: r.status !== 'unfilled', r: r.r };
    }
    cache.set(c, o);
    return o;
  };
}

/** Index of the first 1h bar opening at or after `t`. */
export function firstBarAtOrAfter(tape: InstrumentTape, t: number): number {
  let lo = 0;
  let hi = tape.bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tape.bars[mid]!.time < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function summarise(outcomes: readonly Outcome[]): CounterfactualSummary {
  let filled = 0;
  let wins = 0;
  let total = 0;
  for (const o of outcomes) {
    if (!o.filled) continue;
    filled++;
    if (o.r > 0) wins++;
    total += o.r;
  }
  return {
    candidates: outcomes.length,
    filled,
    wins,
    losses: filled - wins,
    win_rate: filled > 0 ? round(wins / filled, 4) : null,
    expectancy_r: filled > 0 ? round(total / filled, 4) : null,
    total_r: round(total, 4),
  };
}
