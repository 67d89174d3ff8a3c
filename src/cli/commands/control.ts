// The commands that act on the trading state, positions and instruments (SPEC §9/§10/§12): when
// an instance runs (its token file exists and it answers) they go through its local API, else they
// open the store directly. `killswitch status` is read-only: it reads PostgreSQL directly and never
// takes the lock; on PGlite it asks the running instance, as the embedded database cannot be opened
// twice. `close` needs a running instance (exit 1 without one).
import type { Config } from '../../config/schema.js';
import {
  accountKeyFor,
  type ControlPlane,
  checkSymbols,
  connectInstance,
  type InstrumentChange,
  parseMultiplier,
  requireReason,
  type StateChangeOutcome,
  StoreControl,
  type TradingStatus,
  tokenFilePath,
} from '../../control/index.js';
import { UsageError } from '../../domain/errors.js';
import { type GlobalOptions, loadCliConfig } from '../global-options.js';
import { emit } from '../output.js';
import { withCliStore } from '../store-access.js';

interface DemoOption {
  readonly demo?: boolean;
  readonly json?: boolean;
}

async function withControl<T>(
  config: Config,
  demo: boolean,
  options: { readonly write: boolean; readonly preferStore?: boolean },
  work: (plane: ControlPlane) => Promise<T>,
): Promise<T> {
  if (!options.preferStore) {
    const remote = await connectInstance(tokenFilePath(config.VAR_DIR, demo));
    if (remote !== undefined) return work(remote);
  }
  return withCliStore(config, { demo, write: options.write }, async (store) => {
    // A change needs the current schema; it holds the lock on PGlite, so it may migrate.
    if (options.write) await store.migrate();
    return work(new StoreControl(store, accountKeyFor(config, demo), config));
  });
}

export async function killswitchStatusCommand(opts: DemoOption, globals: GlobalOptions): Promise<void> {
  const config = loadCliConfig(globals);
  const demo = opts.demo === true;
  // PostgreSQL is shared safely: read it without the lock. PGlite: the instance, if it runs.
  const preferStore = !demo && config.DATABASE_URL !== undefined && config.DATABASE_URL !== '';
  const status = await withControl(config, demo, { write: false, preferStore }, (p) => p.status());
  await emit(status, () => statusText(status), { json: opts.json === true });
}

export async function killswitchResetCommand(
  opts: DemoOption & { reason?: string },
  globals: GlobalOptions,
): Promise<void> {
  const reason = requireReason(opts.reason, 'killswitch reset');
  await stateCommand('reset', reason, opts, globals);
}

export async function pauseCommand(opts: DemoOption & { reason?: string }, globals: GlobalOptions) {
  await stateCommand('pause', opts.reason?.trim() || 'paused by a person', opts, globals);
}

export async function resumeCommand(opts: DemoOption & { reason?: string }, globals: GlobalOptions) {
  await stateCommand('resume', opts.reason?.trim() || 'resumed by a person', opts, globals);
}

async function stateCommand(
  command: 'pause' | 'resume' | 'reset',
  reason: string,
  opts: DemoOption,
  globals: GlobalOptions,
): Promise<void> {
  const config = loadCliConfig(globals);
  const outcome = await withControl(config, opts.demo === true, { write: true }, (p) =>
    p.command(command, reason),
  );
  await emit(outcome, () => outcomeText(command, outcome), { json: opts.json === true });
}

export async function closeCommand(
  symbol: string | undefined,
  opts: DemoOption & { all?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  if ((symbol === undefined) === (opts.all !== true)) {
    throw new UsageError(
      symbol === undefined ? 'close: give a SYMBOL or --all' : 'close: give a SYMBOL or --all, not both',
    );
  }
  if (symbol !== undefined) checkSymbols([symbol]);
  const config = loadCliConfig(globals);
  // Without an instance StoreControl.close refuses (exit 1): nothing to close through.
  const outcome = await withControl(config, opts.demo === true, { write: false }, (p) => p.close(symbol));
  await emit(
    outcome,
    () =>
      outcome.positions_closed === 0
        ? `no open position${symbol ? ` in ${symbol}` : 's'} to close`
        : `closing ${outcome.positions_closed} position(s)${symbol ? ` in ${symbol}` : ''} (market orders sent)`,
    { json: opts.json === true },
  );
}

export async function instrumentsEnableCommand(symbol: string, opts: DemoOption, globals: GlobalOptions) {
  await instrumentCommand(symbol, { kind: 'enable' }, opts, globals);
}

export async function instrumentsDisableCommand(symbol: string, opts: DemoOption, globals: GlobalOptions) {
  await instrumentCommand(symbol, { kind: 'disable' }, opts, globals);
}

export async function instrumentsRiskCommand(
  symbol: string,
  multiplier: string,
  opts: DemoOption,
  globals: GlobalOptions,
) {
  checkSymbols([symbol]);
  await instrumentCommand(symbol, { kind: 'risk', multiplier: parseMultiplier(multiplier) }, opts, globals);
}

async function instrumentCommand(
  symbol: string,
  change: InstrumentChange,
  opts: DemoOption & { reason?: string },
  globals: GlobalOptions,
): Promise<void> {
  checkSymbols([symbol]);
  const config = loadCliConfig(globals);
  const outcome = await withControl(config, opts.demo === true, { write: true }, (p) =>
    p.instrument(symbol, change, opts.reason),
  );
  await emit(
    outcome,
    () =>
      `${outcome.symbol}: ${outcome.enabled ? 'enabled' : 'disabled'}, risk multiplier ${outcome.risk_multiplier}`,
    { json: opts.json === true },
  );
}

function outcomeText(command: string, o: StateChangeOutcome): string {
  if (!o.changed) return `${command}: already ${o.to}`;
  return `${command}: ${o.from} → ${o.to} (${o.reason})`;
}

function statusText(s: TradingStatus): string {
  const lines = [
    `state: ${s.state}${s.since ? ` since ${s.since}` : ''}${s.reason ? ` — ${s.reason}` : ''}`,
    `source: ${s.source === 'instance' ? 'the running instance' : 'the store'} (account ${s.account_key})`,
    `equity peak: ${s.equity_peak ?? 'unknown'}${s.equity !== null ? `, equity ${s.equity}` : ''}${
      s.drawdown_pct !== null
        ? `, drawdown ${s.drawdown_pct}% (halts at ${s.breakers.max_drawdown_pct}%)`
        : ''
    }`,
    `day start equity: ${s.day_start_equity ?? 'unknown'} (REDUCING at a ${s.breakers.max_daily_loss_pct}% daily loss)`,
    `consecutive losses: ${s.consecutive_losses} of ${s.breakers.max_consecutive_losses}`,
  ];
  if (s.reducing_until) lines.push(`daily-loss breaker holds until ${s.reducing_until}`);
  for (const i of s.instruments)
    lines.push(`${i.symbol}: ${i.enabled ? 'enabled' : 'DISABLED'}, risk × ${i.risk_multiplier}`);
  return lines.join('\n');
}
