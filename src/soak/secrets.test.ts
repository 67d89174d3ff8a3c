// The secrets test (issue #12, SPEC §13, §14, §17): every secret variable set to a recognisable
// value (`SECRET-<name>-…`, or the fake venues' own credentials where a venue must accept them),
// then the commands, the paper session's jobs (with venue faults, so errors are raised and
// logged), the API and the dashboard run with them. No secret may appear in any output: command
// output and errors, log lines, job errors, API responses, the OpenAPI document, the dashboard.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { login, startApiHarness } from '../api/test-support/api-harness.js';
import { startFakeMarket } from '../brokers/fake-market/fake-market.js';
import { marketTimeline } from '../brokers/fake-market/market-series.js';
import { SimulatedClock } from '../clock/simulated-clock.js';
import { loadConfig } from '../config/load.js';
import { secretValues } from '../config/mask.js';
import { VARIABLES } from '../config/schema.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { createLogger } from '../logging/logger.js';
import { loadDemoMarket } from '../run/demo/demo-data.js';
import { openPaperSession } from '../run/paper/paper-session.js';
import { closeAll } from '../run/shutdown.js';
import { cleanEnv, ROOT, runCli } from '../test-support/cli.js';
import { FaultPlan } from './fault-plan.js';
import { runHour } from './hour.js';
import { seededRandom } from './random.js';
import { emptySummary } from './soak-summary.js';
import { SOAK_VENUES } from './tuning.js';

const SECRET_NAMES = VARIABLES.filter((v) => v.meta.secret).map((v) => v.name);
const secretOf = (name: string) => `SECRET-${name}-7f3a9c1e5b`;
const DB_PASSWORD = 'SECRET-DATABASE_URL-pw-42d1';
const SECRETS: Record<string, string> = Object.fromEntries(SECRET_NAMES.map((n) => [n, secretOf(n)]));

/** Every secret value (and its URL-encoded form) that must not appear in `text`. */
function leaks(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((s) => text.includes(s) || text.includes(encodeURIComponent(s)));
}
const ALL = [...Object.values(SECRETS), DB_PASSWORD];

