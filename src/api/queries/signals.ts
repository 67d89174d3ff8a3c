// The signal journal: every candidate with its verdicts, its LLM review and outcome.
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { type Session, schema } from '../../store/index.js';
import { iso, num, type Page, type Paged, paged } from '../format.js';

const { signals, llmCalls, outcomes, setups } = schema;
type SignalRow = typeof signals.$inferSelect;

export function signalJson(s: SignalRow) {
  return {
    id: s.id,
    run_id: s.runId,
    symbol: s.symbol,
    timeframe: s.timeframe,
    type: s.type,
    direction: s.direction,
    known_at: iso(s.knownAt),
    pivot1: { time: iso(s.pivot1Time), price: num(s.pivot1Price) },
    pivot2: { time: iso(s.pivot2Time), price: num(s.pivot2Price) },
    entry: num(s.entry),
    stop: num(s.stop),
    tp1: num(s.tp1),
    tp2: num(s.tp2),
    score: s.score,
    confidence: s.confidence,
    accepted: s.accepted,
    rejected_by: s.rejectedBy,
    denied_by: s.deniedBy,
    verdicts: s.verdicts.map((v) => ({ ...v })),
  };
}

export type SignalJson = ReturnType<typeof signalJson>;

export interface SignalFilter {
  readonly symbol?: string | undefined;
  readonly accepted?: boolean | undefined;
}

export async function listSignalsPage(
  store: Session,
  f: SignalFilter,
  page: Page,
): Promise<Paged<SignalJson>> {
  const parts: SQL[] = [];
  if (f.symbol !== undefined) parts.push(eq(signals.symbol, f.symbol));
  if (f.accepted !== undefined) parts.push(eq(signals.accepted, f.accepted));
  const where = parts.length ? and(...parts) : undefined;
  const rows = await store.db
    .select()
    .from(signals)
    .where(where)
    .orderBy(desc(signals.knownAt), desc(signals.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await store.db.select({ n: count() }).from(signals).where(where);
  return paged(rows.map(signalJson), total?.n ?? 0, page);
}

export async function getSignalRow(store: Session, id: number): Promise<SignalRow | undefined> {
  const [row] = await store.db.select().from(signals).where(eq(signals.id, id));
  return row;
}

export async function signalDetail(store: Session, row: SignalRow) {
  const [llm] =
    row.llmCallId === null
      ? []
      : await store.db.select().from(llmCalls).where(eq(llmCalls.id, row.llmCallId));
  const [outcome] = await store.db.select().from(outcomes).where(eq(outcomes.signalId, row.id));
  return {
    ...signalJson(row),
    candidate: row.candidate,
    llm:
      llm === undefined
        ? null
        : {
            model: llm.model,
            status: llm.status,
            error: llm.error,
            response: llm.response,
            cost_usd: num(llm.costUsd),
            latency_ms: llm.latencyMs,
            recorded_at: iso(llm.recordedAt),
          },
    outcome:
      outcome === undefined
        ? null
        : {
            verdict: outcome.verdict,
            price_1h: num(outcome.price1h),
            price_4h: num(outcome.price4h),
            price_24h: num(outcome.price24h),
            price_72h: num(outcome.price72h),
            resolved_at: iso(outcome.resolvedAt),
          },
  };
}

export async function listSetupsPage(store: Session, status: string | undefined, page: Page) {
  const where = status === undefined ? undefined : eq(setups.status, status as 'live');
  const rows = await store.db
    .select({ setup: setups, signal: signals })
    .from(setups)
    .innerJoin(signals, eq(signals.id, setups.signalId))
    .where(where)
    .orderBy(desc(setups.createdAt), desc(setups.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await store.db.select({ n: count() }).from(setups).where(where);
  return paged(
    rows.map(({ setup, signal }) => ({
      id: setup.id,
      signal_id: setup.signalId,
      trigger_signal_id: setup.triggerSignalId,
      symbol: setup.symbol,
      timeframe: signal.timeframe,
      type: signal.type,
      direction: setup.direction,
      stop: num(setup.stop),
      status: setup.status,
      created_at: iso(setup.createdAt),
      expires_at: iso(setup.expiresAt),
      resolved_at: iso(setup.resolvedAt),
    })),
    total?.n ?? 0,
    page,
  );
}
