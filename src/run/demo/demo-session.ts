// One demo's state (SPEC §1): a fresh demo store each run, or with --resume the last one continued
// where it stopped — the simulated venue rebuilt from its log, the execution engine restored from
// the store and reconciled against it, the same run id (client order ids stay deterministic and
// unique), the trading state and instrument control as stored, and the replay picking up after
// the last bar it processed, its indicators warmed on the history before with nothing traded.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { opTime, VenueLog } from '../../brokers/simulated/index.js';
import { brokerSetting, instrumentSelection } from '../../config/index.js';
import type { Config } from '../../config/schema.js';
import { fromBook, InstrumentControls, toBook } from '../../control/index.js';
import type { Clock } from '../../domain/clock.js';
import { FatalError } from '../../domain/errors.js';
import { defaultRegistry } from '../../domain/instruments/index.js';
import { type ExecutionEngine, positionIdOf } from '../../execution/execution-engine.js';
import { type ReconcileReport, reconcile } from '../../execution/reconcile.js';
import { ClaudeReviewer } from '../../llm/claude-reviewer.js';
import type { Logger } from '../../logging/logger.js';
import { llmFinalizer } from '../../pipeline/review.js';
import type { RiskGate } from '../../pipeline/trading-loop.js';
import type { RiskBookState } from '../../risk/breaker-state.js';
import { StoreExecutionJournal } from '../../store/execution-journal-repo.js';
import { loadExecution } from '../../store/execution-restore-repo.js';
import {
  acquireInstanceLock,
  type DemoRun,
  getDemoRun,
  getRiskState,
  markDemoFinished,
  markDemoProgress,
  openStore,
  putDemoRun,
  putRiskState,
  type Store,
  signalCounts,
} from '../../store/index.js';
import type { InstanceLock } from '../../store/lock.js';
import { acquireLockFile } from '../../store/lock-file.js';
import type { CloseStep } from '../shutdown.js';
import { composeDemo, firstOrderTime, venueParams } from './demo-compose.js';
import { type DemoMarket, loadDemoMarket } from './demo-data.js';
import { StoreSignalJournal } from './store-signal-journal.js';

/** Back-fill before the first traded bar: EMA200 on 4h needs 200 bars (SPEC §3), about 34 days. */
const WARMUP_MS = 40 * 86_400_000;
/** How long before its first order the replay starts. */
const LEAD_MS = 3 * 3_600_000;
/** The demo's risk_state row and audit account. */
export const ACCOUNT_KEY = 'demo';
export const VENUE_LOG_FILE = 'venue.jsonl';

export interface DemoSessionOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** VAR_DIR/demo: the embedded store, its lock file and the venue log. */
  readonly dir: string;
  readonly dataDir: string;
  readonly resume: boolean;
  /** The clock the demo runs on, starting at `from`; it must not move before the caller starts it. */
  readonly clock: (from: number) => Clock;
}

export type DemoSession = Awaited<ReturnType<typeof openSession>>;

export async function openDemoSession(o: DemoSessionOptions): Promise<DemoSession> {
  const by = o.config.SYMBOLS === undefined ? 'BROKERS' : 'SYMBOLS';
  const market = await loadDemoMarket(o.dataDir, selectedSymbols(o.config), by);
  const opened = await openDemoStore(o.dir, o.resume, o.logger);
  const undo: Array<() => unknown> = [() => opened.store.close(), () => opened.lock.release()];
  try {
    return await openSession(o, market, opened, undo);
  } catch (e) {
    // A demo that cannot start leaves its store closed and unlocked.
    for (const step of undo.reverse()) await step();
    throw e;
  }
}

