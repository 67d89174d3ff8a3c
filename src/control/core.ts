// What every control-plane implementation shares: input checks, the state commands on a
// RiskBookState, the store ↔ book conversion and the status shape.
import Big from 'big.js';
import type { Config } from '../config/schema.js';
import { defaultRegistry } from '../domain/instruments/index.js';
import type { InstrumentRegistry } from '../domain/instruments/registry.js';
import type { RiskBookState } from '../risk/breaker-state.js';
import type { InstrumentControl } from '../risk/limits.js';
import { pause, reset, resume, TradingStateCommandError } from '../risk/manual-control.js';
import type { AuditEntry, InstrumentControlRow, RiskState, RiskStateInput } from '../store/index.js';
import { ControlConflictError, ControlUsageError } from './errors.js';
import { requireReason } from './input.js';
import type { InstrumentChange, InstrumentControlStatus, StateCommand, TradingStatus } from './types.js';

export { DEFAULT_REASONS, MAX_RISK_MULTIPLIER, parseMultiplier, requireReason } from './input.js';

/** The risk_state row of an instance: the demo's, else the mode's (paper, live). */
export function accountKeyFor(config: Pick<Config, 'MODE'>, demo: boolean): string {
  return demo ? 'demo' : config.MODE;
}

/** `YYYY-MM-DDTHH:mm:ssZ` (SPEC §16). */
export function isoTime(ms: number): string;
export function isoTime(ms: number | null): string | null;
export function isoTime(ms: number | null): string | null {
  return ms === null ? null : `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Every symbol must be in the registry; names each unknown one. */
export function checkSymbols(
  symbols: readonly string[],
  registry: InstrumentRegistry = defaultRegistry,
): void {
  const unknown = symbols.filter((s) => !registry.has(s));
  if (unknown.length > 0) {
    throw new ControlUsageError(
      `unknown symbol${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (see divbot instruments list)`,
    );
  }
}

export const AUDIT_ACTIONS: Readonly<Record<StateCommand, string>> = {
  pause: 'trading.pause',
  resume: 'trading.resume',
  reset: 'killswitch.reset',
  trip: 'killswitch.trip',
};

export interface AppliedCommand {
  readonly state: RiskBookState;
  readonly changed: boolean;
  /** HALT_ACTION=flatten on a manual trip: close every position. */
  readonly flatten: boolean;
}

/**
 * Applies a person's command. The reset re-bases the peak on the current equity; when it is not
 * known (no instance running) the peak is cleared, so the next equity reading becomes the peak.
 */
export function applyCommand(
  s: RiskBookState,
  command: StateCommand,
  reason: string,
  at: number,
  equity: number | undefined,
  haltAction: 'keep' | 'flatten',
): AppliedCommand {
  try {
    switch (command) {
      case 'pause':
        return fromResult(pause(s, reason, at));
      case 'resume':
        return fromResult(resume(s, reason, at));
      case 'reset': {
        const known = equity !== undefined && Number.isFinite(equity) && equity > 0;
        const r = reset(s, reason, at, known ? equity : 1);
        return fromResult(known ? r : { ...r, state: { ...r.state, equityPeak: null } });
      }
      case 'trip': {
        const why = requireReason(reason, 'killswitch trip');
        if (s.state === 'HALTED') return { state: s, changed: false, flatten: false };
        return {
          state: { ...s, state: 'HALTED', reason: why, since: at, updatedAt: at },
          changed: true,
          flatten: haltAction === 'flatten',
        };
      }
    }
  } catch (e) {
    if (e instanceof TradingStateCommandError) throw new ControlConflictError(e.message);
    throw e;
  }
}

function fromResult(r: { state: RiskBookState; event: unknown }): AppliedCommand {
  return { state: r.state, changed: r.event !== undefined, flatten: false };
}

export function auditEntry(
  command: StateCommand,
  before: RiskBookState,
  after: RiskBookState,
  reason: string,
  at: number,
  actor = 'cli',
): AuditEntry {
  return {
    at,
    actor,
    action: AUDIT_ACTIONS[command],
    target: 'trading_state',
    reason,
    details: {
      from: before.state,
      to: after.state,
      ...(command === 'reset' ? { peak_before: before.equityPeak, peak_after: after.equityPeak } : {}),
    },
  };
}

export function toBook(r: RiskState): RiskBookState {
  return {
    state: r.state,
    equityPeak: r.equityPeak?.toNumber() ?? null,
    dayStartEquity: r.dayStartEquity?.toNumber() ?? null,
    tradingDayStart: r.tradingDayStart,
    consecutiveLosses: r.consecutiveLosses,
    reason: r.reason,
    updatedAt: r.updatedAt,
    since: r.since,
    reducingUntil: r.reducingUntil,
    netFlows: r.netFlows.toNumber(),
  };
}

export function fromBook(accountKey: string, b: RiskBookState, at: number): RiskStateInput {
  const big = (x: number | null) => (x === null || !Number.isFinite(x) ? null : new Big(x));
  return {
    accountKey,
    state: b.state,
    equityPeak: big(b.equityPeak),
    dayStartEquity: big(b.dayStartEquity),
    tradingDayStart: b.tradingDayStart,
    consecutiveLosses: b.consecutiveLosses,
    reason: b.reason,
    updatedAt: b.updatedAt ?? at,
    since: b.since,
    reducingUntil: b.reducingUntil,
    netFlows: big(b.netFlows) ?? new Big(0),
  };
}

/** The risk gate's view of a stored row. */
export function toInstrumentControl(row: InstrumentControlRow): InstrumentControl {
  return { disabled: !row.enabled, riskMultiplier: row.riskMultiplier.toNumber() };
}

export function changedRow(
  current: InstrumentControlRow,
  change: InstrumentChange,
  reason: string | undefined,
  at: number,
): InstrumentControlRow & { updatedAt: number } {
  return {
    symbol: current.symbol,
    enabled: change.kind === 'risk' ? current.enabled : change.kind === 'enable',
    riskMultiplier: change.kind === 'risk' ? new Big(change.multiplier) : current.riskMultiplier,
    reason: reason?.trim() || null,
    updatedAt: at,
  };
}

export function instrumentAudit(
  row: InstrumentControlRow & { updatedAt: number },
  change: InstrumentChange,
  actor = 'cli',
): AuditEntry {
  return {
    at: row.updatedAt,
    actor,
    action: `instrument.${change.kind}`,
    target: row.symbol,
    reason: row.reason,
    details: { enabled: row.enabled, risk_multiplier: row.riskMultiplier.toFixed() },
  };
}

export function instrumentStatus(row: InstrumentControlRow): InstrumentControlStatus {
  return {
    symbol: row.symbol,
    enabled: row.enabled,
    risk_multiplier: row.riskMultiplier.toFixed(),
    reason: row.reason,
    updated_at: isoTime(row.updatedAt),
  };
}

export function statusOf(
  source: TradingStatus['source'],
  accountKey: string,
  b: RiskBookState,
  equity: number | undefined,
  config: Pick<Config, 'MAX_DAILY_LOSS_PCT' | 'MAX_DRAWDOWN_PCT' | 'MAX_CONSECUTIVE_LOSSES' | 'HALT_ACTION'>,
  instruments: readonly InstrumentControlRow[],
): TradingStatus {
  const drawdown =
    equity !== undefined && b.equityPeak !== null && b.equityPeak > 0
      ? Math.round(((b.equityPeak - equity) / b.equityPeak) * 10_000) / 100
      : null;
  return {
    source,
    account_key: accountKey,
    state: b.state,
    reason: b.reason,
    since: isoTime(b.since),
    updated_at: isoTime(b.updatedAt),
    equity_peak: b.equityPeak,
    day_start_equity: b.dayStartEquity,
    trading_day_start: isoTime(b.tradingDayStart),
    consecutive_losses: b.consecutiveLosses,
    reducing_until: isoTime(b.reducingUntil),
    net_flows: b.netFlows,
    equity: equity ?? null,
    drawdown_pct: drawdown,
    breakers: {
      max_daily_loss_pct: config.MAX_DAILY_LOSS_PCT,
      max_drawdown_pct: config.MAX_DRAWDOWN_PCT,
      max_consecutive_losses: config.MAX_CONSECUTIVE_LOSSES,
      halt_action: config.HALT_ACTION,
    },
    instruments: instruments.map(instrumentStatus),
  };
}
