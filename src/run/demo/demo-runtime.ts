// `divbot run` in dev mode (SPEC §1): the live loop against the SimulatedBroker over the bundled
// market data, on an accelerated clock, with a fresh embedded database each run (--resume keeps it).
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SimulatedBroker } from '../../brokers/simulated/index.js';
import { AcceleratedClock } from '../../clock/accelerated-clock.js';
import { SimulatedClock } from '../../clock/simulated-clock.js';
import { brokerSetting } from '../../config/index.js';
import type { Config } from '../../config/schema.js';
import {
  fromBook,
  InstrumentControls,
  LiveControl,
  loopbackUrl,
  toBook,
  tokenFilePath,
} from '../../control/index.js';
import type { LocalApi } from '../../control/local-api.js';
import type { Clock } from '../../domain/clock.js';
import type { SymbolId } from '../../domain/ids.js';
import { convert, defaultRegistry, STATIC_USD_RATES } from '../../domain/instruments/index.js';
import { ExecutionEngine } from '../../execution/execution-engine.js';
import { type ExecutionJournal, MemoryExecutionJournal } from '../../execution/execution-journal.js';
import type { ManagedPosition } from '../../execution/managed-position.js';
import { netPnl } from '../../execution/managed-position.js';
import { ClaudeReviewer } from '../../llm/claude-reviewer.js';
import type { Logger } from '../../logging/logger.js';
import { trackOutcomes } from '../../outcomes/tracker.js';
import { buildFeeds } from '../../pipeline/feeds.js';
import { type Finalizer, llmFinalizer } from '../../pipeline/review.js';
import { PortfolioRiskGate } from '../../pipeline/risk-gate.js';
import { type SignalJournal, TradingLoop } from '../../pipeline/trading-loop.js';
import type { RiskBookState } from '../../risk/breaker-state.js';
import type { InstrumentControl } from '../../risk/limits.js';
import { weekendInstruction } from '../../risk/weekend.js';
import { DEFAULT_SCHEDULES } from '../../scheduler/jobs.js';
import { type JobDefinition, Scheduler } from '../../scheduler/scheduler.js';
import { StoreExecutionJournal } from '../../store/execution-journal-repo.js';
import {
  acquireInstanceLock,
  getRiskState,
  openStore,
  putRiskState,
  recordJobRun,
} from '../../store/index.js';
import { recordSnapshot } from '../../store/snapshots-repo.js';
import type { HttpServer } from '../../web/server.js';
import type { CloseStep } from '../shutdown.js';
import { type DemoMarket, loadDemoMarket } from './demo-data.js';
import { StoreSignalJournal } from './store-signal-journal.js';

/** Back-fill before the first traded bar: EMA200 on 4h needs 200 bars (SPEC §3), about 34 days. */
const WARMUP_MS = 40 * 86_400_000;
/** How long before its first order the replay starts. */
const LEAD_MS = 3 * 3_600_000;
/** How far ahead the start-up scan looks for that first order. */
const SCAN_MS = 365 * 86_400_000;

export interface DemoOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly server: HttpServer;
  /** Opened once the demo runs (token file VAR_DIR/demo/local-api.token), closed on shutdown. */
  readonly localApi?: LocalApi;
  readonly resume: boolean;
}

/** The demo's risk_state row and audit account. */
const ACCOUNT_KEY = 'demo';

export interface DemoRuntime {
  readonly closeSteps: readonly CloseStep[];
  readonly finished: Promise<void>;
}

