// `divbot run --mode paper` (SPEC §1, §11, §17): the live loop on the real clock against the
// venues' demo accounts — or, with PAPER_EXECUTION=simulated, real data with orders to the
// SimulatedBroker. The store is DATABASE_URL or the embedded one in VAR_DIR/db; on every start
// the engine is restored from it and reconciled with the venues (in-flight orders queried, never
// re-sent), the history is back-filled from the venues to warm the indicators, and trading
// continues from the first bar that closes after the start: nothing stale is traded late.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { refreshRegistryRetrying } from '../../brokers/registry-refresh.js';
import { RoutingBroker } from '../../brokers/routing-broker.js';
import { SimulatedBroker, VenueLog } from '../../brokers/simulated/index.js';
import { brokerSetting, instrumentSelection } from '../../config/index.js';
import type { Config } from '../../config/schema.js';
import { fromBook, InstrumentControls, toBook } from '../../control/index.js';
import type { Broker } from '../../domain/broker.js';
import type { Clock } from '../../domain/clock.js';
import { defaultRegistry, STATIC_USD_RATES } from '../../domain/instruments/index.js';
import type { InstrumentRegistry } from '../../domain/instruments/registry.js';
import { ExecutionEngine } from '../../execution/execution-engine.js';
import { reconcile } from '../../execution/reconcile.js';
import { ClaudeReviewer } from '../../llm/claude-reviewer.js';
import type { Logger } from '../../logging/logger.js';
import { buildFeeds } from '../../pipeline/feeds.js';
import { llmFinalizer } from '../../pipeline/review.js';
import { PortfolioRiskGate } from '../../pipeline/risk-gate.js';
import { TradingLoop } from '../../pipeline/trading-loop.js';
import type { RiskBookState } from '../../risk/breaker-state.js';
import { weekendInstruction } from '../../risk/weekend.js';
import { StoreExecutionJournal } from '../../store/execution-journal-repo.js';
import { loadExecution } from '../../store/execution-restore-repo.js';
import {
  acquireInstanceLock,
  getDemoRun,
  getRiskState,
  markDemoProgress,
  openStore,
  putDemoRun,
  putRiskState,
  type Store,
} from '../../store/index.js';
import { StoreSignalJournal } from '../demo/store-signal-journal.js';
import type { CloseStep } from '../shutdown.js';
import { SimulatedExecution } from './simulated-execution.js';
import { buildVenues, type VenueTuning } from './venues.js';

/** The back-fill: EMA200 on 4h needs 200 4h bars (SPEC §3); FX weekends and stock nights stretch it. */
export const BACKFILL_MS = 60 * 86_400_000;

export interface PaperSessionOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  /** The registry to start from (refreshed from the venues at start-up); the default registry otherwise. */
  readonly registry?: InstrumentRegistry;
  readonly tuning?: VenueTuning;
}

export type PaperSession = Awaited<ReturnType<typeof openPaperSession>>;

export async function openPaperSession(o: PaperSessionOptions) {
  const { config, logger, clock } = o;
  let registry = o.registry ?? defaultRegistry;
  const select = () => registry.select(instrumentSelection(config));
  let instruments = select();
  let venues = buildVenues(config, registry, instruments, clock, o.tuning);
  // SPEC §2: precision, steps and minimums as each venue has them today; the adapters are
  // rebuilt on the refreshed registry, which everything downstream then uses.
  try {
    const refreshed = await refreshRegistryRetrying(
      registry,
      venues,
      instruments.map((i) => i.id),
      {
        onRetry: (err, attempt, waitMs) =>
          logger.warn(
            { err, attempt, wait_ms: waitMs },
            'registry refresh: a venue did not answer; asking again',
          ),
      },
    );
    for (const c of refreshed.changes)
      logger.info(
        { symbol: c.symbol, field: c.field, from: c.from, to: c.to },
        'instrument refreshed from the venue',
      );
    registry = refreshed.registry;
  } finally {
    await Promise.all(Object.values(venues).map((v) => v?.close()));
  }
  instruments = select();
  venues = buildVenues(config, registry, instruments, clock, o.tuning);
  const data = new RoutingBroker({
    venues,
    registry,
    baseCurrency: config.BASE_CURRENCY,
    rates: STATIC_USD_RATES,
  });
  const undo: Array<() => unknown> = [() => data.close()];
  try {
    const store = await openPaperStore(config, config.MODE, logger);
    undo.push(
      () => store.lock.release(),
      () => store.store.close(),
    );
    return await compose(o, registry, instruments, data, store.store, store.closeSteps, undo);
  } catch (e) {
    for (const step of undo.reverse()) await step();
    throw e;
  }
}

