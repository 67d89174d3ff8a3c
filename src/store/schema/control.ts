// Run-time instrument control (SPEC §9/§10): a person enables or disables new entries on a symbol
// and scales its risk per trade, without a restart. A symbol without a row trades as configured.
import { sql } from 'drizzle-orm';
import { boolean, check, numeric, pgTable, text } from 'drizzle-orm/pg-core';
import { utcMs } from './columns.js';

export const instrumentControl = pgTable(
  'instrument_control',
  {
    symbol: text('symbol').primaryKey(),
    enabled: boolean('enabled').notNull().default(true),
    /** Scales the risk amount; 1 = as configured. */
    riskMultiplier: numeric('risk_multiplier').notNull().default('1'),
    /** The person's reason, when one was given. */
    reason: text('reason'),
    updatedAt: utcMs('updated_at').notNull(),
  },
  (t) => [check('instrument_control_risk_multiplier_check', sql`${t.riskMultiplier} > 0`)],
);
