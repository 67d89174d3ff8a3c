// Shared by the alerts tests: a log that can be read back, and store rows written the way the
// execution journal writes them (positions with their engine state, orders, fills).
import { createLogger, type Logger } from '../logging/logger.js';
import { fills, orders, positions, type StoredExit } from '../store/schema/execution.js';
import type { Session } from '../store/store.js';

export function captureLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const raw: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (s: string) => void raw.push(s) } });
  return { logger, lines: () => raw.map((s) => JSON.parse(s) as Record<string, unknown>) };
}

export const HOUR = 3_600_000;

export interface PositionRow {
  readonly symbol?: string;
  readonly direction?: 'long' | 'short';
  readonly entry?: number;
  readonly stop?: number;
  readonly tp1?: number;
  readonly tp2?: number;
  readonly qtyA?: number;
  readonly qtyB?: number;
  readonly openedAt: number;
  readonly closedAt?: number | null;
  readonly exits?: StoredExit[];
  readonly realizedPnl?: number;
  readonly score?: number;
  readonly rewardRisk?: number;
}

/** A BTC/USDT long by default: entry 30 000, stop 29 400, TP1 30 600, TP2 31 800, 0.05 + 0.05. */
export async function insertPosition(store: Session, p: PositionRow): Promise<number> {
  const entry = p.entry ?? 30_000;
  const qtyA = p.qtyA ?? 0.05;
  const qtyB = p.qtyB ?? 0.05;
  const engineState = {
    signal: {
      score: p.score ?? 7.5,
      timeframe: '4h',
      verdicts: [{ rule: 4, name: 'risk_reward', status: 'pass', value: p.rewardRisk ?? 2.4, threshold: 2 }],
    },
    tickets: [
      { ticket: 'A', qty: qtyA, filledQty: qtyA, target: p.tp1 ?? 30_600 },
      { ticket: 'B', qty: qtyB, filledQty: qtyB, target: p.tp2 ?? 31_800 },
    ],
  };
  const closed = p.closedAt !== undefined && p.closedAt !== null;
  const [row] = await store.db
    .insert(positions)
    .values({
      broker: 'simulated',
      symbol: p.symbol ?? 'BTC/USDT',
      timeframe: '4h',
      direction: p.direction ?? 'long',
      qty: String(qtyA + qtyB),
      openQty: closed ? '0' : String(qtyA + qtyB),
      filledPrice: String(entry),
      initialStop: String(p.stop ?? 29_400),
      stop: String(p.stop ?? 29_400),
      tp1: String(p.tp1 ?? 30_600),
      tp2: String(p.tp2 ?? 31_800),
      currency: 'USD',
      realizedPnl: String(p.realizedPnl ?? 0),
      exits: p.exits ?? [],
      status: closed ? 'closed' : 'open',
      openedAt: p.openedAt,
      closedAt: p.closedAt ?? null,
      engineState,
    })
    .returning({ id: positions.id });
  return row!.id;
}

export async function insertEntryFill(
  store: Session,
  o: { clientId: string; tradeId: string; at: number; qty: number; price: number; ticket: 'A' | 'B' },
): Promise<void> {
  const [order] = await store.db
    .insert(orders)
    .values({
      clientOrderId: o.clientId,
      broker: 'simulated',
      symbol: 'BTC/USDT',
      side: 'buy',
      kind: 'market',
      intentKind: 'entry',
      ticket: o.ticket,
      qty: String(o.qty),
      stop: '29400',
      target: o.ticket === 'A' ? '30600' : '31800',
      state: 'FILLED',
      filledQty: String(o.qty),
      avgFillPrice: String(o.price),
      createdAt: o.at,
      updatedAt: o.at,
    })
    .returning({ id: orders.id });
  await store.db.insert(fills).values({
    broker: 'simulated',
    venueTradeId: o.tradeId,
    orderId: order!.id,
    symbol: 'BTC/USDT',
    side: 'buy',
    qty: String(o.qty),
    price: String(o.price),
    at: o.at,
  });
}
