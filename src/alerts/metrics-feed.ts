// What /metrics reads from the store at scrape time (SPEC §13): signals by verdict, orders by
// state, LLM tokens and cost, equity and drawdown, and the alert outbox by status. Small
// GROUP BY queries; the in-memory figures (cycle and job durations, venue errors) are fed by ops.
import { count, desc, eq, sql } from 'drizzle-orm';
import { getRiskState } from '../store/risk-state-repo.js';
import { orders } from '../store/schema/execution.js';
import { alerts } from '../store/schema/ops.js';
import { portfolioSnapshots } from '../store/schema/risk.js';
import { llmCalls, signals } from '../store/schema/signals.js';
import type { Session } from '../store/store.js';
import type { Collector, MetricFamily } from '../web/metrics.js';

export function storeCollector(store: Session, accountKey: string, runId?: string): Collector {
  return async () => {
    const verdict = sql<string>`case when ${signals.accepted} and ${signals.deniedBy} is null then 'accepted' when ${signals.accepted} then 'denied' else 'rejected' end`;
    const reason = sql<string>`coalesce(${signals.deniedBy}, ${signals.rejectedBy}, '')`;
    const bySignal = await store.db
      .select({ verdict, reason, n: count() })
      .from(signals)
      .where(runId === undefined ? undefined : eq(signals.runId, runId))
      .groupBy(verdict, reason);
    const byOrder = await store.db
      .select({ state: orders.state, broker: orders.broker, n: count() })
      .from(orders)
      .groupBy(orders.state, orders.broker);
    const [llm] = await store.db
      .select({
        input: sql<string>`coalesce(sum(${llmCalls.inputTokens}), 0)`,
        output: sql<string>`coalesce(sum(${llmCalls.outputTokens}), 0)`,
        cacheRead: sql<string>`coalesce(sum(${llmCalls.cacheReadTokens}), 0)`,
        cacheWrite: sql<string>`coalesce(sum(${llmCalls.cacheWriteTokens}), 0)`,
        cost: sql<string>`coalesce(sum(${llmCalls.costUsd}), 0)`,
        calls: count(),
      })
      .from(llmCalls);
    const byAlert = await store.db
      .select({ channel: alerts.channel, status: alerts.status, n: count() })
      .from(alerts)
      .groupBy(alerts.channel, alerts.status);
    const [snapshot] = await store.db
      .select()
      .from(portfolioSnapshots)
      .orderBy(desc(portfolioSnapshots.at))
      .limit(1);
    const risk = await getRiskState(store, accountKey);
    const equity = snapshot ? Number(snapshot.equity) : null;
    const peak = risk.equityPeak?.toNumber() ?? null;
    const families: MetricFamily[] = [
      {
        name: 'divbot_signals_total',
        help: 'Journaled candidates by verdict (accepted, denied by risk, rejected) and reason',
        type: 'counter',
        samples: bySignal.map((r) => ({ labels: { verdict: r.verdict, reason: r.reason }, value: r.n })),
      },
      {
        name: 'divbot_orders',
        help: 'Orders by current state and broker',
        type: 'gauge',
        samples: byOrder.map((r) => ({ labels: { state: r.state, broker: r.broker }, value: r.n })),
      },
      {
        name: 'divbot_llm_tokens_total',
        help: 'LLM tokens used, by kind',
        type: 'counter',
        samples: [
          { labels: { kind: 'input' }, value: Number(llm?.input ?? 0) },
          { labels: { kind: 'output' }, value: Number(llm?.output ?? 0) },
          { labels: { kind: 'cache_read' }, value: Number(llm?.cacheRead ?? 0) },
          { labels: { kind: 'cache_write' }, value: Number(llm?.cacheWrite ?? 0) },
        ],
      },
      {
        name: 'divbot_llm_cost_usd_total',
        help: 'LLM spend in USD',
        type: 'counter',
        samples: [{ value: Number(llm?.cost ?? 0) }],
      },
      {
        name: 'divbot_llm_calls_total',
        help: 'LLM calls',
        type: 'counter',
        samples: [{ value: llm?.calls ?? 0 }],
      },
      {
        name: 'divbot_alerts',
        help: 'Alerts in the outbox by channel and delivery status',
        type: 'gauge',
        samples: byAlert.map((r) => ({ labels: { channel: r.channel, status: r.status }, value: r.n })),
      },
      {
        name: 'divbot_trading_state',
        help: 'The trading state (1 for the current one)',
        type: 'gauge',
        samples: (['ACTIVE', 'PAUSED', 'REDUCING', 'HALTED'] as const).map((s) => ({
          labels: { state: s },
          value: risk.state === s ? 1 : 0,
        })),
      },
    ];
    if (equity !== null) {
      families.push({
        name: 'divbot_equity',
        help: 'Equity at the last portfolio snapshot, in BASE_CURRENCY',
        type: 'gauge',
        samples: [{ labels: { currency: snapshot!.currency }, value: equity }],
      });
    }
    if (equity !== null && peak !== null && peak > 0) {
      families.push({
        name: 'divbot_drawdown_ratio',
        help: 'Drawdown from the equity peak (0.1 = 10 %)',
        type: 'gauge',
        samples: [{ value: Math.max(0, (peak - equity) / peak) }],
      });
    }
    return families;
  };
}