async function compose(
  o: PaperSessionOptions,
  registry: InstrumentRegistry,
  instruments: ReturnType<InstrumentRegistry['select']>,
  data: RoutingBroker,
  store: Store,
  storeSteps: CloseStep[],
  undo: Array<() => unknown>,
) {
  const { config, logger, clock } = o;
  const accountKey = config.MODE;
  const now = clock.now();
  const prior = await getDemoRun(store);
  // The client-id namespace lives as long as the store: a fresh store must not reuse an id a
  // venue still knows from an earlier one.
  const runId = prior?.runId ?? `${config.MODE}-${now}`;
  if (!prior)
    await putDemoRun(store, {
      runId,
      startedAt: now,
      processedTo: now,
      finishedAt: null,
      dataStart: now,
      dataEnd: now,
    });

  const simulated = config.PAPER_EXECUTION === 'simulated' && config.MODE === 'paper';
  let broker: Broker = data;
  let advanceVenue: ((t: number) => void) | undefined;
  const closeSteps: CloseStep[] = [];
  if (simulated) {
    const dir = resolve(config.VAR_DIR, 'paper');
    mkdirSync(dir, { recursive: true });
    const params = {
      accountCurrency: 'USD' as const,
      startingCash: config.STARTING_EQUITY,
      limitEntryBars: config.LIMIT_ENTRY_BARS,
    };
    const log = VenueLog.open(join(dir, 'venue.jsonl'), params);
    undo.push(() => log.close());
    closeSteps.push({ name: 'venue log', close: () => log.close() });
    const venue = new SimulatedBroker({ clock, registry, ...params, journal: log });
    venue.replay(log.ops);
    const execution = new SimulatedExecution(data, venue);
    for (const op of log.ops)
      if (op.op === 'bars') for (const { symbol, bar } of op.bars) execution.fedUntil(symbol, bar.time);
    broker = execution;
    advanceVenue = (t) => execution.advanceTo(t);
  }

  const savedState = toBook(await getRiskState(store, accountKey));
  const controls = await InstrumentControls.load(store);
  let saving: Promise<void> = Promise.resolve();
  const saveState = (s: RiskBookState): Promise<void> => {
    saving = saving
      .then(() => putRiskState(store, fromBook(accountKey, s, s.updatedAt ?? 0)))
      .catch((err: unknown) => logger.error({ err }, 'could not save the trading state'));
    return saving;
  };
  const execution = new StoreExecutionJournal(store);
  const journal = new StoreSignalJournal(
    store,
    runId,
    config.MODE,
    config.SETUP_TTL_BARS * 4 * 3_600_000,
    (id) => execution.rowOf(id),
  );
  const engine = new ExecutionEngine({
    broker,
    registry,
    journal: execution,
    settings: config,
    namespace: runId,
    logger,
  });
  const risk = new PortfolioRiskGate({
    settings: config,
    broker,
    engine,
    registry,
    rates: STATIC_USD_RATES,
    logger,
    state: savedState,
    control: controls.control,
    onState: saveState,
    ...(simulated ? {} : { balances: () => data.fetchBalances() }),
  });
  const reviewer =
    config.LLM_MODE !== 'off' ? new ClaudeReviewer({ settings: config, clock, store, logger }) : undefined;
  const finalize =
    reviewer !== undefined && config.LLM_MODE !== 'off'
      ? llmFinalizer(reviewer, {
          mode: config.LLM_MODE,
          llmFailure: config.LLM_FAILURE,
          minConfidence: (c) => brokerSetting(config, 'MIN_CONFIDENCE', registry.get(c.symbol ?? '').broker),
        })
      : undefined;
  const feeds = buildFeeds(
    config,
    registry,
    instruments.map((i) => ({ symbol: i.id, timeframe: '1h' as const, candles: [] })),
    finalize,
  );
  const loop = new TradingLoop({
    broker,
    engine,
    risk,
    journal,
    feeds,
    tradeFrom: now,
    backfillFrom: now - BACKFILL_MS,
    ...(advanceVenue ? { advanceVenue } : {}),
    weekend: (symbol, at) => weekendInstruction(registry.get(symbol), at, config)?.action,
    logger,
  });

  // Restore and reconcile before anything new is decided (SPEC §10).
  const stored = await loadExecution(store);
  if (stored.mismatches.length > 0)
    logger.error({ mismatches: stored.mismatches }, 'the store disagrees with itself: check these orders');
  execution.remember(stored.orderIds, stored.positionIds);
  engine.restore(stored);
  const report = await reconcile(engine, now, {
    broker,
    brokerId: (v) => registry.get(v.symbol).broker,
    adopt: config.RECONCILE_ADOPT,
  });
  for (const v of report.flagged)
    logger.error({ ref: v.ref, symbol: v.symbol }, 'a venue position this store does not know: not managed');
  risk.restore();
  logger.info(
    {
      run: runId,
      mode: config.MODE,
      execution: simulated ? 'simulated' : 'venue',
      venues: data.venues.map(([id]) => id),
      instruments: feeds.length,
      orders_checked: report.ordersChecked,
      orders_changed: report.ordersChanged.length,
      open_positions: engine.active().length,
    },
    'reconciled with the venues',
  );
  if (savedState.state !== 'ACTIVE')
    logger.warn({ state: savedState.state, reason: savedState.reason }, `starting in ${savedState.state}`);

  return {
    config,
    registry,
    clock,
    store,
    data,
    broker,
    engine,
    risk,
    loop,
    feeds,
    journal,
    controls,
    runId,
    accountKey,
    advanceVenue,
    reviewer,
    closeSteps: [
      { name: 'venues', close: () => broker.close() },
      ...closeSteps,
      { name: 'trading state', close: () => saving },
      ...storeSteps,
    ],
    saveState: () => saveState(risk.tradingState),
    progress: (t: number) => markDemoProgress(store, runId, t),
  };
}

async function openPaperStore(config: Config, accountKey: string, logger: Logger) {
  const dataDir = resolve(config.VAR_DIR, 'db');
  if (!config.DATABASE_URL) mkdirSync(dataDir, { recursive: true });
  const store = await openStore(
    config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL, dataDir } : { dataDir },
  );
  try {
    const lock = await acquireInstanceLock(store, { accountKey });
    if (lock.warning) logger.warn(lock.warning);
    try {
      await store.migrate();
    } catch (e) {
      await lock.release();
      throw e;
    }
    const closeSteps: CloseStep[] = [
      { name: 'lock', close: () => lock.release() },
      { name: 'store', close: () => store.close() },
    ];
    return { store, lock, closeSteps };
  } catch (e) {
    await store.close();
    throw e;
  }
}
