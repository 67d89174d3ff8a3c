// Operations (SPEC §13): outgoing alerts with de-duplication and delivery state, and the
// scheduler's job runs that /health/deep measures freshness from.
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { oneOf, utcMs } from './columns.js';
import { AlertChannels, AlertStatuses, JobRunStatuses } from './enums.js';

export const alerts = pgTable(
  'alerts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    channel: text('channel', { enum: AlertChannels }).notNull(),
    /** De-duplication: one alert per event and channel (e.g. `killswitch:2026-11-23T10:00Z`). */
    eventKey: text('event_key').notNull(),
    /** e.g. `signal_accepted`, `order_filled`, `breaker_tripped`. */
    kind: text('kind').notNull(),
    content: text('content').notNull(),
    status: text('status', { enum: AlertStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: utcMs('created_at').notNull(),
    lastAttemptAt: utcMs('last_attempt_at'),
    deliveredAt: utcMs('delivered_at'),
  },
  (t) => [
    unique('alerts_channel_event_key_key').on(t.channel, t.eventKey),
    index('alerts_pending_idx').on(t.createdAt).where(sql`${t.status} = 'pending'`),
    check('alerts_channel_check', oneOf(t.channel, AlertChannels)),
    check('alerts_status_check', oneOf(t.status, AlertStatuses)),
  ],
);

export const jobRuns = pgTable(
  'job_runs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    job: text('job').notNull(),
    /** The cron fire time, on the Clock (simulated time in the demo). */
    scheduledFor: utcMs('scheduled_for').notNull(),
    startedAt: utcMs('started_at').notNull(),
    finishedAt: utcMs('finished_at').notNull(),
    status: text('status', { enum: JobRunStatuses }).notNull(),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [
    index('job_runs_job_started_at_idx').on(t.job, t.startedAt),
    check('job_runs_status_check', oneOf(t.status, JobRunStatuses)),
    check('job_runs_duration_check', sql`${t.durationMs} >= 0`),
  ],
);
