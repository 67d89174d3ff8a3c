// `divbot data fetch` end to end: the built CLI, its base URLs and credentials from the
// environment, against the venues' fakes, into the embedded store. The fakes' clocks are the real
// one (the CLI runs on the system clock), their bars whole hours before it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeYahoo, startFakeYahoo } from '../../brokers/ig/fake/fake-yahoo.js';
import { type FakeOanda, startFakeOanda } from '../../brokers/oanda/fake/fake-server.js';
import { EUR_USD } from '../../brokers/oanda/test-support/oanda-harness.js';
import { bars } from '../../market-data/fetch/test-support.js';
import { cleanEnv, runCli } from '../../test-support/cli.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
const cwd = mkdtempSync(join(tmpdir(), 'divbot-fetch-'));
let oanda: FakeOanda;
let yahoo: FakeYahoo;
let first: number;
let last: number;

beforeAll(async () => {
  const hour = Math.floor(Date.now() / HOUR) * HOUR;
  first = hour - 5200 * HOUR;
  last = hour - HOUR;
  oanda = await startFakeOanda([EUR_USD], { start: first });
  oanda.state.bars.set('EUR_USD', bars(first, 5200, 1.1));
  oanda.state.ledger.now = Date.now(); // the current hour is the forming candle
  yahoo = await startFakeYahoo();
});
afterAll(async () => {
  await oanda.close();
  await yahoo.close();
});

const fetchCli = (args: string[], env: Record<string, string>, varDir = 'var') =>
  runCli(['data', 'fetch', ...args], {
    cwd,
    env: cleanEnv({ VAR_DIR: join(cwd, varDir), ...env }),
    timeoutMs: 90_000,
  });
const oandaEnv = () => ({ OANDA_BASE_URL: oanda.baseUrl, OANDA_API_TOKEN: oanda.token });

describe('divbot data fetch', () => {
  it('pages OANDA past one page, drops the forming candle, and a second fetch changes nothing', async () => {
    const args = ['--symbol', 'EUR_USD', '--timeframe', '1h', '--from', iso(first), '--json'];
    const run = await fetchCli(args, oandaEnv());
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      symbol: 'EUR_USD',
      timeframe: '1h',
      source: 'oanda',
      pages: 2,
      fetched: 5200,
      new: 5200,
      updated: 0,
      first_time: iso(first),
      last_time: iso(last),
    });
    const again = await fetchCli(args.slice(0, -1), oandaEnv());
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim().split('\n'), 'one line').toHaveLength(1);
    expect(again.stdout).toMatch(/^EUR_USD 1h from oanda: 5200 fetched, 0 new, 0 updated \(2 pages\), /);
  }, 180_000);

  it('fetches OANDA 4h candles on the UTC grid', async () => {
    const from = last - 10 * DAY;
    const run = await fetchCli(
      ['--symbol', 'EUR_USD', '--timeframe', '4h', '--from', iso(from), '--json'],
      oandaEnv(),
    );
    expect(run.code, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout) as { fetched: number; first_time: string; last_time: string };
    expect(r.fetched).toBeGreaterThanOrEqual(59);
    for (const t of [r.first_time, r.last_time]) expect(new Date(t).getUTCHours() % 4, t).toBe(0);
  }, 90_000);

  it('a truncated answer fails (exit 1) naming venue and endpoint, and stores nothing of it', async () => {
    const args = ['--symbol', 'EUR_USD', '--timeframe', '1h', '--from', iso(last - 50 * HOUR), '--json'];
    oanda.faults.arm('candles', { kind: 'malformedJson' });
    const bad = await fetchCli(args, oandaEnv(), 'var-bad');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('oanda GET /v3/instruments/{instrument}/candles: HTTP 200 unreadable body');
    const good = await fetchCli(args, oandaEnv(), 'var-bad');
    expect(good.code, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout), 'nothing was stored by the failed run').toMatchObject({
      fetched: 51,
      new: 51,
    });
  }, 180_000);

  it('a missing credential or an unknown symbol is bad usage (exit 2) naming it', async () => {
    const noToken = await fetchCli(['--symbol', 'EUR_USD', '--timeframe', '1h', '--from', '2025-01-01'], {
      OANDA_BASE_URL: oanda.baseUrl,
    });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('OANDA_API_TOKEN');
    const unknown = await fetchCli(
      ['--symbol', 'EURUSD', '--timeframe', '1h', '--from', '2025-01-01'],
      oandaEnv(),
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--symbol: unknown symbol "EURUSD".*EUR_USD/);
  });

  it('fetches a US stock from Yahoo: regular-hours 1h bars at :30, 4h from each session', async () => {
    // Regular hours 09:30–16:00 New York of the last weekdays before today (14:30 or 13:30 UTC).
    const today = Math.floor(Date.now() / DAY) * DAY;
    const days = Array.from({ length: 9 }, (_, i) => today - (9 - i) * DAY).filter(
      (d) => ![0, 6].includes(new Date(d).getUTCDay()),
    );
    const open = (d: number) => {
      const offset = new Intl.DateTimeFormat('en-US', {
        timeZone: 'America/New_York',
        timeZoneName: 'shortOffset',
      })
        .formatToParts(d + 12 * HOUR)
        .find((p) => p.type === 'timeZoneName')!.value;
      return d + (9.5 - Number(/GMT([+-]\d+)/.exec(offset)![1])) * HOUR;
    };
    yahoo.bars.set(
      'NVDA',
      days.flatMap((d) => bars(open(d), 7, 130)),
    );
    const env = { YAHOO_BASE_URL: yahoo.baseUrl };
    const args = ['--symbol', 'NVDA', '--from', iso(days[0]!), '--json'];
    const hourly = await fetchCli([...args, '--timeframe', '1h'], env);
    expect(hourly.code, hourly.stderr).toBe(0);
    const h = JSON.parse(hourly.stdout) as { fetched: number; source: string; first_time: string };
    expect(h).toMatchObject({ source: 'yahoo', fetched: days.length * 7, first_time: iso(open(days[0]!)) });
    expect(h.first_time).toMatch(/:30:00Z$/);
    const fourHour = await fetchCli([...args, '--timeframe', '4h'], env);
    expect(fourHour.code, fourHour.stderr).toBe(0);
    expect(JSON.parse(fourHour.stdout)).toMatchObject({
      fetched: days.length * 2,
      first_time: iso(open(days[0]!)),
    });
    expect(yahoo.requests.at(-1)?.searchParams.get('includePrePost')).toBe('false');
  }, 180_000);
});
