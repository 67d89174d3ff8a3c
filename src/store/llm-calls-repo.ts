// LLM calls (SPEC §6): every call to Claude with its request, response or error, tokens, cost and
// latency; `--llm replay` looks answers up by request hash. The table holds one row per request
// hash (a unique key), so a repeated request keeps its first good answer: a failed row is replaced
// by the next attempt, an `ok` row is never overwritten.
import { eq, gte, sql } from 'drizzle-orm';
import type { LlmCallStatuses } from './schema/enums.js';
import { llmCalls } from './schema/signals.js';
import type { Session } from './store.js';

export type LlmCallStatus = (typeof LlmCallStatuses)[number];

export interface LlmCall {
  /** sha256 of the canonical request JSON. */
  readonly requestHash: string;
  readonly model: string;
  readonly request: unknown;
  /** The API's response body (a message, or an error body); null when there was none. */
  readonly response: unknown;
  readonly status: LlmCallStatus;
  /** `<failure kind>: <detail>` for a failed call; null when ok. */
  readonly error: string | null;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
  /** USD, a decimal string (numeric column). */
  readonly costUsd: string;
  readonly latencyMs: number;
  /** UTC ms, from the Clock. */
  readonly recordedAt: number;
}

export interface StoredLlmCall extends LlmCall {
  readonly id: number;
}

/** Records a call; returns the row now held for its hash (the earlier `ok` one if there was one). */
export async function recordLlmCall(store: Session, call: LlmCall): Promise<StoredLlmCall> {
  const values = {
    ...call,
    response: call.response ?? null,
    latencyMs: Math.max(0, Math.round(call.latencyMs)),
  };
  const { requestHash: _key, ...update } = values;
  const [row] = await store.db
    .insert(llmCalls)
    .values(values)
    .onConflictDoUpdate({
      target: llmCalls.requestHash,
      set: update,
      setWhere: sql`${llmCalls.status} = 'error'`,
    })
    .returning();
  if (row !== undefined) return row;
  const kept = await findLlmCall(store, call.requestHash);
  if (kept === undefined) throw new Error(`llm_calls row for ${call.requestHash} vanished`);
  return kept;
}

export async function findLlmCall(store: Session, requestHash: string): Promise<StoredLlmCall | undefined> {
  const [row] = await store.db.select().from(llmCalls).where(eq(llmCalls.requestHash, requestHash)).limit(1);
  return row;
}

/** USD spent on calls recorded from `from` (UTC ms) on. */
export async function llmSpendSince(store: Session, from: number): Promise<number> {
  const [row] = await store.db
    .select({ total: sql<string | null>`sum(${llmCalls.costUsd})` })
    .from(llmCalls)
    .where(gte(llmCalls.recordedAt, from));
  return Number(row?.total ?? 0);
}

/** How many calls are recorded (`--llm replay` says so before a backtest relies on them). */
export async function countLlmCalls(store: Session): Promise<number> {
  const [row] = await store.db.select({ n: sql<string>`count(*)` }).from(llmCalls);
  return Number(row?.n ?? 0);
}
