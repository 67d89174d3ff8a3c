// The control plane inside the running instance (SPEC §9/§10): commands change the risk gate's
// trading state (which persists it through its onState), instrument control in memory and in the
// store, and close positions through the execution engine. Every change is audited. Commands run
// one at a time.
import type { Config } from '../config/schema.js';
import type { RiskBookState } from '../risk/breaker-state.js';
import { appendAudit, getInstrumentControl, putInstrumentControl, type Session } from '../store/index.js';
import {
  applyCommand,
  auditEntry,
  changedRow,
  checkSymbols,
  instrumentAudit,
  instrumentStatus,
  isoTime,
  statusOf,
} from './core.js';
import type { InstrumentControls } from './instrument-controls.js';
import type {
  CloseOutcome,
  ControlPlane,
  InstrumentChange,
  InstrumentOutcome,
  StateChangeOutcome,
  StateCommand,
  TradingStatus,
} from './types.js';

export interface LiveControlOptions {
  readonly store: Session;
  readonly accountKey: string;
  readonly config: Pick<
    Config,
    'MAX_DAILY_LOSS_PCT' | 'MAX_DRAWDOWN_PCT' | 'MAX_CONSECUTIVE_LOSSES' | 'HALT_ACTION'
  >;
  /** The instance's Clock. */
  readonly now: () => number;
  readonly gate: {
    readonly tradingState: RiskBookState;
    /** Replaces the state and persists it (PortfolioRiskGate.setState). */
    setState(state: RiskBookState): Promise<void>;
  };
  /** Current equity in BASE_CURRENCY; undefined when it cannot be computed. */
  readonly equity: () => Promise<number | undefined>;
  readonly closeSymbol: (symbol: string | undefined, at: number) => Promise<number>;
  readonly controls: InstrumentControls;
}

export class LiveControl implements ControlPlane {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: LiveControlOptions) {}

  async status(): Promise<TradingStatus> {
    const equity = await this.o.equity().catch(() => undefined);
    const book = this.o.gate.tradingState;
    return statusOf('instance', this.o.accountKey, book, equity, this.o.config, this.o.controls.rows());
  }

  command(command: StateCommand, reason: string, actor?: string): Promise<StateChangeOutcome> {
    return this.serial(async () => {
      const at = this.o.now();
      const before = this.o.gate.tradingState;
      const equity = command === 'reset' ? await this.o.equity().catch(() => undefined) : undefined;
      const applied = applyCommand(before, command, reason, at, equity, this.o.config.HALT_ACTION);
      if (applied.state !== before) await this.o.gate.setState(applied.state);
      await appendAudit(this.o.store, auditEntry(command, before, applied.state, reason.trim(), at, actor));
      if (applied.flatten) await this.o.closeSymbol(undefined, at);
      return {
        from: before.state,
        to: applied.state.state,
        changed: applied.changed,
        reason: reason.trim(),
        at: isoTime(at),
      };
    });
  }

  close(symbol: string | undefined, actor = 'cli'): Promise<CloseOutcome> {
    if (symbol !== undefined) checkSymbols([symbol]);
    return this.serial(async () => {
      const at = this.o.now();
      const n = await this.o.closeSymbol(symbol, at);
      const target = symbol ?? 'all';
      await appendAudit(this.o.store, {
        at,
        actor,
        action: 'position.close',
        target,
        reason: 'manual close',
        details: { positions_closed: n },
      });
      return { target, positions_closed: n, at: isoTime(at) };
    });
  }

  instrument(
    symbol: string,
    change: InstrumentChange,
    reason?: string,
    actor?: string,
  ): Promise<InstrumentOutcome> {
    checkSymbols([symbol]);
    return this.serial(() =>
      this.o.store.transaction(async (tx) => {
        const at = this.o.now();
        const current = this.o.controls.get(symbol) ?? (await getInstrumentControl(tx, symbol));
        const row = changedRow(current, change, reason, at);
        await putInstrumentControl(tx, row);
        await appendAudit(tx, instrumentAudit(row, change, actor));
        this.o.controls.set(row);
        return { ...instrumentStatus(row), at: isoTime(at) };
      }),
    );
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
