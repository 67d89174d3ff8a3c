// The soak (issue #12): the paper loop — openPaperSession and its scheduled jobs, hour by hour on
// a simulated clock the fake venues share — over a simulated year of the bundled data, with
// random seeded faults at the venues and restarts (graceful, and SIGKILL of a child process), and
// the invariants of checks.ts after every hour a fault was served and after every restart.
// Faults legitimately surface as failed jobs; what must never happen is a duplicate order, a lost
// or orphaned position, an inconsistent store or a wrong breaker state.
import { mkdirSync } from 'node:fs';
import { startFakeMarket } from '../brokers/fake-market/fake-market.js';
import { SimulatedClock } from '../clock/simulated-clock.js';
import { HOUR_MS } from '../domain/timeframe.js';
import type { Logger } from '../logging/logger.js';
import { openPaperSession, type PaperSession } from '../run/paper/paper-session.js';
import { closeAll } from '../run/shutdown.js';
import { playPerson } from './breakers.js';
import { checkInvariants } from './checks.js';
import { FaultPlan } from './fault-plan.js';
import { runHour } from './hour.js';
import { killRestart } from './kill-restart.js';
import { seededRandom } from './random.js';
import { scriptedEntry } from './scripted.js';
import { SOAK_START, soakConfig, soakEnv, soakTimeline } from './soak-config.js';
import { emptySummary, type SoakSummary, tally } from './soak-summary.js';
import { SOAK_VENUES } from './tuning.js';
import { venueOrders } from './venue-orders.js';

/** Hours the SIGKILL child trades before it is killed. */
const KILL_HOURS = 4;

export interface SoakOptions {
  readonly dataDir: string;
  /** VAR_DIR of the paper sessions (their embedded store). */
  readonly workDir: string;
  readonly seed: number;
  /** Simulated hours to run at most (a year: 8760). */
  readonly hours: number;
  /** Wall-clock budget in ms: the run stops at the first hour past it. */
  readonly budgetMs: number;
  /** Faults armed per hour (on average). */
  readonly faultsPerHour: number;
  /** A graceful restart every this many hours. */
  readonly restartEveryHours: number;
  /** SIGKILL restarts (a child process on the same store), spread over the run. */
  readonly kills: number;
  /** Chance per hour of a scripted entry (scripted.ts) besides the pipeline's own. */
  readonly scriptedPerHour: number;
  readonly logger: Logger;
  /** Wall time (ms) for the budget and the summary: the harness's, never the pipeline's. */
  readonly wallClock: () => number;
  readonly onHour?: (hour: number, summary: SoakSummary) => void;
}

