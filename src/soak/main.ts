// `npm run soak` (node dist/soak/main.js): the reliability soak over a simulated year, bounded in
// wall time. Options (flags win over the environment): --minutes / SOAK_MINUTES (default 60;
// a year takes about 45 minutes on two shared cores),
// --hours / SOAK_HOURS (simulated hours, default 8760: a year), --seed / SOAK_SEED (default 1),
// --faults-per-hour / SOAK_FAULTS_PER_HOUR (default 0.5), --kills / SOAK_KILLS (SIGKILL restarts,
// default 3), --out DIR (default soak-results). Writes DIR/soak-<seed>.json; exit 1 if a check failed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../logging/logger.js';
import { runSoak } from './soak-run.js';

const ROOT = resolve(import.meta.dirname, '../..');

function option(value: string | undefined, env: string, fallback: number, name: string): number {
  const raw = value ?? process.env[env];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`${name} (${env}) must be a non-negative number, got ${JSON.stringify(raw)}\n`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string' },
      hours: { type: 'string' },
      seed: { type: 'string' },
      'faults-per-hour': { type: 'string' },
      kills: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const minutes = option(values.minutes, 'SOAK_MINUTES', 60, '--minutes');
  const seed = option(values.seed, 'SOAK_SEED', 1, '--seed');
  const out = resolve(values.out ?? 'soak-results');
  const workDir = mkdtempSync(join(tmpdir(), 'divbot-soak-'));
  const started = Date.now();
  try {
    const summary = await runSoak({
      dataDir: join(ROOT, 'data'),
      workDir,
      seed,
      hours: Math.floor(option(values.hours, 'SOAK_HOURS', 8760, '--hours')),
      budgetMs: minutes * 60_000,
      faultsPerHour: option(values['faults-per-hour'], 'SOAK_FAULTS_PER_HOUR', 0.5, '--faults-per-hour'),
      restartEveryHours: 300,
      scriptedPerHour: 0.4,
      kills: Math.floor(option(values.kills, 'SOAK_KILLS', 3, '--kills')),
      logger: createLogger({ level: 'silent' }),
      wallClock: () => Date.now(),
      onHour: (h, s) => {
        if (h % 500 === 0)
          process.stderr.write(
            `[soak] ${s.simulated.from} +${h}h: ${Math.round((Date.now() - started) / 1000)}s, ${s.checks.run} checks, ${s.checks.failed} failed, ${s.restarts.graceful + s.restarts.sigkill} restarts${s.checks.violations.length > 0 ? `; last: ${s.checks.violations.at(-1)!.violation}` : ''}\n`,
          );
      },
    });
    mkdirSync(out, { recursive: true });
    const file = join(out, `soak-${seed}.json`);
    writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
    process.stdout.write(
      `soak: ${summary.hours} of ${summary.requestedHours} simulated hours${summary.stoppedBy === 'budget' ? ' (stopped by --minutes)' : ''} in ${summary.wallSeconds}s; ${summary.faults.served} faults served (${summary.faults.orderPath} on the order path); ${summary.restarts.graceful} restarts, ${summary.restarts.sigkill} SIGKILL; ${summary.trades.positions} positions; ${summary.checks.run} checks, ${summary.checks.failed} violations → ${file}\n`,
    );
    if (summary.checks.failed > 0 || summary.checks.violations.length > 0) process.exitCode = 1;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