export async function startDemo(o: DemoOptions): Promise<DemoRuntime> {
  const { config, logger } = o;
  const dataDir = demoDataDir(config.DATA_DIR);
  const storeDir = resolve(config.VAR_DIR, 'demo');
  if (!o.resume && existsSync(storeDir)) rmSync(storeDir, { recursive: true, force: true });
  const store = await openStore({ dataDir: storeDir });
  const lock = await acquireInstanceLock(store, { accountKey: ACCOUNT_KEY });
  if (lock.warning) logger.warn(lock.warning);
  await store.migrate();
  // The trading state and instrument control survive a restart with --resume (a fresh demo store
  // starts ACTIVE with every instrument enabled); every change of state is saved, in order.
  const savedState = toBook(await getRiskState(store, ACCOUNT_KEY));
  const controls = await InstrumentControls.load(store);
  let saving: Promise<void> = Promise.resolve();
  const saveState = (s: RiskBookState): Promise<void> => {
    saving = saving
      .then(() => putRiskState(store, fromBook(ACCOUNT_KEY, s, s.updatedAt ?? 0)))
      .catch((err: unknown) => logger.error({ err }, 'could not save the trading state'));
    return saving;
  };

  const market = await loadDemoMarket(dataDir);
  const first = await firstOrderTime(config, market, market.start + WARMUP_MS);
  // Presentation only: the replay starts a few simulated hours before its first order, so a
  // newcomer sees one within seconds. Every decision is still made bar by bar from the past.
  const start = Math.max(market.start + WARMUP_MS, (first ?? market.start) - LEAD_MS);
  const clock = new AcceleratedClock(start, config.DEMO_SPEED);
  const runId = `demo-${start}`;
  const journal = new StoreSignalJournal(store, runId, 'dev', config.SETUP_TTL_BARS * 4 * 3_600_000);
  const finalize =
    config.LLM_MODE !== 'off'
      ? llmFinalizer(new ClaudeReviewer({ settings: config, clock, store, logger }), {
          mode: config.LLM_MODE,
          llmFailure: config.LLM_FAILURE,
          minConfidence: (c) =>
            brokerSetting(config, 'MIN_CONFIDENCE', defaultRegistry.get(c.symbol ?? '').broker),
        })
      : undefined;
  if (config.LLM_MODE === 'detect')
    logger.warn('LLM_MODE=detect is not built yet: candidates are not sent to Claude');
  const { broker, engine, risk, loop, feeds } = composeDemo(config, market, clock, start, {
    ...(finalize ? { finalize } : {}),
    journal,
    execution: new StoreExecutionJournal(store),
    namespace: runId,
    logger,
    riskState: savedState,
    control: controls.control,
    onState: saveState,
  });
  if (savedState.state !== 'ACTIVE')
    logger.warn({ state: savedState.state, reason: savedState.reason }, `resuming in ${savedState.state}`);
  const control = new LiveControl({
    store,
    accountKey: ACCOUNT_KEY,
    config,
    now: () => clock.now(),
    gate: risk,
    equity: async () => {
      const b = await broker.fetchBalance();
      return convert(b.equity, b.currency, config.BASE_CURRENCY, STATIC_USD_RATES);
    },
    closeSymbol: (symbol, at) => engine.closeSymbol(symbol, 'manual', at),
    controls,
  });

  let resolveFinished: () => void = () => {};
  const finished = new Promise<void>((r) => {
    resolveFinished = r;
  });
  let ended = false;
  const jobs: JobDefinition[] = [
    {
      name: 'analysis',
      schedule: DEFAULT_SCHEDULES.analysis,
      run: async (ctx) => {
        if (ended) return;
        const now = Math.min(ctx.clock.now(), market.end);
        const r = await loop.step(now);
        if (r.opened > 0) logger.info({ opened: r.opened, at: new Date(now).toISOString() }, 'orders placed');
        if (now >= market.end) {
          ended = true;
          await finish();
        }
      },
    },
    {
      name: 'monitor',
      schedule: DEFAULT_SCHEDULES.monitor,
      run: async (ctx) => {
        if (ended) return;
        const now = Math.min(ctx.clock.now(), market.end);
        broker.replayTo(now);
        await engine.sync(now);
        await risk.onSynced(now);
      },
    },
    {
      name: 'snapshot',
      schedule: DEFAULT_SCHEDULES.snapshot,
      run: async (ctx) => {
        const b = await broker.fetchBalance();
        const positions = await broker.fetchPositions();
        const openRisk = engine
          .active()
          .reduce(
            (sum, p) =>
              sum + Math.max(0, (p.signal.entry - p.stop) * (p.direction === 'long' ? 1 : -1)) * openQty(p),
            0,
          );
        await recordSnapshot(store, {
          at: Math.min(ctx.clock.now(), market.end),
          currency: b.currency,
          equity: b.equity,
          balance: b.available,
          unrealizedPnl: b.equity - b.available,
          openRisk,
          state: risk.tradingState.state,
          brokers: { simulated: { equity: b.equity, available: b.available, positions: positions.length } },
        });
      },
    },
    {
      name: 'outcomes',
      schedule: DEFAULT_SCHEDULES.outcomes,
      run: async (ctx) => {
        await trackOutcomes(store, broker, runId, Math.min(ctx.clock.now(), market.end));
      },
    },
  ];
  const scheduler = new Scheduler({
    clock,
    jobs,
    sink: { record: (run) => recordJobRun(store, { ...run, error: run.error ?? null }).then(() => {}) },
    onError: (job, err) => logger.error({ job, err }, 'job failed'),
  });
  for (const job of jobs) {
    o.server.health.register(`job:${job.name}`, () => {
      const s = scheduler.status().find((j) => j.name === job.name)!;
      const status = s.freshness === 'stale' ? 'fail' : s.freshness === 'fresh' ? 'ok' : s.freshness;
      return { status, data: { freshness: s.freshness, last_status: s.lastRun?.status ?? null } };
    });
  }
  o.server.health.register('store', async () => ({ status: 'ok', detail: store.description }));

  async function finish(): Promise<void> {
    const open = engine.active().length;
    const closed = engine.all().filter((p) => p.status === 'closed');
    const wins = closed.filter((p) => netPnl(p) > 0).length;
    const balance = await broker.fetchBalance();
    logger.info(
      {
        trades: closed.length,
        wins,
        open_at_end: open,
        equity: Math.round(balance.equity * 100) / 100,
        candidates: journal.counts.candidates,
        accepted: journal.counts.accepted,
        denied: journal.counts.denied,
      },
      `demo finished: the bundled data ends here (${closed.length} trades, ${wins} winners, equity ${balance.equity.toFixed(2)} USD)`,
    );
    resolveFinished();
    void scheduler.stop({ finished: true });
  }

  // Back-fill before the clock runs: history up to the start warms every indicator (SPEC §3).
  await loop.step(start);
  clock.rebase(start);
  scheduler.start();
  if (o.localApi) {
    const tokenPath = tokenFilePath(config.VAR_DIR, true);
    o.localApi.open(control, tokenPath, loopbackUrl(o.server.url));
    logger.info({ token_file: tokenPath }, 'local API open for the CLI');
  }
  logger.info(
    {
      from: new Date(start).toISOString(),
      to: new Date(market.end).toISOString(),
      speed: config.DEMO_SPEED,
      instruments: feeds.length,
    },
    'demo started: replaying the bundled market data',
  );
  return {
    finished,
    closeSteps: [
      { name: 'store', close: () => store.close() },
      { name: 'lock', close: () => lock.release() },
      { name: 'trading state', close: () => saving },
      { name: 'scheduler', close: () => scheduler.stop() },
      { name: 'local API', close: async () => o.localApi?.close() },
    ],
  };
}

// `./data` relative to where divbot was started, else the data bundled with the package.
function demoDataDir(configured: string): string {
  const dir = resolve(configured);
  if (existsSync(dir)) return dir;
  return fileURLToPath(new URL('../../../data/', import.meta.url));
}

interface DemoParts {
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
    accountCurrency: 'USD',
    startingCash: config.STARTING_EQUITY,
    limitEntryBars: config.LIMIT_ENTRY_BARS,
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
    risk,
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
async function firstOrderTime(config: Config, market: DemoMarket, from: number): Promise<number | undefined> {
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

/** Units still open in a position (both tickets). */
function openQty(p: ManagedPosition): number {
  return p.tickets.reduce((sum, t) => sum + (t.open ? t.filledQty - t.closedQty : 0), 0);
}