const dir = mkdtempSync(join(tmpdir(), 'divbot-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('secrets never leave the process', () => {
  it('knows the secret variables', () => {
    expect(SECRET_NAMES).toEqual(
      expect.arrayContaining(['OANDA_API_TOKEN', 'BINANCE_API_SECRET', 'IG_PASSWORD', 'ANTHROPIC_API_KEY']),
    );
  });

  it('commands: output and errors name no secret', async () => {
    const env = cleanEnv({ ...SECRETS, IG_USERNAME: 'corpus-user', VAR_DIR: join(dir, 'var') });
    const file = join(dir, 'binance_BTC_USDT-1h.csv');
    writeFileSync(file, 'time,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,3\n');
    const commands: string[][] = [
      ['config', 'check'],
      ['config', 'check', '--json'],
      ['db', 'migrate'],
      ['killswitch', 'status'],
      ['instruments', 'list'],
      ['promote'],
      ['data', 'import', file],
      ['pivots', '--data', file, '--json'],
      // The venues are unreachable (port 9): the errors must not carry the credentials.
      ['data', 'fetch', '--symbol', 'EUR_USD', '--timeframe', '1h', '--from', '2024-01-01T00:00:00Z'],
      ['data', 'fetch', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', '2024-01-01T00:00:00Z'],
    ];
    const venues = { OANDA_BASE_URL: 'http://127.0.0.1:9', BINANCE_BASE_URL: 'http://127.0.0.1:9' };
    for (const args of commands) {
      const r = await runCli(args, { cwd: dir, env: { ...env, ...venues }, timeoutMs: 60_000 });
      expect(leaks(r.stdout + r.stderr, ALL), `divbot ${args.join(' ')} (exit ${r.code})`).toEqual([]);
    }
    // A database URL with a password: shown masked, and an unreachable one fails without it.
    const db = { ...env, DATABASE_URL: `postgres://divbot:${DB_PASSWORD}@127.0.0.1:9/divbot` };
    for (const args of [
      ['config', 'check'],
      ['config', 'check', '--json'],
      ['killswitch', 'status'],
      ['db', 'migrate'],
    ]) {
      const r = await runCli(args, { cwd: dir, env: db, timeoutMs: 60_000 });
      expect(
        leaks(r.stdout + r.stderr, ALL),
        `divbot ${args.join(' ')} with DATABASE_URL (exit ${r.code})`,
      ).toEqual([]);
    }
  }, 240_000);

  it('the paper session and its jobs, with venue faults: no secret in a log line or a job error', async () => {
    const T0 = Date.parse('2026-03-03T16:00:00Z');
    const data = await loadDemoMarket(join(ROOT, 'data'));
    const timeline = marketTimeline(data.series, T0, { aheadMs: 5 * 86_400_000, historyMs: 70 * 86_400_000 });
    const market = await startFakeMarket(timeline.series, T0);
    const lines: string[] = [];
    try {
      // The venue credentials are the fakes' own (a venue must accept them); the rest SECRET-….
      const config = loadConfig({
        ...SECRETS,
        ...market.env,
        MODE: 'paper',
        VAR_DIR: join(dir, 'paper'),
        LOG_LEVEL: 'debug',
      });
      const secrets = secretValues(config);
      expect(secrets.length).toBeGreaterThanOrEqual(SECRET_NAMES.length);
      // Built as `divbot run` builds it (src/cli/commands/run.ts).
      const logger = createLogger({
        level: 'debug',
        format: 'json',
        secrets,
        destination: { write: (l: string) => lines.push(l) },
      });
      const clock = new SimulatedClock(T0);
      const session = await openPaperSession({ config, logger, clock, tuning: SOAK_VENUES });
      const summary = emptySummary(1, T0);
      const plan = new FaultPlan(market, seededRandom(3));
      const errors: unknown[] = [];
      try {
        for (let h = 1; h <= 24; h++) {
          plan.arm(3);
          await runHour(session, clock, market, T0 + h * HOUR_MS, summary, logger, (e) => errors.push(e));
        }
      } finally {
        await closeAll(logger, session.closeSteps);
      }
      expect(plan.served.length, 'faults were served').toBeGreaterThan(20);
      expect(
        errors.length + lines.filter((l) => l.includes('"err"')).length,
        'errors were raised and logged',
      ).toBeGreaterThan(0);
      const errorText = errors
        .map((e) => `${String(e)} ${JSON.stringify(e)} ${(e as Error).stack ?? ''}`)
        .join('\n');
      expect(leaks(errorText, secrets), 'job errors').toEqual([]);
      expect(leaks(lines.join(''), secrets), 'log lines').toEqual([]);
    } finally {
      await market.close();
    }
  }, 180_000);

  it('the API and the dashboard: no secret in any response', async () => {
    const h = await startApiHarness({ hours: 12, env: { ...SECRETS, IG_USERNAME: 'corpus-user' } });
    try {
      const auth = await login(h);
      const get = async (path: string) => {
        const r = await fetch(`${h.url}${path}`, { headers: { cookie: auth.cookie } });
        return `${r.status} ${[...r.headers].join(' ')} ${await r.text()}`;
      };
      const docs = JSON.parse((await get('/api/docs/json')).replace(/^\d+ [^{]*/, '')) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const reads = Object.entries(docs.paths)
        .filter(([path, ops]) => 'get' in ops && !path.includes('{'))
        .map(([path]) => path);
      expect(reads.length, 'the read endpoints of the OpenAPI document').toBeGreaterThan(8);
      const pages = [
        '/',
        '/index.html',
        '/app.js',
        '/api.js',
        '/health',
        '/health/deep',
        '/metrics',
        '/api/docs/json',
        ...reads,
      ];
      for (const path of pages) expect(leaks(await get(path), ALL), path).toEqual([]);
      const settings = await get('/api/v1/settings');
      expect(settings, 'the settings page lists the secret variables, masked').toContain('ANTHROPIC_API_KEY');
    } finally {
      await h.close();
    }
  }, 180_000);
});
