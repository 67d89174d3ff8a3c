// The health page: the deep health report, each job's last runs, LLM usage and cost.
import { count, desc, gte, sql, sum } from 'drizzle-orm';
import { latestJobRuns, llmSpendSince, type Session, schema } from '../../store/index.js';
import type { HealthRegistry } from '../../web/health.js';
import { iso, num } from '../format.js';

const { llmCalls } = schema;
const DAY_MS = 86_400_000;

export async function healthPage(
  store: Session,
  health: HealthRegistry | undefined,
  now: number,
  dailyBudgetUsd: number,
) {
  const deep = health ? await health.run() : null;
  const jobs = await latestJobRuns(store);
  const lastOk = new Map((await latestJobRuns(store, { status: 'ok' })).map((r) => [r.job, r]));
  const dayStart = Math.floor(now / DAY_MS) * DAY_MS;
  const [totals] = await store.db
    .select({
      calls: count(),
      errors: sql<number>`count(*) filter (where ${llmCalls.status} = 'error')`,
      input_tokens: sum(llmCalls.inputTokens),
      output_tokens: sum(llmCalls.outputTokens),
      cost_usd: sum(llmCalls.costUsd),
    })
    .from(llmCalls);
  const [today] = await store.db
    .select({ calls: count() })
    .from(llmCalls)
    .where(gte(llmCalls.recordedAt, dayStart));
  const recent = await store.db.select().from(llmCalls).orderBy(desc(llmCalls.recordedAt)).limit(20);
  return {
    status: deep?.status ?? null,
    failing: deep?.failing ?? [],
    checks: deep?.checks ?? {},
    jobs: jobs.map((j) => ({
      job: j.job,
      last_status: j.status,
      last_scheduled_for: iso(j.scheduledFor),
      last_finished_at: iso(j.finishedAt),
      last_duration_ms: j.durationMs,
      last_error: j.error,
      last_ok_at: iso(lastOk.get(j.job)?.finishedAt ?? null),
    })),
    llm: {
      calls: totals?.calls ?? 0,
      errors: Number(totals?.errors ?? 0),
      input_tokens: num(totals?.input_tokens ?? 0) ?? 0,
      output_tokens: num(totals?.output_tokens ?? 0) ?? 0,
      cost_usd: num(totals?.cost_usd ?? 0) ?? 0,
      today_calls: today?.calls ?? 0,
      today_cost_usd: await llmSpendSince(store, dayStart),
      daily_budget_usd: dailyBudgetUsd,
      recent: recent.map((c) => ({
        id: c.id,
        model: c.model,
        status: c.status,
        error: c.error,
        cost_usd: num(c.costUsd),
        latency_ms: c.latencyMs,
        recorded_at: iso(c.recordedAt),
      })),
    },
  };
}
