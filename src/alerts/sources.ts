// What is new in the store, as alert events (SPEC §13): positions opened for accepted signals,
// signals the risk manager or the LLM turned down, entry fills, exits (TP1/TP2/SL/…), order
// rejections, job errors and trading-state changes. Each reader takes a window (from, to] on the
// Clock; windows overlap on purpose (rows are written a little after the time they carry) and the
// outbox's unique event keys absorb the repeats.
import { and, eq, gt, gte, isNotNull, lte, or } from 'drizzle-orm';
import { isoTime } from '../control/core.js';
import { convert, STATIC_USD_RATES } from '../domain/instruments/index.js';
import { getRiskState } from '../store/risk-state-repo.js';
import { fills, orders, positions } from '../store/schema/execution.js';
import { jobRuns } from '../store/schema/ops.js';
import { signals } from '../store/schema/signals.js';
import type { Session } from '../store/store.js';
import type { AlertEvent } from './alert-event.js';
import {
  exitText,
  orderFilledText,
  signalAcceptedText,
  signalRejectedText,
  tradingStateText,
} from './content.js';
import { positionSignal } from './position-state.js';

export interface SourceContext {
  readonly store: Session;
  /** The journal's run (the demo's id, `live`, `paper`); undefined reads every run. */
  readonly runId?: string | undefined;
  readonly accountKey: string;
  /** Order rejections are critical (SMS) in live mode only. */
  readonly live: boolean;
  readonly baseCurrency: string;
  /** Current equity in BASE_CURRENCY, for the risk in percent. */
  readonly equity: () => Promise<number | undefined>;
}

export interface Window {
  readonly from: number;
  readonly to: number;
}

const n = (x: string | null): number | null => (x === null ? null : Number(x));

export async function readEvents(c: SourceContext, w: Window): Promise<AlertEvent[]> {
  const parts = await Promise.all([
    openedPositions(c, w),
    rejectedSignals(c, w),
    entryFills(c, w),
    exits(c, w),
    orderErrors(c, w),
    jobErrors(c, w),
    tradingState(c),
  ]);
  return parts.flat().sort((a, b) => a.at - b.at);
}

async function openedPositions(c: SourceContext, w: Window): Promise<AlertEvent[]> {
  const rows = await c.store.db
    .select()
    .from(positions)
    .where(and(gt(positions.openedAt, w.from), lte(positions.openedAt, w.to)));
  if (rows.length === 0) return [];
  const equity = await c.equity().catch(() => undefined);
  return rows.flatMap((p) => {
    const s = positionSignal(p.engineState);
    const entry = Number(p.filledPrice);
    const stop = Number(p.initialStop);
    const qty = s?.qty ?? Number(p.qty);
    const riskMoney = Math.abs(entry - stop) * qty;
    const inBase = convert(riskMoney, p.currency, c.baseCurrency, STATIC_USD_RATES);
    const riskPct = equity && inBase !== undefined ? (inBase / equity) * 100 : null;
    const text = signalAcceptedText({
      symbol: p.symbol,
      timeframe: s?.timeframe ?? p.timeframe,
      direction: p.direction,
      entry,
      stop,
      tp1: n(p.tp1),
      tp2: n(p.tp2),
      qty,
      currency: p.currency,
      riskMoney,
      riskPct,
      rewardRisk: s?.rewardRisk ?? null,
      score: s?.score ?? null,
    });
    return [
      {
        key: `position:${p.id}:opened`,
        kind: 'signal_accepted' as const,
        critical: false,
        at: p.openedAt,
        text,
      },
    ];
  });
}

async function rejectedSignals(c: SourceContext, w: Window): Promise<AlertEvent[]> {
  // Rule and score rejections are the rule report's business (hundreds a day; the score gate also
  // rejects candidates that failed rules); a person hears about candidates that passed every
  // check and were then turned down by the risk manager or the LLM.
  const rows = await c.store.db
    .select()
    .from(signals)
    .where(
      and(
        gt(signals.knownAt, w.from),
        lte(signals.knownAt, w.to),
        or(isNotNull(signals.deniedBy), eq(signals.rejectedBy, 'llm_veto')),
        c.runId === undefined ? undefined : eq(signals.runId, c.runId),
      ),
    );
  return rows.map((r) => ({
    key: `signal:${r.id}:rejected`,
    kind: 'signal_rejected' as const,
    critical: false,
    at: r.knownAt,
    text: signalRejectedText({
      symbol: r.symbol,
      timeframe: r.timeframe,
      direction: r.direction,
      entry: n(r.entry),
      stop: n(r.stop),
      tp1: n(r.tp1),
      tp2: n(r.tp2),
      score: r.score,
      verdicts: r.verdicts,
      rejectedBy: r.rejectedBy,
      deniedBy: r.deniedBy,
    }),
  }));
}

