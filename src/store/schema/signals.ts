// The signal journal (SPEC §4–§8, §13): every candidate with its 15 verdicts, the LLM calls made
// for them, 4h setups, and the outcome tracker's verdicts.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { oneOf, utcMs } from './columns.js';
import {
  Directions,
  DivergenceTypes,
  LlmCallStatuses,
  OutcomeVerdicts,
  RunModes,
  SetupStatuses,
  TimeframeValues,
} from './enums.js';

/** SPEC §7: one rule's verdict, as journaled. */
export interface StoredVerdict {
  readonly rule: number;
  readonly name: string;
  readonly status: 'pass' | 'fail' | 'skip';
  readonly value: unknown;
  readonly threshold: unknown;
}

export const llmCalls = pgTable(
  'llm_calls',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Hash of the exact request: `--llm replay` looks answers up by it. */
    requestHash: text('request_hash').notNull().unique('llm_calls_request_hash_key'),
    model: text('model').notNull(),
    request: jsonb('request').notNull(),
    response: jsonb('response'),
    status: text('status', { enum: LlmCallStatuses }).notNull(),
    error: text('error'),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    cacheReadTokens: integer('cache_read_tokens').notNull().default(0),
    cacheWriteTokens: integer('cache_write_tokens').notNull().default(0),
    costUsd: numeric('cost_usd').notNull().default('0'),
    latencyMs: integer('latency_ms').notNull(),
    /** Replay uses only answers with recorded_at ≤ known_at + 1 h (SPEC §6). */
    recordedAt: utcMs('recorded_at').notNull(),
  },
  (t) => [
    check('llm_calls_status_check', oneOf(t.status, LlmCallStatuses)),
    index('llm_calls_recorded_at_idx').on(t.recordedAt),
  ],
);

export const signals = pgTable(
  'signals',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** `live`/`paper`/`demo` runs or a backtest's id: journals of different runs never mix. */
    runId: text('run_id').notNull(),
    mode: text('mode', { enum: RunModes }).notNull(),
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe', { enum: TimeframeValues }).notNull(),
    type: text('type', { enum: DivergenceTypes }).notNull(),
    direction: text('direction', { enum: Directions }).notNull(),
    /** Open times of the pivots' extreme bars c1, c2 and of the confirm bar c2 + R. */
    pivot1Time: utcMs('pivot1_time').notNull(),
    pivot2Time: utcMs('pivot2_time').notNull(),
    confirmTime: utcMs('confirm_time').notNull(),
    pivot1Price: numeric('pivot1_price').notNull(),
    pivot2Price: numeric('pivot2_price').notNull(),
    knownAt: utcMs('known_at').notNull(),
    // Nullable: rule 2 exists because a candidate can lack any of them.
    entry: numeric('entry'),
    stop: numeric('stop'),
    tp1: numeric('tp1'),
    tp2: numeric('tp2'),
    atr: numeric('atr'),
    score: doublePrecision('score').notNull(),
    confidence: doublePrecision('confidence'),
    verdicts: jsonb('verdicts').$type<readonly StoredVerdict[]>().notNull(),
    /** `score`, `llm_veto`, `llm_error`, or the lowest failing rule number as text (`'0'`..`'14'`). */
    rejectedBy: text('rejected_by'),
    /** The risk manager's denial code (SPEC §9), e.g. `MAX_POSITIONS_BROKER`. */
    deniedBy: text('denied_by'),
    accepted: boolean('accepted').notNull(),
    llmCallId: bigint('llm_call_id', { mode: 'number' }).references(() => llmCalls.id),
    /** The rest of the candidate: oscillators with both values, families, score parts. */
    candidate: jsonb('candidate').notNull(),
  },
  (t) => [
    unique('signals_candidate_key').on(t.runId, t.symbol, t.timeframe, t.type, t.pivot1Time, t.pivot2Time),
    index('signals_symbol_known_at_idx').on(t.symbol, t.knownAt),
    index('signals_known_at_idx').on(t.knownAt),
    check('signals_mode_check', oneOf(t.mode, RunModes)),
    check('signals_timeframe_check', oneOf(t.timeframe, TimeframeValues)),
    check('signals_type_check', oneOf(t.type, DivergenceTypes)),
    check('signals_direction_check', oneOf(t.direction, Directions)),
    check(
      'signals_verdicts_check',
      sql`jsonb_typeof(${t.verdicts}) = 'array' AND jsonb_array_length(${t.verdicts}) = 15`,
    ),
    check(
      'signals_rejected_by_check',
      sql`${t.rejectedBy} IN ('score', 'llm_veto', 'llm_error') OR ${t.rejectedBy} ~ '^([0-9]|1[0-4])$'`,
    ),
    check('signals_accepted_check', sql`${t.accepted} = (${t.rejectedBy} IS NULL)`),
    check('signals_confidence_check', sql`${t.confidence} BETWEEN 0 AND 1`),
  ],
);

export const setups = pgTable(
  'setups',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    runId: text('run_id').notNull(),
    /** The accepted 4h signal. */
    signalId: bigint('signal_id', { mode: 'number' })
      .notNull()
      .references(() => signals.id)
      .unique('setups_signal_id_key'),
    symbol: text('symbol').notNull(),
    direction: text('direction', { enum: Directions }).notNull(),
    /** A close beyond it invalidates the setup early. */
    stop: numeric('stop').notNull(),
    createdAt: utcMs('created_at').notNull(),
    /** After SETUP_TTL_BARS trading 4h bars, computed by the caller (sessions are not ours). */
    expiresAt: utcMs('expires_at').notNull(),
    status: text('status', { enum: SetupStatuses }).notNull().default('live'),
    triggerSignalId: bigint('trigger_signal_id', { mode: 'number' }).references(() => signals.id),
    resolvedAt: utcMs('resolved_at'),
  },
  (t) => [
    index('setups_symbol_status_idx').on(t.symbol, t.status),
    check('setups_direction_check', oneOf(t.direction, Directions)),
    check('setups_status_check', oneOf(t.status, SetupStatuses)),
  ],
);

export const outcomes = pgTable(
  'outcomes',
  {
    signalId: bigint('signal_id', { mode: 'number' })
      .primaryKey()
      .references(() => signals.id),
    /** Prices at known_at + 1h/4h/24h/72h; NULL until that time has come. */
    price1h: numeric('price_1h'),
    price4h: numeric('price_4h'),
    price24h: numeric('price_24h'),
    price72h: numeric('price_72h'),
    /** NULL while pending. */
    verdict: text('verdict', { enum: OutcomeVerdicts }),
    resolvedAt: utcMs('resolved_at'),
    updatedAt: utcMs('updated_at').notNull(),
  },
  (t) => [
    check('outcomes_verdict_check', oneOf(t.verdict, OutcomeVerdicts)),
    index('outcomes_pending_idx').on(t.signalId).where(sql`${t.verdict} IS NULL`),
  ],
);