async function openSession(
  o: DemoSessionOptions,
  market: DemoMarket,
  { store, lock, prior }: { store: Store; lock: InstanceLock; prior: DemoRun | undefined },
  undo: Array<() => unknown>,
) {
  const { config, logger } = o;
  const stored = prior ? await loadExecution(store) : undefined;
  if (stored && stored.mismatches.length > 0)
    throw new FatalError(
      `cannot resume the demo: its store disagrees with itself: ${stored.mismatches.join('; ')}`,
    );
  const left = stored ? [...new Set(stored.orders.map((x) => x.intent.symbol))] : [];
  const missing = left.filter((symbol) => !market.series.some((x) => x.symbol === symbol));
  if (missing.length > 0)
    throw new FatalError(
      `cannot resume the demo: it traded ${missing.join(', ')}, which BROKERS/SYMBOLS now leave out; run without --resume`,
    );
  if (prior) checkSameData(prior, market, o.dir);
  const logPath = join(o.dir, VENUE_LOG_FILE);
  if (stored && stored.orders.length > 0 && !existsSync(logPath))
    throw new FatalError(
      `cannot resume the demo: ${logPath} is missing, so the simulated venue's orders are unknown; run without --resume`,
    );
  const venue = VenueLog.open(logPath, venueParams(config));
  undo.push(() => venue.close());

  // The trading state and instrument control come from the store (a fresh one: ACTIVE, all
  // enabled); every change of state is saved, in order.
  const savedState = toBook(await getRiskState(store, ACCOUNT_KEY));
  const controls = await InstrumentControls.load(store);
  let saving: Promise<void> = Promise.resolve();
  let savedKey = stateKey(savedState);
  const saveState = (s: RiskBookState): Promise<void> => {
    savedKey = stateKey(s);
    saving = saving
      .then(() => putRiskState(store, fromBook(ACCOUNT_KEY, s, s.updatedAt ?? 0)))
      .catch((err: unknown) => logger.error({ err }, 'could not save the trading state'));
    return saving;
  };

  const start = prior?.startedAt ?? (await replayStart(config, market));
  const runId = prior?.runId ?? `demo-${start}`;
  // Bars closed by tradeFrom went through the pipeline already: they only warm the indicators.
  const tradeFrom = prior?.processedTo ?? start;
  // A change the venue took after the last saved cycle (e.g. a manual close) is not undone.
  const from = venue.ops.reduce((t, op) => Math.max(t, opTime(op)), tradeFrom);
  const clock = o.clock(from);
  const execution = new StoreExecutionJournal(store);
  const journal = new StoreSignalJournal(store, runId, 'dev', config.SETUP_TTL_BARS * 4 * 3_600_000, (id) =>
    execution.rowOf(id),
  );
  const reviewer =
    config.LLM_MODE !== 'off' ? new ClaudeReviewer({ settings: config, clock, store, logger }) : undefined;
  const finalize =
    reviewer !== undefined && config.LLM_MODE !== 'off'
      ? llmFinalizer(reviewer, {
          mode: config.LLM_MODE,
          llmFailure: config.LLM_FAILURE,
          minConfidence: (c) =>
            brokerSetting(config, 'MIN_CONFIDENCE', defaultRegistry.get(c.symbol ?? '').broker),
        })
      : undefined;
  const parts = composeDemo(config, market, clock, tradeFrom, {
    ...(finalize ? { finalize } : {}),
    journal,
    execution,
    namespace: runId,
    logger,
    // Resumed: HALTED until primed below (no breaker leaves HALTED, so priming fires nothing).
    riskState: prior ? { ...savedState, state: 'HALTED' } : savedState,
    control: controls.control,
    onState: saveState,
    venueJournal: venue,
    ...(prior ? { gate: skipOpened } : {}),
  });
  const { broker, engine } = parts;

  if (prior && stored) {
    broker.replay(venue.ops);
    broker.replayTo(from);
    if (stored.unrestorable.length > 0)
      logger.warn(
        { positions: stored.unrestorable },
        'positions stored without engine state are not managed',
      );
    execution.remember(stored.orderIds, stored.positionIds);
    engine.restore(stored);
    // In-flight orders are asked for, never sent again; fills and positions come from the venue.
    // A finished demo trades nothing more and shows its record as it ended: not reconciled with
    // a venue rebuilt from its log (a working entry at the data's end can come back expired).
    const finishedRun = (prior.finishedAt ?? null) !== null;
    const report = finishedRun
      ? emptyReport(from)
      : await reconcile(engine, from, {
          broker,
          brokerId: 'binance', // only used to adopt, which the demo never does
          adopt: false,
        });
    for (const v of report.flagged)
      logger.error(
        { ref: v.ref, symbol: v.symbol },
        'a venue position the demo store does not know: not managed',
      );
    // The gate's trade history (counted closes, stop-out cooldowns, today's entries) comes from
    // the restored positions; then the saved state replaces the HALTED it was held in meanwhile.
    parts.risk.restore();
    await parts.risk.setState(savedState);
    journal.resumeCounts({ ...(await signalCounts(store, runId)), traded: engine.all().length });
    logger.info(
      {
        run: runId,
        processed_to: new Date(tradeFrom).toISOString(),
        orders_checked: report.ordersChecked,
        orders_changed: report.ordersChanged.length,
        changes: report.ordersChanged.map((c) => `${c.clientId}: ${c.from} → ${c.to}`),
        tickets_closed: report.ticketsClosed.map((t) => `${t.positionId} ${t.ticket}`),
        open_positions: engine.active().length,
        venue_changes: venue.ops.length,
      },
      'resuming the demo where it stopped',
    );
  }
  if (savedState.state !== 'ACTIVE')
    logger.warn({ state: savedState.state, reason: savedState.reason }, `resuming in ${savedState.state}`);

  const alreadyFinished = (prior?.finishedAt ?? null) !== null;
  if (!alreadyFinished) {
    // History up to `from` warms every indicator (SPEC §3); bars after tradeFrom trade as usual.
    await parts.loop.step(from);
    await putDemoRun(store, {
      runId,
      startedAt: start,
      processedTo: from,
      finishedAt: null,
      dataStart: market.start,
      dataEnd: market.end,
    });
  }

  const closeSteps: CloseStep[] = [
    { name: 'store', close: () => store.close() },
    { name: 'lock', close: () => lock.release() },
    { name: 'trading state', close: () => saving },
    { name: 'venue log', close: () => venue.close() },
  ];
  return {
    ...parts,
    store,
    clock,
    market,
    runId,
    start,
    from,
    resumed: prior !== undefined,
    alreadyFinished,
    journal,
    controls,
    closeSteps,
    reviewer,
    /**
     * Saves the trading state when it changed: the gate reports only state changes, and a resumed
     * demo needs its equity peak, day start and loss streak too.
     */
    keepRiskState: (): Promise<void> =>
      stateKey(parts.risk.tradingState) === savedKey ? saving : saveState(parts.risk.tradingState),
    /** After each analysis cycle: every bar closed by `now` went through the pipeline. */
    progress: (now: number) => markDemoProgress(store, runId, now),
    markFinished: (at: number) => markDemoFinished(store, runId, at),
  };
}

