// What the API answers with, built once the instance exists (its store, control plane, candles
// and health registry). Kept apart from the routes so that registering them before listen loads
// none of this (SPEC §13: the HTTP server starts first).
import { Authenticator, type AuthenticatorOptions } from '../auth/authenticator.js';
import { useApiToken } from '../auth/tokens-repo.js';
import { maskedConfig } from '../config/mask.js';
import type { Config } from '../config/schema.js';
import type { ControlPlane } from '../control/types.js';
import { defaultRegistry } from '../domain/instruments/index.js';
import type { InstrumentRegistry } from '../domain/instruments/registry.js';
import { loadRuleCandidates, ruleEfficacy } from '../outcomes/rule-efficacy.js';
import {
  type AuditEntry,
  appendAudit,
  listAudit,
  listInstrumentControls,
  type Session,
} from '../store/index.js';
import type { HealthRegistry } from '../web/health.js';
import { toCsv } from './csv.js';
import { iso, type Page } from './format.js';
import { listReports, readReport, reportsDir } from './queries/backtest-reports.js';
import { type CandleSource, signalChart } from './queries/chart.js';
import { healthPage } from './queries/health.js';
import { listOrdersPage } from './queries/orders.js';
import { overview } from './queries/overview.js';
import { listFills, listPositions } from './queries/positions.js';
import {
  getSignalRow,
  listSetupsPage,
  listSignalsPage,
  type SignalFilter,
  signalDetail,
} from './queries/signals.js';

export interface ApiBackendOptions {
  readonly store: Session;
  readonly control: ControlPlane;
  readonly config: Config;
  readonly candles: CandleSource;
  /** The instance's Clock (simulated in the demo): job freshness and "today" follow it. */
  readonly now: () => number;
  readonly health?: HealthRegistry;
  readonly registry?: InstrumentRegistry;
}

const EXPORT_ROWS = 100_000;

export class ApiBackend {
  readonly store: Session;
  readonly control: ControlPlane;
  readonly now: () => number;

  constructor(private readonly o: ApiBackendOptions) {
    this.store = o.store;
    this.control = o.control;
    this.now = o.now;
  }

  authenticator(o: Omit<AuthenticatorOptions, 'store'>): Authenticator {
    return new Authenticator({ ...o, store: () => this.store });
  }

  /** The name of an active API token (marked used), else undefined. */
  tokenName(token: string, at: number): Promise<string | undefined> {
    return useApiToken(this.store, token, at);
  }

  overview() {
    return overview(this.store, this.o.control, this.o.config.BASE_CURRENCY);
  }

  positions(status: 'open' | 'closed' | 'all', page: Page) {
    return listPositions(this.store, status, page);
  }

  signals(filter: SignalFilter, page: Page) {
    return listSignalsPage(this.store, filter, page);
  }

  async signal(id: number) {
    const row = await getSignalRow(this.store, id);
    return row === undefined ? undefined : signalDetail(this.store, row);
  }

  signalChart(id: number) {
    const c = this.o.config;
    return signalChart(this.store, id, this.o.candles, {
      left: { '1h': c.PIVOT_LEFT_1H, '4h': c.PIVOT_LEFT_4H },
      right: { '1h': c.PIVOT_RIGHT_1H, '4h': c.PIVOT_RIGHT_4H },
    });
  }

  orders(page: Page) {
    return listOrdersPage(this.store, page);
  }

  trades(page: Page) {
    return listPositions(this.store, 'closed', page);
  }

  fills(page: Page) {
    return listFills(this.store, page);
  }

  setups(status: string | undefined, page: Page) {
    return listSetupsPage(this.store, status, page);
  }

  async rules() {
    return ruleEfficacy(await loadRuleCandidates(this.store));
  }

  backtestReports() {
    return listReports(reportsDir(this.o.config.VAR_DIR));
  }

  backtestReport(name: string) {
    return readReport(reportsDir(this.o.config.VAR_DIR), name);
  }

  health() {
    return healthPage(this.store, this.o.health, this.now(), this.o.config.LLM_DAILY_BUDGET_USD);
  }

  settings() {
    return { mode: this.o.config.MODE, values: maskedConfig(this.o.config) };
  }

  async instruments() {
    const controls = new Map((await listInstrumentControls(this.store)).map((r) => [r.symbol, r]));
    const registry = this.o.registry ?? defaultRegistry;
    return registry.all().map((i) => {
      const c = controls.get(i.id);
      return {
        symbol: i.id,
        broker: i.broker,
        asset_class: i.assetClass,
        display_name: i.displayName,
        enabled: c?.enabled ?? true,
        risk_multiplier: c ? Number(c.riskMultiplier.toFixed()) : 1,
        reason: c?.reason ?? null,
        updated_at: iso(c?.updatedAt ?? null),
      };
    });
  }

  async auditLog(limit: number) {
    return (await listAudit(this.store, { limit })).map((a) => ({
      id: a.id,
      at: iso(a.at),
      actor: a.actor,
      action: a.action,
      target: a.target,
      reason: a.reason,
      details: a.details,
    }));
  }

  audit(entry: AuditEntry) {
    return appendAudit(this.store, entry);
  }

  async tradesCsv(): Promise<string> {
    const { items } = await listPositions(this.store, 'closed', { limit: EXPORT_ROWS, offset: 0 });
    return toCsv(
      [
        'id',
        'signal_id',
        'broker',
        'symbol',
        'timeframe',
        'direction',
        'qty',
        'entry_price',
        'exit_price',
        'initial_stop',
        'tp1',
        'tp2',
        'opened_at',
        'closed_at',
        'realized_pnl',
        'fees',
        'financing',
        'currency',
        'r_multiple',
        'exits',
      ],
      [...items]
        .reverse()
        .map((t) => [
          t.id,
          t.signal_id,
          t.broker,
          t.symbol,
          t.timeframe,
          t.direction,
          t.qty,
          t.entry_price,
          t.exit_price,
          t.initial_stop,
          t.tp1,
          t.tp2,
          t.opened_at,
          t.closed_at,
          t.realized_pnl,
          t.fees,
          t.financing,
          t.currency,
          t.r_multiple,
          t.exits.map((e) => `${e.reason}@${e.price}x${e.qty}@${e.time}`).join(' '),
        ]),
    );
  }

  async fillsCsv(): Promise<string> {
    const { items } = await listFills(this.store, { limit: EXPORT_ROWS, offset: 0 }, 'asc');
    return toCsv(
      [
        'id',
        'at',
        'broker',
        'symbol',
        'side',
        'qty',
        'price',
        'fee',
        'fee_currency',
        'order_id',
        'position_id',
        'venue_trade_id',
      ],
      items.map((f) => [
        f.id,
        f.at,
        f.broker,
        f.symbol,
        f.side,
        f.qty,
        f.price,
        f.fee,
        f.fee_currency,
        f.order_id,
        f.position_id,
        f.venue_trade_id,
      ]),
    );
  }
}
