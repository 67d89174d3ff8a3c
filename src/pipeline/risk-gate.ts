// The risk manager wired to the running book: equity and margin from the broker, positions from
// the execution engine, trade and stop-out history, and the persisted trading state with its
// breakers checked after every sync (SPEC §9). No clock reads: times come from the loop.
import type { Balance, Broker } from '../domain/broker.js';
import type { EvaluatedCandidate } from '../domain/divergence.js';
import type { SignalId, SymbolId } from '../domain/ids.js';
import { BrokerIds, convert, type UsdRates } from '../domain/instruments/index.js';
import type { InstrumentRegistry } from '../domain/instruments/registry.js';
import type { BrokerId } from '../domain/instruments/types.js';
import type { Signal } from '../domain/signal.js';
import { HOUR_MS, timeframeMs } from '../domain/timeframe.js';
import { type ExecutionEngine, positionIdOf } from '../execution/execution-engine.js';
import { filledPrice, type ManagedPosition, netPnl } from '../execution/managed-position.js';
import type { Logger } from '../logging/logger.js';
import {
  type BrokerAccountView,
  checkBreakers,
  type EntryRecord,
  type InstrumentControl,
  initialRiskState,
  type OpenPositionView,
  onTradeClosed,
  type RiskBookState,
  RiskManager,
  type RiskSettings,
  type StopOutRecord,
} from '../risk/index.js';
import type { RiskGate } from './trading-loop.js';

export interface PortfolioRiskGateOptions {
  readonly settings: RiskSettings;
  readonly broker: Broker;
  readonly engine: ExecutionEngine;
  readonly registry: InstrumentRegistry;
  readonly rates: UsdRates;
  readonly state?: RiskBookState;
  /** Run-time instrument control (enable/disable, risk multiplier), read at each evaluation. */
  readonly control?: (symbol: SymbolId) => InstrumentControl | undefined;
  /** Called with every new trading state, to persist it. */
  readonly onState?: (state: RiskBookState) => void | Promise<void>;
  readonly logger?: Logger;
  /**
   * Each venue's own account (paper and live: brokers/routing-broker.ts), for the per-broker
   * margin and cash limits; absent, the broker's one balance stands for every venue (the demo).
   */
  readonly balances?: () => Promise<Partial<Record<BrokerId, Balance>>>;
}

export class PortfolioRiskGate implements RiskGate {
  private readonly manager: RiskManager;
  private state: RiskBookState;
  private equity: number | undefined;
  private available: number | undefined;
  private accountCurrency = 'USD';
  private venueAccounts: Partial<Record<BrokerId, BrokerAccountView>> | undefined;
  private readonly entries: EntryRecord[] = [];
  private readonly stopOuts: StopOutRecord[] = [];
  private readonly counted = new Set<string>();
  /** Engine positions from index `seen` on are new; `unsettled`: seen, not yet closed. */
  private seen = 0;
  private readonly unsettled = new Set<ManagedPosition>();

  constructor(private readonly o: PortfolioRiskGateOptions) {
    this.manager = new RiskManager(o.settings);
    this.state = o.state ?? initialRiskState();
  }

  get tradingState(): RiskBookState {
    return this.state;
  }

  /**
   * A person's command (pause, resume, kill-switch reset or trip, src/control) replaces the state;
   * persisted through onState like any other change.
   */
  async setState(state: RiskBookState): Promise<void> {
    this.state = state;
    await this.o.onState?.(state);
  }

  /**
   * After the engine was rebuilt from the store (a restart): the trades it holds are history the
   * gate would otherwise forget — closed ones must not feed the loss streak again (the stored
   * state already counts them), their stop-outs keep their cooldowns, and every entry counts
   * toward today's trade caps (at its fill, or its signal's close while it is still pending).
   * The trading state itself is not touched.
   */
  restore(): void {
    for (const p of this.o.engine.all()) {
      this.entries.push({ symbol: p.symbol, at: p.openedAt ?? knownClose(p) });
      if (p.status !== 'closed' || this.counted.has(p.id)) continue;
      this.counted.add(p.id);
      const stopped = p.tickets.some((t) => t.exits.some((e) => e.reason === 'stop'));
      if (stopped && netPnl(p) < 0 && p.signal.timeframe) {
        this.stopOuts.push({
          symbol: p.symbol,
          timeframe: p.signal.timeframe,
          at: p.closedAt ?? knownClose(p),
        });
      }
    }
  }