export async function runSoak(o: SoakOptions): Promise<SoakSummary> {
  const started = o.wallClock();
  const random = seededRandom(o.seed);
  const timeline = await soakTimeline(o.dataDir);
  const market = await startFakeMarket(timeline.series, SOAK_START);
  const clock = new SimulatedClock(SOAK_START);
  mkdirSync(o.workDir, { recursive: true });
  const env = soakEnv(market, o.workDir);
  const config = soakConfig(env);
  const plan = new FaultPlan(market, random);
  const summary = emptySummary(o.seed, SOAK_START);
  summary.requestedHours = o.hours;
  const open = () => openPaperSession({ config, logger: o.logger, clock, tuning: SOAK_VENUES });
  let session: PaperSession | undefined = await open();
  const killAt = new Set(
    Array.from({ length: o.kills }, (_, i) => Math.floor(((i + 1) * o.hours) / (o.kills + 1))),
  );
  const inFlight = new Map<string, number>();
  try {
    const check = async (why: string) => {
      plan.disarm();
      const s = session!;
      await settle(s, clock.now(), summary);
      const r = await checkInvariants(s, market, inFlight);
      summary.checks.run++;
      summary.checks.last = {
        at: iso(clock.now()),
        orders: r.orders,
        openTickets: r.openTickets,
        venuePositions: r.venuePositions,
      };
      for (const v of r.violations)
        if (summary.checks.violations.length < 200)
          summary.checks.violations.push({ at: iso(clock.now()), after: why, violation: v });
      summary.checks.failed += r.violations.length;
      plan.rearm();
    };
    await check('start');
    for (let h = 1; h <= o.hours; h++) {
      if (o.wallClock() - started > o.budgetMs) {
        summary.stoppedBy = 'budget';
        break;
      }
      const t = SOAK_START + h * HOUR_MS;
      const served = plan.served.length;
      plan.arm(poisson(random.next, o.faultsPerHour));
      await runHour(session, clock, market, t, summary);
      await playPerson(session, t, summary);
      if (random.chance(o.scriptedPerHour)) await scriptedEntry(session, t, random, summary);
      if (plan.served.length > served) await check(`${plan.served.length - served} fault(s)`);
      if (killAt.has(h)) {
        await closeAll(o.logger, session.closeSteps);
        session = undefined;
        summary.restarts.kills.push(
          await killRestart({ env, market, clock, plan, hours: KILL_HOURS, random }),
        );
        h += KILL_HOURS;
        session = await reopen(open, plan, random, summary);
        summary.restarts.sigkill++;
        await check('SIGKILL restart');
      } else if (h % o.restartEveryHours === 0) {
        plan.disarm();
        await settle(session, t, summary);
        const before = snapshot(session);
        await closeAll(o.logger, session.closeSteps);
        session = undefined;
        session = await reopen(open, plan, random, summary);
        summary.restarts.graceful++;
        const after = snapshot(session);
        if (after !== before)
          summary.checks.violations.push({
            at: iso(t),
            after: 'restart',
            violation: `restored state differs: ${before} → ${after}`,
          });
        await check('restart');
      }
      summary.hours = h;
      o.onHour?.(h, summary);
    }
    await check('end');
  } finally {
    if (session) {
      summary.trades = tally(session);
      await closeAll(o.logger, session.closeSteps);
    }
    summary.faults = {
      armed: plan.armed,
      served: plan.served.length,
      orderPath: plan.served.filter((f) => f.orderPath).length,
      byKind: plan.byKind(),
    };
    summary.venueOrders = venueOrders(market).clientIds;
    summary.simulated.to = iso(clock.now());
    summary.wallSeconds = Math.round((o.wallClock() - started) / 100) / 10;
    await market.close();
  }
  return summary;
}

/** The engine synced with nothing armed (retried: an answer held back may still be on its way). */
async function settle(s: PaperSession, t: number, summary: SoakSummary): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await s.engine.sync(t);
      await s.risk.onSynced(t);
      await s.saveState();
      return;
    } catch (e) {
      if (attempt >= 5) throw new Error(`the engine could not sync with every fault disarmed: ${String(e)}`);
      summary.checks.resyncs++;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

/** A restart, sometimes with faults armed while it starts: a failed start is retried, as a supervisor does. */
async function reopen(
  open: () => Promise<PaperSession>,
  plan: FaultPlan,
  random: ReturnType<typeof seededRandom>,
  summary: SoakSummary,
): Promise<PaperSession> {
  if (random.chance(0.5)) plan.arm(2);
  for (let attempt = 1; ; attempt++) {
    try {
      const s = await open();
      plan.disarm();
      return s;
    } catch (e) {
      summary.restarts.failedStarts++;
      if (attempt >= 3) plan.disarm();
      if (attempt >= 6) throw e;
    }
  }
}

/** What a restart must bring back: every position's status and the trading state. */
function snapshot(s: PaperSession): string {
  const positions = s.engine
    .all()
    .map((p) => `${p.id}:${p.status}`)
    .sort();
  const r = s.risk.tradingState;
  return JSON.stringify({ positions, state: r.state, losses: r.consecutiveLosses });
}

/** Knuth's Poisson draw: `mean` faults an hour on average, some hours none, some several. */
function poisson(next: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = next(); p > limit; p *= next()) k++;
  return k;
}

export const iso = (t: number) => `${new Date(t).toISOString().slice(0, 19)}Z`;
