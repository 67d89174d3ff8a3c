// The demo's progress (SPEC §1, `divbot run --resume`): which replay the demo store belongs to and
// how far it got, so a resumed demo keeps its run id (client order ids stay deterministic and
// unique) and continues the bundled data where the last run stopped.
import { sql } from 'drizzle-orm';
import { check, pgTable, text } from 'drizzle-orm/pg-core';
import { utcMs } from './columns.js';

export const demoRuns = pgTable(
  'demo_runs',
  {
    /** The run's namespace: signals journal and client order ids. */
    runId: text('run_id').primaryKey(),
    /** The simulated time the replay started at. */
    startedAt: utcMs('started_at').notNull(),
    /** Every bar closed by then went through the pipeline (simulated time). */
    processedTo: utcMs('processed_to').notNull(),
    /** Set once the bundled data ended (simulated time). */
    finishedAt: utcMs('finished_at'),
    /** The span of the data replayed: a resume over other data is refused. */
    dataStart: utcMs('data_start').notNull(),
    dataEnd: utcMs('data_end').notNull(),
  },
  (t) => [check('demo_runs_processed_to_check', sql`${t.processedTo} >= ${t.startedAt}`)],
);