async function entryFills(c: SourceContext, w: Window): Promise<AlertEvent[]> {
  const rows = await c.store.db
    .select({ fill: fills, order: orders })
    .from(fills)
    .innerJoin(orders, eq(orders.id, fills.orderId))
    .where(and(gt(fills.at, w.from), lte(fills.at, w.to), eq(orders.intentKind, 'entry')));
  return rows.map(({ fill, order }) => ({
    key: `fill:${fill.broker}:${fill.venueTradeId}`,
    kind: 'order_filled' as const,
    critical: false,
    at: fill.at,
    text: orderFilledText({
      symbol: fill.symbol,
      broker: fill.broker,
      side: fill.side,
      qty: Number(fill.qty),
      price: Number(fill.price),
      ticket: order.ticket,
      stop: n(order.stop),
      target: n(order.target),
    }),
  }));
}

async function exits(c: SourceContext, w: Window): Promise<AlertEvent[]> {
  const rows = await c.store.db
    .select()
    .from(positions)
    .where(or(eq(positions.status, 'open'), gt(positions.closedAt, w.from)));
  const events: AlertEvent[] = [];
  for (const p of rows) {
    const entry = Number(p.filledPrice);
    const riskPerUnit = Math.abs(entry - Number(p.initialStop));
    const dir = p.direction === 'long' ? 1 : -1;
    p.exits.forEach((e, i) => {
      if (!(e.time > w.from && e.time <= w.to)) return;
      const qty = Number(e.qty);
      const pnl = (Number(e.price) - entry) * qty * dir;
      events.push({
        key: `exit:${p.id}:${i}:${e.reason}`,
        kind: 'position_exit',
        critical: false,
        at: e.time,
        text: exitText({
          symbol: p.symbol,
          direction: p.direction,
          reason: e.reason,
          qty,
          price: Number(e.price),
          entry,
          currency: p.currency,
          pnl,
          r: riskPerUnit > 0 ? pnl / (riskPerUnit * qty) : null,
        }),
      });
    });
  }
  return events;
}

async function orderErrors(c: SourceContext, w: Window): Promise<AlertEvent[]> {
  const rows = await c.store.db
    .select()
    .from(orders)
    .where(and(eq(orders.state, 'REJECTED'), gt(orders.updatedAt, w.from), lte(orders.updatedAt, w.to)));
  return rows.map((o) => ({
    key: `order:${o.clientOrderId}:rejected`,
    kind: 'order_error' as const,
    critical: c.live,
    at: o.updatedAt,
    text: `⛔ Order rejected by ${o.broker}: ${o.side.toUpperCase()} ${o.qty} ${o.symbol} (${o.intentKind}${
      o.ticket ? ` ticket ${o.ticket}` : ''
    }, ${o.clientOrderId})\nReason: ${o.reason ?? '—'}`,
  }));
}

async function jobErrors(c: SourceContext, w: Window): Promise<AlertEvent[]> {
  const rows = await c.store.db
    .select()
    .from(jobRuns)
    .where(
      and(eq(jobRuns.status, 'error'), gte(jobRuns.startedAt, w.from + 1), lte(jobRuns.startedAt, w.to)),
    );
  return rows.map((r) => ({
    key: `job_run:${r.id}:error`,
    kind: 'job_error' as const,
    critical: false,
    at: r.startedAt,
    text: `⚠️ Job ${r.job} failed at ${isoTime(r.startedAt)}\n${(r.error ?? 'no message').slice(0, 500)}`,
  }));
}

/** Not ACTIVE: one alert per state entered (keyed by when it was entered). */
async function tradingState(c: SourceContext): Promise<AlertEvent[]> {
  const s = await getRiskState(c.store, c.accountKey);
  if (s.state === 'ACTIVE') return [];
  const since = s.since ?? s.updatedAt ?? 0;
  return [
    {
      key: `state:${c.accountKey}:${s.state}:${since}`,
      kind: 'trading_state',
      // SPEC §13: the kill switch and the daily-loss stop are critical; a pause is a person's act.
      critical: s.state === 'HALTED' || s.state === 'REDUCING',
      at: since,
      text: tradingStateText(s.state, s.reason, isoTime(since)),
    },
  ];
}
