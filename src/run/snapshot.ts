// The hourly portfolio snapshot (SPEC §12) of a running book, the demo's and paper/live alike.
import type { Balance, Broker } from '../domain/broker.js';
import type { ExecutionEngine } from '../execution/execution-engine.js';
import type { ManagedPosition } from '../execution/managed-position.js';
import type { PortfolioRiskGate } from '../pipeline/risk-gate.js';
import type { Store } from '../store/index.js';
import { recordSnapshot } from '../store/snapshots-repo.js';

export interface SnapshotParts {
  readonly store: Store;
  readonly broker: Broker;
  readonly engine: ExecutionEngine;
  readonly risk: PortfolioRiskGate;
  /** Each venue's own balance and which venue a symbol is on (paper and live); absent: one account. */
  readonly venues?: {
    balances(): Promise<Partial<Record<string, Balance>>>;
    brokerOf(symbol: string): string;
  };
}

export async function snapshotBook(p: SnapshotParts, at: number): Promise<void> {
  const b = await p.broker.fetchBalance();
  const positions = await p.broker.fetchPositions();
  const openRisk = p.engine
    .active()
    .reduce(
      (sum, x) =>
        sum + Math.max(0, (x.signal.entry - x.stop) * (x.direction === 'long' ? 1 : -1)) * openQty(x),
      0,
    );
  const balances = p.venues ? await p.venues.balances() : { simulated: b };
  const brokers: Record<string, unknown> = {};
  for (const [id, v] of Object.entries(balances)) {
    if (v === undefined) continue;
    const held = positions.filter((x) => (p.venues?.brokerOf(x.symbol) ?? id) === id).length;
    brokers[id] = { currency: v.currency, equity: v.equity, available: v.available, positions: held };
  }
  await recordSnapshot(p.store, {
    at,
    currency: b.currency,
    equity: b.equity,
    balance: b.available,
    unrealizedPnl: b.equity - b.available,
    openRisk,
    state: p.risk.tradingState.state,
    brokers,
  });
}

/** Units still open in a position (both tickets). */
function openQty(p: ManagedPosition): number {
  return p.tickets.reduce((sum, t) => sum + (t.open ? t.filledQty - t.closedQty : 0), 0);
}
