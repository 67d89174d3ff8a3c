// Simultaneous signals (SPEC §9): ranked by score then id, each evaluated against the book as the
// earlier ones left it, so the best signal gets the last slot and none of them double-counts it.
import { bookCurrency } from '../domain/instruments/index.js';
import type { Signal } from '../domain/signal.js';
import type { RiskBookView } from './book.js';
import type { RiskBookState } from './breaker-state.js';
import { marginRequired } from './caps.js';
import { rankSignals } from './ranking.js';
import type { Evaluation, EvaluationInputs, RiskManager, TradePlan } from './risk-manager.js';

export interface BatchResult {
  readonly signal: Signal;
  readonly evaluation: Evaluation;
}

/** The book after `plan` is sent: a working entry, a trade today, its margin taken. */
export function withPlan(book: RiskBookView, plan: TradePlan, inputs: EvaluationInputs): RiskBookView {
  const { instrument, rates } = inputs;
  const account = book.accounts[plan.broker];
  const notionalQuote = plan.units.toNumber() * plan.entry;
  const margin =
    account && marginRequired({ instrument, notionalQuote }, bookCurrency(account.currency), rates);
  return {
    ...book,
    positions: [
      ...book.positions,
      { instrument, direction: plan.direction, qty: plan.units, entryPrice: plan.entry, stop: plan.stop },
    ],
    entries: [...book.entries, { symbol: plan.symbol, at: plan.at }],
    accounts:
      account === undefined
        ? book.accounts
        : {
            ...book.accounts,
            [plan.broker]: { ...account, available: account.available - (margin ?? Number.NaN) },
          },
    ...(book.liveTradesSoFar === undefined ? {} : { liveTradesSoFar: book.liveTradesSoFar + 1 }),
  };
}

export function evaluateAll(
  manager: RiskManager,
  signals: readonly Signal[],
  book: RiskBookView,
  state: RiskBookState,
  inputsFor: (signal: Signal) => EvaluationInputs,
): BatchResult[] {
  const results: BatchResult[] = [];
  let current = book;
  for (const signal of rankSignals(signals)) {
    const inputs = inputsFor(signal);
    const evaluation = manager.evaluate(signal, current, state, inputs);
    if (evaluation.ok) current = withPlan(current, evaluation.plan, inputs);
    results.push({ signal, evaluation });
  }
  return results;
}
