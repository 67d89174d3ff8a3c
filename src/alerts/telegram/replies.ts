// The text of the bot's answers to /status, /positions, /pnl and /signals. Read-only answers come
// from the control plane's status and from the store; nothing here changes state.
import { and, desc, eq, gte } from 'drizzle-orm';
import { isoTime } from '../../control/core.js';
import type { TradingStatus } from '../../control/types.js';
import { positions } from '../../store/schema/execution.js';
import { signals } from '../../store/schema/signals.js';
import type { Session } from '../../store/store.js';
import { price } from '../content.js';

const fixed = (x: number | null, digits = 2) => (x === null ? '—' : x.toFixed(digits));

export function statusReply(s: TradingStatus): string {
  const lines = [
    `State ${s.state}${s.reason ? ` (${s.reason})` : ''}${s.since ? ` since ${s.since}` : ''}`,
    `Equity ${fixed(s.equity)}  Peak ${fixed(s.equity_peak)}  Drawdown ${s.drawdown_pct === null ? '—' : `${s.drawdown_pct}%`}`,
    `Loss streak ${s.consecutive_losses}/${s.breakers.max_consecutive_losses}  Daily loss stop ${s.breakers.max_daily_loss_pct}%  Kill switch at ${s.breakers.max_drawdown_pct}% drawdown`,
  ];
  const changed = s.instruments.filter((i) => !i.enabled || i.risk_multiplier !== '1');
  if (changed.length > 0)
    lines.push(
      `Instruments changed: ${changed.map((i) => `${i.symbol}${i.enabled ? '' : ' disabled'}${i.risk_multiplier !== '1' ? ` ×${i.risk_multiplier}` : ''}`).join(', ')}`,
    );
  return lines.join('\n');
}

export async function positionsReply(store: Session): Promise<string> {
  const rows = await store.db
    .select()
    .from(positions)
    .where(eq(positions.status, 'open'))
    .orderBy(desc(positions.openedAt))
    .limit(30);
  if (rows.length === 0) return 'No open positions.';
  return [
    `${rows.length} open position${rows.length === 1 ? '' : 's'}:`,
    ...rows.map(
      (p) =>
        `${p.direction === 'long' ? 'LONG' : 'SHORT'} ${price(Number(p.openQty))} ${p.symbol} @ ${price(Number(p.filledPrice))}  stop ${price(Number(p.stop))}  TP1 ${price(p.tp1 === null ? null : Number(p.tp1))}${p.tp1Hit ? ' ✓' : ''}  TP2 ${price(p.tp2 === null ? null : Number(p.tp2))}`,
    ),
  ].join('\n');
}

/** Today's P&L: equity against the trading day's start, and what closed since then. */
export async function pnlReply(store: Session, s: TradingStatus): Promise<string> {
  const dayStart = s.trading_day_start ? Date.parse(s.trading_day_start) : undefined;
  const closed =
    dayStart === undefined
      ? []
      : await store.db
          .select({ pnl: positions.realizedPnl, currency: positions.currency })
          .from(positions)
          .where(and(eq(positions.status, 'closed'), gte(positions.closedAt, dayStart)));
  const byCurrency = new Map<string, number>();
  for (const c of closed) byCurrency.set(c.currency, (byCurrency.get(c.currency) ?? 0) + Number(c.pnl));
  const day = s.equity !== null && s.day_start_equity !== null ? s.equity - s.day_start_equity : null;
  return [
    `Trading day since ${s.trading_day_start ?? '—'}`,
    `Equity ${fixed(s.equity)}  Day P&L ${day === null ? '—' : `${day >= 0 ? '+' : ''}${day.toFixed(2)}`}`,
    `Closed today: ${closed.length}${
      byCurrency.size
        ? ` (${[...byCurrency].map(([c, v]) => `${v >= 0 ? '+' : ''}${v.toFixed(2)} ${c}`).join(', ')})`
        : ''
    }`,
  ].join('\n');
}

export async function signalsReply(store: Session, runId: string | undefined, limit = 5): Promise<string> {
  const rows = await store.db
    .select()
    .from(signals)
    .where(and(eq(signals.accepted, true), runId === undefined ? undefined : eq(signals.runId, runId)))
    .orderBy(desc(signals.knownAt), desc(signals.id))
    .limit(limit);
  if (rows.length === 0) return 'No accepted signals yet.';
  return [
    `Last ${rows.length} accepted signal${rows.length === 1 ? '' : 's'}:`,
    ...rows.map(
      (r) =>
        `${isoTime(r.knownAt)} ${r.direction === 'long' ? 'BUY' : 'SELL'} ${r.symbol} ${r.timeframe} entry ${price(r.entry === null ? null : Number(r.entry))} stop ${price(r.stop === null ? null : Number(r.stop))} score ${r.score.toFixed(1)}${r.deniedBy ? ` — denied: ${r.deniedBy}` : ''}`,
    ),
  ].join('\n');
}
