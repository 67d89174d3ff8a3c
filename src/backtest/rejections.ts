// SPEC §15: per rule, how many candidates it rejected first and how many it failed at all, and
// what those candidates would have done under the same exit rules (counterfactual.ts). Gates
// other than the 15 rules (the score gate, the LLM) and the risk manager's denials are reported
// the same way, so a rule that mostly throws away winners stands out.
import type { EvaluatedCandidate, RejectedBy } from '../domain/divergence.js';
import { defaultRegistry, roundTripCostPerUnit } from '../domain/instruments/index.js';
import { timeframeMs } from '../domain/timeframe.js';
import { RULES } from '../signals/validator/rules.js';
import { type CounterfactualSettings, simulateCounterfactual } from './counterfactual.js';
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

/**
 * Sums per rule and gate, fed as the run produces candidates: each is simulated once, at once,
 * and then forgotten (a long run has millions of candidates). The simulation reads the tape's
 * later bars — the report's hindsight, never the pipeline's: nothing here feeds back into a
 * decision.
 */
export class RejectionBook {
  private readonly first = new Map<number, Tally>();
  private readonly any = new Map<number, Tally>();
  private readonly risk = new Map<string, Tally>();
  private candidates = 0;
  private accepted = 0;
  /**
   * The last few simulations: a pivot pair is a candidate per oscillator, often with the same
   * entry, stop and targets, all known at the same bar — the same simulation again.
   */
  private readonly recent: Array<{ c: EvaluatedCandidate; o: Outcome }> = [];

  constructor(
    private readonly tapes: ReadonlyMap<string, InstrumentTape>,
    private readonly settings: CounterfactualSettings,
  ) {}

  candidate(c: EvaluatedCandidate): void {
    this.candidates++;
    let mask = 0;
    for (const v of c.verdicts) if (v.status === 'fail') mask |= 1 << v.rule;
    if (c.accepted && mask === 0) {
      this.accepted++;
      return;
    }
    const o = this.outcome(c);
    if (c.accepted) this.accepted++;
    else tally(this.first, firstCode(c.rejectedBy)).add(o);
    for (let r = 0; mask >> r !== 0; r++) if (mask & (1 << r)) tally(this.any, r).add(o);
  }

  /** An accepted candidate the risk manager denied. */
  denied(c: EvaluatedCandidate, code: string): void {
    tally(this.risk, code).add(this.outcome(c));
  }

  result(): Rejections {
    const none = new Tally();
    const { first, any, risk } = this;
    const gateName = (code: number) => Object.entries(GATE_CODES).find(([, c]) => c === code)?.[0] ?? 'other';
    return {
      candidates: this.candidates,
      accepted: this.accepted,
      rules: RULES.map((r) => ({
        rule: r.rule,
        name: r.name,
        first_failure: {
          count: first.get(r.rule)?.count ?? 0,
          counterfactual: (first.get(r.rule) ?? none).summary(),
        },
        any_failure: {
          count: any.get(r.rule)?.count ?? 0,
          counterfactual: (any.get(r.rule) ?? none).summary(),
        },
      })),
      gates: [...first.keys()]
        .filter((k) => k < 0)
        .sort((a, b) => b - a)
        .map((k) => ({
          by: gateName(k),
          count: first.get(k)!.count,
          counterfactual: first.get(k)!.summary(),
        })),
      risk: [...risk.keys()].sort().map((code) => ({
        code,
        count: risk.get(code)!.count,
        counterfactual: risk.get(code)!.summary(),
      })),
    };
  }

  private outcome(c: EvaluatedCandidate): Outcome {
    const knownClose = c.knownAt.time + timeframeMs[c.timeframe ?? '1h'];
    for (const r of this.recent) if (sameTrade(r.c, c)) return r.o;
    const o = counterfactualOf(
      {
        symbol: c.symbol ?? '',
        direction: c.direction,
        entry: c.entry,
        stop: c.stop,
        tp1: c.tp1,
        tp2: c.tp2,
        knownClose,
      },
      this.tapes,
      this.settings,
    );
    if (this.recent.length >= 8) this.recent.shift();
    this.recent.push({ c, o });
    return o;
  }
}

function sameTrade(a: EvaluatedCandidate, b: EvaluatedCandidate): boolean {
  return (
    a.knownAt.time === b.knownAt.time &&
    a.entry === b.entry &&
    a.stop === b.stop &&
    a.tp1 === b.tp1 &&
    a.tp2 === b.tp2 &&
    a.direction === b.direction &&
    a.symbol === b.symbol &&
    a.timeframe === b.timeframe
  );
}

function tally<K>(m: Map<K, Tally>, k: K): Tally {
  const found = m.get(k);
  if (found !== undefined) return found;
  const t = new Tally();
  m.set(k, t);
  return t;
}

/** `first` codes for the gates that are not one of the 15 rules. */
const GATE_CODES: Readonly<Record<string, number>> = Object.freeze({
  score: -1,
  llm_veto: -2,
  llm_error: -3,
});

function firstCode(r: RejectedBy): number {
  if (typeof r === 'number') return r;
  return GATE_CODES[r ?? ''] ?? -4;
}

/** Counterfactual outcomes of a group of candidates, summed as they come. */
class Tally {
  count = 0;
  private filled = 0;
  private wins = 0;
  private total = 0;

  add(o: Outcome): void {
    this.count++;
    if (!o.filled) return;
    this.filled++;
    if (o.r > 0) this.wins++;
    this.total += o.r;
  }

  summary(): CounterfactualSummary {
    const f = this.filled;
    return {
      candidates: this.count,
      filled: f,
      wins: this.wins,
      losses: f - this.wins,
      win_rate: f > 0 ? round(this.wins / f, 4) : null,
      expectancy_r: f > 0 ? round(this.total / f, 4) : null,
      total_r: round(this.total, 4),
    };
  }
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
