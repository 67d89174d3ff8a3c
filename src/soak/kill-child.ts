// The soak's SIGKILL child (kill-restart.ts spawns the compiled dist/ copy): a paper session on the
// parent's store and fake venues that restores, reconciles and runs the hours the parent revealed,
// printing where it is, until the parent kills it with SIGKILL somewhere on the way.
//
// Environment: SOAK_CHILD_ENV (the configuration variables, JSON), SOAK_CHILD_FROM and
// SOAK_CHILD_TO (simulated ms: the session opens at FROM and runs the bars closed by TO).
import { SimulatedClock } from '../clock/simulated-clock.js';
import { loadConfig } from '../config/load.js';
import { createLogger } from '../logging/logger.js';
import { openPaperSession } from '../run/paper/paper-session.js';
import { closeAll } from '../run/shutdown.js';
import { SOAK_VENUES } from './tuning.js';

async function main(): Promise<void> {
  const env = JSON.parse(process.env.SOAK_CHILD_ENV ?? '{}') as Record<string, string>;
  const from = Number(process.env.SOAK_CHILD_FROM);
  const to = Number(process.env.SOAK_CHILD_TO);
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new Error('SOAK_CHILD_FROM/TO are not set');
  const logger = createLogger({ level: 'silent' });
  const clock = new SimulatedClock(from);
  const mark = (what: string) => process.stdout.write(`${what}\n`);
  mark('opening');
  const session = await openPaperSession({ config: loadConfig(env), logger, clock, tuning: SOAK_VENUES });
  mark('ready');
  await clock.advanceTo(to);
  // As the scheduler does: a job a venue fault fails is recorded, and the next one runs.
  const job = async (name: string, run: () => Promise<unknown>) => {
    try {
      await run();
      mark(name);
    } catch (e) {
      mark(`${name} failed: ${e instanceof Error ? e.constructor.name : typeof e}`);
    }
  };
  await job('analysed', () => session.loop.step(to));
  await job('synced', async () => {
    await session.engine.sync(to);
    await session.risk.onSynced(to);
    await session.saveState();
  });
  await closeAll(logger, session.closeSteps);
  mark('done');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
