// SPEC §15: per rule, how many candidates it rejected first and how many it failed at all, and
// what those candidates would have done under the same exit rules (counterfactual.ts). Gates
// other than the 15 rules (the score gate, the LLM) and the risk manager's denials are reported
// the same way, so a rule that mostly throws away winners stands out.
import { defaultRegistry, roundTripCostPerUnit } from '../domain/instruments/index.js';
import { timeframeMs } from '../domain/timeframe.js';
import { RULES } from '../signals/validator/rules.js';
import { type CounterfactualSettings, simulateCounterfactual } from './counterfactual.js';
import { type CandidateLog, type Denial, GATE_CODES } from './memory-journal.js';
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
  log: CandidateLog,
  denials: readonly Denial[],
  tapes: ReadonlyMap<string, InstrumentTape>,
  settings: CounterfactualSettings,
): Rejections {
  const outcomes: Array<Outcome | undefined> = new Array(log.length);
  const outcome = (i: number): Outcome => {
    outcomes[i] ??= counterfactualOf(
      {
        symbol: log.symbols[log.symbol[i]!]!,
        direction: log.direction[i]! > 0 ? 'long' : 'short',
        entry: log.entry[i]!,
        stop: log.stop[i]!,
        tp1: log.tp1[i]!,
        tp2: log.tp2[i]!,
        knownClose: log.knownClose[i]!,
      },
      tapes,
      settings,
    );
    return outcomes[i]!;
  };
  const first = new Map<number, number[]>();
  const any = new Map<number, number[]>();
  const push = (m: Map<number, number[]>, k: number, i: number) => {
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  };
  let accepted = 0;
  for (let i = 0; i < log.length; i++) {
    if (log.accepted(i)) accepted++;
    else push(first, log.first[i]!, i);
    const mask = log.failed[i]!;
    for (let r = 0; mask >> r !== 0; r++) if (mask & (1 << r)) push(any, r, i);
  }
  const summary = (list: readonly number[] = []) => summarise(list.map(outcome));
  const gateName = (code: number) => Object.entries(GATE_CODES).find(([, c]) => c === code)?.[0] ?? 'other';
  const risk = new Map<string, Outcome[]>();
  for (const d of denials) {
    const c = d.candidate;
    const o = counterfactualOf(
      { ...c, symbol: c.symbol ?? '', knownClose: c.knownAt.time + timeframeMs[c.timeframe ?? '1h'] },
      tapes,
      settings,
    );
    const list = risk.get(d.code);
    if (list) list.push(o);
    else risk.set(d.code, [o]);
  }
  return {
    candidates: log.length,
    accepted,
    rules: RULES.map((r) => ({
      rule: r.rule,
      name: r.name,
      first_failure: { count: first.get(r.rule)?.length ?? 0, counterfactual: summary(first.get(r.rule)) },
      any_failure: { count: any.get(r.rule)?.length ?? 0, counterfactual: summary(any.get(r.rule)) },
    })),
    gates: [...first.keys()]
      .filter((k) => k < 0)
      .sort((a, b) => b - a)
      .map((k) => ({ by: gateName(k), count: first.get(k)!.length, counterfactual: summary(first.get(k)) })),
    risk: [...risk.keys()].sort().map((code) => ({
      code,
      count: risk.get(code)!.length,
      counterfactual: summarise(risk.get(code)!),
    })),
  };
}

type Outcome = { filled: boolean; r: number };

interface CounterfactualCandidate {
  readonly symbol: string;
  readonly direction: 'long' | 'short';
  readonly entry: number;
  readonly stop: number;
  readonly tp1: number;
  readonly tp2: number;
  readonly knownClose: number;
}

function counterfactualOf(
  c: CounterfactualCandidate,
  tapes: ReadonlyMap<string, InstrumentTape>,
  settings: CounterfactualSettings,
): Outcome {
  const tape = tapes.get(c.symbol);
  if (tape === undefined) return { filled: false, r: 0 };
  const r = simulateCounterfactual(
    {
      direction: c.direction,
      entry: c.entry,
      stop: c.stop,
      tp1: c.tp1,
      tp2: c.tp2,
      from: firstBarAtOrAfter(tape, c.knownClose),
      costsPerUnit: roundTripCostPerUnit(defaultRegistry.get(c.symbol), c.entry),
    },
    tape.bars,
    tape.atr,
    settings,
  );
  return { filled: r.status !== 'unfilled', r: r.r };
}

/** Index of the first 1h bar opening at or after `t`. */
export function firstBarAtOrAfter(tape: InstrumentTape, t: number): number {
  return tape.bars.lowerBound(t);
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