/**
 * A resumed demo re-analyses the bars after its last saved cycle; a signal it already traded
 * then is not offered to risk again (it would count twice or be journaled as denied).
 */
function skipOpened(risk: RiskGate, engine: ExecutionEngine): RiskGate {
  return {
    evaluate: async (signal, at, setupId) =>
      engine.all().some((p) => p.id === positionIdOf(signal))
        ? { ok: true, tickets: [] }
        : risk.evaluate(signal, at, setupId),
    ...(risk.onSynced ? { onSynced: (at: number) => risk.onSynced!(at) } : {}),
  };
}

/** What a restart needs of the trading state (when it was last touched does not count). */
const stateKey = ({ updatedAt: _, ...s }: RiskBookState): string => JSON.stringify(s);

/** The replay starts a few simulated hours before the first order, so a newcomer sees one soon. */
async function replayStart(config: Config, market: DemoMarket): Promise<number> {
  const first = await firstOrderTime(config, market, market.start + WARMUP_MS);
  // Presentation only: every decision is still made bar by bar from the past.
  return Math.max(market.start + WARMUP_MS, (first ?? market.start) - LEAD_MS);
}

async function openDemoStore(
  dir: string,
  resume: boolean,
  logger: Logger,
): Promise<{ store: Store; lock: InstanceLock; prior: DemoRun | undefined }> {
  const existed = existsSync(dir);
  if (!resume && existed) {
    // Never delete the store of a demo that is running: its lock refuses first.
    await (await acquireLockFile(dir, ACCOUNT_KEY)).release();
    rmSync(dir, { recursive: true, force: true });
  }
  if (resume && !existed) logger.warn(`--resume: no earlier demo in ${dir}: starting a fresh one`);
  const store = await openStore({ dataDir: dir });
  let lock: InstanceLock | undefined;
  try {
    lock = await acquireInstanceLock(store, { accountKey: ACCOUNT_KEY });
    if (lock.warning) logger.warn(lock.warning);
    await store.migrate();
  } catch (e) {
    await lock?.release();
    await store.close();
    throw e;
  }
  const prior = resume && existed ? await getDemoRun(store) : undefined;
  if (resume && existed && prior === undefined) {
    // Stopped before its replay began: nothing traded, nothing to continue.
    logger.warn(`--resume: the demo store in ${dir} holds no demo run yet: starting a fresh one`);
    await lock.release();
    await store.close();
    return openDemoStore(dir, false, logger);
  }
  return { store, lock, prior };
}

/** The instruments `BROKERS`/`SYMBOLS` enable; undefined (every bundled file) when neither is set. */
function selectedSymbols(config: Config): ReadonlySet<string> | undefined {
  if (config.SYMBOLS === undefined && config.BROKERS === undefined) return undefined;
  return new Set(defaultRegistry.select(instrumentSelection(config)).map((i) => i.id));
}

function checkSameData(prior: DemoRun, market: DemoMarket, dir: string): void {
  if (prior.dataStart === market.start && prior.dataEnd === market.end) return;
  const span = (a: number, b: number) => `${new Date(a).toISOString()} – ${new Date(b).toISOString()}`;
  throw new FatalError(
    `cannot resume the demo in ${dir}: it replayed data ${span(prior.dataStart, prior.dataEnd)}, ` +
      `the data now spans ${span(market.start, market.end)}; run without --resume`,
  );
}

function emptyReport(at: number): ReconcileReport {
  return {
    at,
    ordersChecked: 0,
    ordersChanged: [],
    ticketsClosed: [],
    positionsClosed: [],
    unknownPositions: [],
    adopted: [],
    flagged: [],
  };
}
