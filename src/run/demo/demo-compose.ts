// The demo's object graph: the same pipeline as live, over the SimulatedBroker (also what the
// backtester and the cycle benchmark build), and the start-up scan for the demo's first order.
import { SimulatedBroker } from '../../brokers/simulated/index.js';
import type { VenueJournal } from '../../brokers/simulated/venue-journal.js';
import { SimulatedClock } from '../../clock/simulated-clock.js';
import type { Config } from '../../config/schema.js';
import type { Clock } from '../../domain/clock.js';
import type { SymbolId } from '../../domain/ids.js';
import { defaultRegistry, STATIC_USD_RATES } from '../../domain/instruments/index.js';
import { ExecutionEngine } from '../../execution/execution-engine.js';
import { type ExecutionJournal, MemoryExecutionJournal } from '../../execution/execution-journal.js';
import type { Logger } from '../../logging/logger.js';
import { buildFeeds } from '../../pipeline/feeds.js';
import type { Finalizer } from '../../pipeline/review.js';
import { PortfolioRiskGate } from '../../pipeline/risk-gate.js';
import { type RiskGate, type SignalJournal, TradingLoop } from '../../pipeline/trading-loop.js';
import type { RiskBookState } from '../../risk/breaker-state.js';
import type { InstrumentControl } from '../../risk/limits.js';
import { weekendInstruction } from '../../risk/weekend.js';
import type { DemoMarket } from './demo-data.js';

/** How far ahead the start-up scan looks for the first order. */
const SCAN_MS = 365 * 86_400_000;

export interface DemoParts {
  /** The LLM review (LLM_MODE=review); the start-up scan runs without it (no paid calls). */
  readonly finalize?: Finalizer;
  readonly journal: SignalJournal;
  readonly execution: ExecutionJournal;
  readonly namespace: string;
  readonly logger?: Logger;
  /** The trading state to start from, its run-time instrument control, and where changes go. */
  readonly riskState?: RiskBookState;
  readonly control?: (symbol: SymbolId) => InstrumentControl | undefined;
  readonly onState?: (state: RiskBookState) => void | Promise<void>;
  /** Where the simulated venue records its changes, to be rebuilt after a stop (venue-log.ts). */
  readonly venueJournal?: VenueJournal;
  /** What the loop asks instead of the risk gate itself (a resumed demo's guard). */
  readonly gate?: (risk: RiskGate, engine: ExecutionEngine) => RiskGate;
}

/** The venue's settings, also the header its log is checked against on --resume. */
export function venueParams(config: Config) {
  return {
    accountCurrency: 'USD' as const,
    startingCash: config.STARTING_EQUITY,
    limitEntryBars: config.LIMIT_ENTRY_BARS,
  };
}

/** The demo's object graph: the same pipeline as live, over the SimulatedBroker. */
export function composeDemo(
  config: Config,
  market: DemoMarket,
  clock: Clock,
  tradeFrom: number,
  parts: DemoParts,
) {
  const broker = new SimulatedBroker({
    clock,
    registry: defaultRegistry,
    ...venueParams(config),
    ...(parts.venueJournal ? { journal: parts.venueJournal } : {}),
  });
  for (const s of market.series) broker.loadSeries(s.symbol, s.timeframe, s.candles);
  const engine = new ExecutionEngine({
    broker,
    registry: defaultRegistry,
    journal: parts.execution,
    settings: config,
    namespace: parts.namespace,
    ...(parts.logger ? { logger: parts.logger } : {}),
  });
  const risk = new PortfolioRiskGate({
    settings: config,
    broker,
    engine,
    registry: defaultRegistry,
    rates: STATIC_USD_RATES,
    ...(parts.logger ? { logger: parts.logger } : {}),
    ...(parts.riskState ? { state: parts.riskState } : {}),
    ...(parts.control ? { control: parts.control } : {}),
    ...(parts.onState ? { onState: parts.onState } : {}),
  });
  const feeds = buildFeeds(config, defaultRegistry, market.series, parts.finalize);
  const loop = new TradingLoop({
    broker,
    engine,
    risk: parts.gate ? parts.gate(risk, engine) : risk,
    journal: parts.journal,
    feeds,
    tradeFrom,
    advanceVenue: (t) => broker.replayTo(t),
    // One bar ahead of the close: the order fills at the last bar's open (bar-driven fills).
    weekend: (symbol, at) => weekendInstruction(defaultRegistry.get(symbol), at, config)?.action,
    ...(parts.logger ? { logger: parts.logger } : {}),
  });
  return { broker, engine, risk, loop, feeds };
}

/** Runs the same pipeline on a simulated clock, hour by hour, until its first order. */
export async function firstOrderTime(
  config: Config,
  market: DemoMarket,
  from: number,
): Promise<number | undefined> {
  const clock = new SimulatedClock(from);
  const { loop } = composeDemo(config, market, clock, from, {
    journal: new NullSignalJournal(),
    execution: new MemoryExecutionJournal(),
    namespace: 'scan',
  });
  const until = Math.min(market.end, from + SCAN_MS);
  for (let t = from; t <= until; t += 3_600_000) {
    await clock.advanceTo(t);
    if ((await loop.step(t)).opened > 0) return t;
  }
  return undefined;
}

class NullSignalJournal implements SignalJournal {
  candidate(): void {}
  denied(): void {}
  traded(): void {}
  async flush(): Promise<void> {}
}
