import { booleanField, enumField, integerField, numberField } from '../fields.js';
import { setting } from '../var-def.js';

export const ENTRY_MODES = ['market', 'limit'] as const;

const execution = { group: 'execution' } as const;

export const executionVars = {
  ENTRY_MODE: setting(enumField(ENTRY_MODES), 'market', {
    ...execution,
    meaning: "Entry orders: market (next bar's open) or limit (at the reference entry)",
  }),
  LIMIT_ENTRY_BARS: setting(integerField({ min: 1 }), 3, {
    ...execution,
    meaning: 'Bars a limit entry stays valid',
  }),
  // SPEC §4/§10 use p = TP1_CLOSE_PCT without a default; half at TP1 is the usual split.
  TP1_CLOSE_PCT: setting(numberField({ gt: 0, lt: 1 }), 0.5, {
    ...execution,
    meaning: 'Fraction of the position in ticket A (closed at TP1); the rest runs to TP2',
  }),
  TRAIL_ATR_MULTIPLE: setting(numberField({ gt: 0 }), 2.0, {
    ...execution,
    meaning: 'Trailing stop distance after TP1, in ATR',
  }),
  TRAIL_ATR_MULTIPLE_TIGHT: setting(numberField({ gt: 0 }), 1.0, {
    ...execution,
    meaning: 'Tighter trailing distance once price is half way from TP1 to TP2, in ATR',
  }),
  MAX_HOLD_BARS: setting(integerField({ min: 1 }), 120, {
    ...execution,
    meaning: 'Time stop: close a position after this many bars',
  }),
  EXIT_ON_OPPOSITE_SIGNAL: setting(booleanField(), false, {
    ...execution,
    meaning: "An accepted opposite signal closes the bot's open position in that symbol",
  }),
  RECONCILE_ADOPT: setting(booleanField(), false, {
    ...execution,
    meaning: 'Adopt unknown venue positions found at reconciliation (false: report and flag them)',
  }),
};