  async onSynced(at: number): Promise<void> {
    // Closed trades feed the loss streak and the cooldowns, once each. Only positions not yet
    // settled are looked at (a long run has thousands of closed ones, and this runs every hour).
    const engine = this.o.engine;
    for (const p of engine.positionsFrom(this.seen)) this.unsettled.add(p);
    this.seen = engine.positionCount;
    for (const p of this.unsettled) {
      if (p.status === 'pending' || p.status === 'open') continue;
      this.unsettled.delete(p);
      if (p.status !== 'closed' || this.counted.has(p.id)) continue;
      this.counted.add(p.id);
      const pnl = netPnl(p);
      await this.apply(onTradeClosed(this.state, pnl, at, this.o.settings));
      const stopped = p.tickets.some((t) => t.exits.some((e) => e.reason === 'stop'));
      if (stopped && pnl < 0 && p.signal.timeframe) {
        this.stopOuts.push({ symbol: p.symbol, timeframe: p.signal.timeframe, at: p.closedAt ?? at });
      }
    }
    let equity: number | undefined;
    try {
      if (this.o.balances) {
        const venues = Object.entries(await this.o.balances()) as [BrokerId, Balance][];
        this.venueAccounts = Object.fromEntries(
          venues.map(([id, b]) => [id, { currency: b.currency, available: b.available }]),
        );
      }
      const balance = await this.o.broker.fetchBalance();
      this.accountCurrency = balance.currency;
      equity = convert(balance.equity, balance.currency, this.o.settings.BASE_CURRENCY, this.o.rates);
      this.available = convert(
        balance.available,
        balance.currency,
        this.o.settings.BASE_CURRENCY,
        this.o.rates,
      );
    } catch (e) {
      // Fail closed: an unknown equity takes no new risk (the breakers keep the last state).
      this.o.logger?.warn({ err: e }, 'balance unavailable: no new risk until it is known');
      equity = undefined;
    }
    this.equity = equity;
    await this.apply(checkBreakers(this.state, { at, equity, netFlows: 0, stale: false }, this.o.settings));
  }

  async evaluate(candidate: EvaluatedCandidate, at: number, setupId: string | undefined) {
    const instrument = this.o.registry.get(candidate.symbol ?? '');
    const ticker = await this.o.broker.fetchTicker(instrument.id);
    const signal: Signal = {
      id: positionIdOf(candidate) as SignalId,
      candidate,
      ...(setupId ? { setupId: setupId as never } : {}),
      tradableAt: at,
    };
    const control = this.o.control?.(instrument.id);
    const result = this.manager.evaluate(signal, this.book(), this.state, {
      instrument,
      ...(control ? { control } : {}),
      market: {
        at,
        price: candidate.direction === 'long' ? ticker.ask : ticker.bid,
        lastClose: (ticker.ask + ticker.bid) / 2,
        lastCandleTime: at - HOUR_MS,
        tradeable: ticker.tradeable,
      },
      rates: this.o.rates,
    });
    if (!result.ok) return result;
    this.entries.push({ symbol: instrument.id, at });
    return {
      ok: true as const,
      tickets: result.plan.tickets.map((t) => ({ ticket: t.ticket, qty: t.qty, target: t.target })),
    };
  }

  private book() {
    const positions: OpenPositionView[] = this.o.engine.active().map((p) => ({
      instrument: this.o.registry.get(p.symbol),
      direction: p.direction,
      // Working entries count at their planned size: a second signal must not stack on them.
      qty: p.tickets.reduce((s, t) => s + (t.open ? t.filledQty - t.closedQty : t.ref ? 0 : t.qty), 0),
      entryPrice: filledPrice(p) ?? p.signal.entry,
      stop: p.stop,
    }));
    // One simulated or real account per venue; the demo's single account stands for each.
    const account: BrokerAccountView = { currency: this.accountCurrency, available: this.available ?? 0 };
    const accounts = Object.fromEntries(BrokerIds.map((b) => [b, this.venueAccounts?.[b] ?? account]));
    return {
      equity: this.equity,
      netFlows: 0,
      positions,
      accounts,
      entries: this.entries,
      stopOuts: this.stopOuts,
    };
  }

  private async apply(result: {
    state: RiskBookState;
    events: readonly { from: string; to: string; reason: string; flatten: boolean }[];
  }) {
    this.state = result.state;
    for (const e of result.events) {
      this.o.logger?.warn({ from: e.from, to: e.to, reason: e.reason }, `trading state ${e.from} → ${e.to}`);
      if (e.flatten) await this.o.engine.closeSymbol(undefined, 'manual', this.state.updatedAt ?? 0);
    }
    if (result.events.length > 0) await this.o.onState?.(this.state);
  }
}

const knownClose = (p: ManagedPosition) => p.signal.knownAt.time + timeframeMs[p.signal.timeframe ?? '1h'];
