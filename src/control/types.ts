// The control plane's vocabulary (SPEC §9/§10/§12): what a person can ask of the trading state,
// the positions and the instruments, and the answers, in the snake_case shape the CLI prints with
// --json and the local API sends. Three implementations share it: StoreControl (the store opened
// directly, no instance running), LiveControl (inside the running instance) and RemoteControl (the
// CLI's client of that instance's local API).
import type { TradingState } from '../domain/trading-state.js';

export interface InstrumentControlStatus {
  readonly symbol: string;
  readonly enabled: boolean;
  readonly risk_multiplier: string;
  readonly reason: string | null;
  readonly updated_at: string | null;
}

export interface TradingStatus {
  /** `instance`: answered by the running divbot; `store`: read from the database. */
  readonly source: 'instance' | 'store';
  readonly account_key: string;
  readonly state: TradingState;
  readonly reason: string | null;
  readonly since: string | null;
  readonly updated_at: string | null;
  readonly equity_peak: number | null;
  readonly day_start_equity: number | null;
  readonly trading_day_start: string | null;
  readonly consecutive_losses: number;
  readonly reducing_until: string | null;
  readonly net_flows: number;
  /** The current equity (BASE_CURRENCY) when the running instance knows it. */
  readonly equity: number | null;
  /** Drawdown from the peak, in percent, when equity and peak are known. */
  readonly drawdown_pct: number | null;
  readonly breakers: {
    readonly max_daily_loss_pct: number;
    readonly max_drawdown_pct: number;
    readonly max_consecutive_losses: number;
    readonly halt_action: string;
  };
  /** Only symbols a person has changed; every other one trades as configured. */
  readonly instruments: readonly InstrumentControlStatus[];
}

export interface StateChangeOutcome {
  readonly from: TradingState;
  readonly to: TradingState;
  readonly changed: boolean;
  readonly reason: string;
  readonly at: string;
}

export interface CloseOutcome {
  /** The symbol, or `all`. */
  readonly target: string;
  readonly positions_closed: number;
  readonly at: string;
}

export type InstrumentChange =
  | { readonly kind: 'enable' }
  | { readonly kind: 'disable' }
  | { readonly kind: 'risk'; readonly multiplier: number };

export interface InstrumentOutcome extends InstrumentControlStatus {
  readonly at: string;
}

export type StateCommand = 'pause' | 'resume' | 'reset' | 'trip';

/**
 * `actor` is who asked, for the audit trail: `cli` (the default: the CLI, through the local API
 * or the store), `user:alice` / `token:ci` (the API), `telegram:12345`.
 */
export interface ControlPlane {
  status(): Promise<TradingStatus>;
  /** pause / resume / kill-switch reset / kill-switch trip, audited with the reason. */
  command(command: StateCommand, reason: string, actor?: string): Promise<StateChangeOutcome>;
  /** Market-closes the bot's positions in the symbol, or all of them (undefined). */
  close(symbol: string | undefined, actor?: string): Promise<CloseOutcome>;
  instrument(
    symbol: string,
    change: InstrumentChange,
    reason?: string,
    actor?: string,
  ): Promise<InstrumentOutcome>;
}
