// The overview page: trading state, equity curve with drawdown, today's P&L, open positions.
import type { ControlPlane } from '../../control/types.js';
import type { Session } from '../../store/index.js';
import { listSnapshots } from '../../store/snapshots-repo.js';
import { iso, num } from '../format.js';
import { listPositions } from './positions.js';

const MAX_POINTS = 2_000;

export async function overview(store: Session, control: ControlPlane, currency: string) {
  const status = await control.status();
  const snapshots = await listSnapshots(store);
  let peak = Number.NEGATIVE_INFINITY;
  const all = snapshots.map((s) => {
    const equity = Number(s.equity);
    peak = Math.max(peak, equity);
    return { time: iso(s.at), equity, drawdown_pct: peak > 0 ? round2(((peak - equity) / peak) * 100) : 0 };
  });
  // The curve keeps its shape at any length: every k-th point and the last one.
  const step = Math.max(1, Math.ceil(all.length / MAX_POINTS));
  const curve = all.filter((_, i) => i % step === 0 || i === all.length - 1);
  const last = snapshots.at(-1);
  const equity = status.equity ?? num(last?.equity);
  const dayStart = status.day_start_equity;
  const todayPnl = equity !== null && dayStart !== null ? round2(equity - dayStart) : null;
  const open = await listPositions(store, 'open', { limit: 200, offset: 0 });
  return {
    currency,
    trading: status,
    equity,
    today_pnl: todayPnl,
    today_pnl_pct: todayPnl !== null && dayStart ? round2((todayPnl / dayStart) * 100) : null,
    drawdown_pct: status.drawdown_pct ?? all.at(-1)?.drawdown_pct ?? null,
    max_drawdown_pct: all.reduce((m, p) => Math.max(m, p.drawdown_pct), 0),
    equity_curve: curve,
    open_positions: open.items,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
