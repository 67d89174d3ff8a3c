// Runs RiskManager.evaluate on the fixtures with any part replaced.
import type { Signal } from '../../domain/signal.js';
import type { RiskBookView } from '../book.js';
import type { RiskBookState } from '../breaker-state.js';
import { type EvaluationInputs, RiskManager } from '../risk-manager.js';
import type { RiskSettings } from '../settings.js';
import { activeState, baseSettings, book, inputs, signal } from './fixtures.js';

export interface Case {
  readonly signal?: Signal;
  readonly book?: RiskBookView;
  readonly state?: RiskBookState;
  readonly inputs?: EvaluationInputs;
  readonly settings?: RiskSettings;
}

export function evaluate(c: Case = {}) {
  return new RiskManager(c.settings ?? baseSettings).evaluate(
    c.signal ?? signal(),
    c.book ?? book(),
    c.state ?? activeState(),
    c.inputs ?? inputs(),
  );
}
export const code = (c: Case) => {
  const r = evaluate(c);
  return r.ok ? 'ok' : r.code;
};
