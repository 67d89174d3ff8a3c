// The control plane on the store itself, for when no divbot instance runs (SPEC §12): each
// command reads, changes and writes the row and its audit entry in one transaction. Without an
// instance there is no equity (a reset clears the peak, re-based on the next reading) and no
// execution engine (close refuses).
import { sql } from 'drizzle-orm';
import type { Config } from '../config/schema.js';
import { initialRiskState } from '../risk/breaker-state.js';
import {
  appendAudit,
  executeRows,
  getInstrumentControl,
  getRiskState,
  listInstrumentControls,
  putInstrumentControl,
  putRiskState,
  type Session,
} from '../store/index.js';
import {
  applyCommand,
  auditEntry,
  changedRow,
  checkSymbols,
  fromBook,
  instrumentAudit,
  instrumentStatus,
  isoTime,
  statusOf,
  toBook,
} from './core.js';
import { ControlFailure } from './errors.js';
import type {
  CloseOutcome,
  ControlPlane,
  InstrumentChange,
  InstrumentOutcome,
  StateChangeOutcome,
  StateCommand,
  TradingStatus,
} from './types.js';

export class StoreControl implements ControlPlane {
  constructor(
    private readonly store: Session,
    private readonly accountKey: string,
    private readonly config: Config,
    private readonly now: () => number = Date.now,
  ) {}

  /** Read-only: a store never migrated reads as the defaults; one migrated to an older schema fails. */
  async status(): Promise<TradingStatus> {
    const [present] = await executeRows<{ risk: boolean; control: boolean }>(
      this.store,
      sql`SELECT to_regclass('public.risk_state') IS NOT NULL AS risk, to_regclass('public.instrument_control') IS NOT NULL AS control`,
    );
    if (!present?.risk) {
      return statusOf('store', this.accountKey, initialRiskState(), undefined, this.config, []);
    }
    if (!present.control) {
      throw new ControlFailure('the store predates the trading-control migration: run divbot db migrate');
    }
    const book = toBook(await getRiskState(this.store, this.accountKey));
    const instruments = await listInstrumentControls(this.store);
    return statusOf('store', this.accountKey, book, undefined, this.config, instruments);
  }

  command(command: StateCommand, reason: string, actor?: string): Promise<StateChangeOutcome> {
    return this.store.transaction(async (tx) => {
      const at = this.now();
      const before = toBook(await getRiskState(tx, this.accountKey));
      const applied = applyCommand(before, command, reason, at, undefined, this.config.HALT_ACTION);
      if (applied.changed || applied.state !== before) {
        await putRiskState(tx, fromBook(this.accountKey, applied.state, at));
      }
      await appendAudit(tx, auditEntry(command, before, applied.state, reason.trim(), at, actor));
      return {
        from: before.state,
        to: applied.state.state,
        changed: applied.changed,
        reason: reason.trim(),
        at: isoTime(at),
      };
    });
  }

  async close(symbol: string | undefined): Promise<CloseOutcome> {
    if (symbol !== undefined) checkSymbols([symbol]);
    throw new ControlFailure(
      'no divbot instance is running: there is nothing to close through (positions are closed by the running instance)',
    );
  }

  instrument(
    symbol: string,
    change: InstrumentChange,
    reason?: string,
    actor?: string,
  ): Promise<InstrumentOutcome> {
    checkSymbols([symbol]);
    return this.store.transaction(async (tx) => {
      const at = this.now();
      const row = changedRow(await getInstrumentControl(tx, symbol), change, reason, at);
      await putInstrumentControl(tx, row);
      await appendAudit(tx, instrumentAudit(row, change, actor));
      return { ...instrumentStatus(row), at: isoTime(at) };
    });
  }
}
