// A real crash (SPEC §10, §12): the session is handed to a child process on the same store and
// fake venues, the market moves on a few hours, the child trades them with a few faults armed,
// and is killed with SIGKILL at a random moment. The parent then opens the store again (the
// child's lock is stale and taken over) and the soak's checks run on what the child left.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FakeMarket } from '../brokers/fake-market/fake-market.js';
import type { SimulatedClock } from '../clock/simulated-clock.js';
import { HOUR_MS } from '../domain/timeframe.js';
import type { FaultPlan } from './fault-plan.js';
import type { Random } from './random.js';

const CHILD = fileURLToPath(new URL('../../dist/soak/kill-child.js', import.meta.url));

export interface KillReport {
  readonly at: string;
  /** The mark the delay counted from, and the delay. */
  readonly from: string;
  readonly delayMs: number;
  /** The child's last mark before the kill ('done' if it finished first). */
  readonly lastMark: string;
  readonly killed: boolean;
}

export interface KillOptions {
  readonly env: Readonly<Record<string, string>>;
  readonly market: FakeMarket;
  readonly clock: SimulatedClock;
  readonly plan: FaultPlan;
  readonly hours: number;
  readonly random: Random;
}

export async function killRestart(o: KillOptions): Promise<KillReport> {
  if (!existsSync(CHILD)) throw new Error(`${CHILD} is missing: npm run build first`);
  const from = o.clock.now();
  const to = from + o.hours * HOUR_MS;
  o.market.advanceTo(to);
  o.plan.arm(2);
  // Killed while it opens (restore, reconcile, back-fill) or while it trades the hours.
  const from_ = o.random.chance(0.3) ? 'opening' : 'ready';
  const delayMs = o.random.int(from_ === 'opening' ? 1500 : 600);
  const r = await new Promise<{ lastMark: string; killed: boolean; stderr: string; code: number | null }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, [CHILD], {
        env: {
          ...process.env,
          SOAK_CHILD_ENV: JSON.stringify(o.env),
          SOAK_CHILD_FROM: String(from),
          SOAK_CHILD_TO: String(to),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let lastMark = '(not started)';
      let stderr = '';
      let timer: NodeJS.Timeout | undefined;
      child.stdout.on('data', (d) => {
        const lines = String(d)
          .split('\n')
          .filter((l) => l !== '');
        lastMark = lines.at(-1) ?? lastMark;
        if (timer === undefined && lines.includes(from_))
          timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      });
      child.stderr.on('data', (d) => {
        stderr += String(d);
      });
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        if (timer) clearTimeout(timer);
        resolve({ lastMark, killed: signal === 'SIGKILL', stderr, code });
      });
    },
  );
  o.plan.disarm();
  await o.clock.advanceTo(to);
  // A start that a fault made fail (before the kill) is a failed start, as under a supervisor.
  const lastMark = !r.killed && r.code !== 0 ? `exited ${r.code}: ${r.stderr.split('\n')[0]}` : r.lastMark;
  return { at: new Date(to).toISOString(), from: from_, delayMs, lastMark, killed: r.killed };
}
