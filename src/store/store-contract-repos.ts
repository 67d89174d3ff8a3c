// The repositories' half of the store contract (see store-contract.ts).
import Big from 'big.js';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Candle } from '../domain/candle.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { appendAudit, listAudit } from './audit-repo.js';
import { loadCandles, upsertCandles } from './candles-repo.js';
import { databaseErrorCode, SqlState } from './errors.js';
import {
  getInstrumentControl,
  listInstrumentControls,
  putInstrumentControl,
} from './instrument-control-repo.js';
import { latestJobRuns, recordJobRun } from './job-runs-repo.js';
import { getRiskState, putRiskState } from './risk-state-repo.js';
import { jobRuns } from './schema/index.js';
import type { Store } from './store.js';

const T0 = Date.UTC(2024, 0, 1);

function series(count: number, from = T0): Candle[] {
  return Array.from({ length: count }, (_, i) => {
    const base = 1.1 + i * 1e-5;
    return {
      time: from + i * HOUR_MS,
      open: base,
      high: base + 0.0003,
      low: base - 0.0002,
      close: base + 0.1,
      volume: i,
    };
  });
}

export function storeReposContract(getStore: () => Store): void {
  it('upserts candles idempotently and loads them back exactly, with null volume kept', async () => {
    const store = getStore();
    const rows: Candle[] = [
      ...series(50),
      {
        time: T0 + 50 * HOUR_MS,
        open: 0.1,
        high: 0.30000000000000004,
        low: 1e-12,
        close: 0.2,
        volume: null,
        spread: 0.00012,
      },
    ];
    const shuffled = [...rows].reverse();
    expect(await upsertCandles(store, 'EUR_USD', '1h', shuffled, 'test')).toEqual({
      inserted: 51,
      unchanged: 0,
      updated: 0,
    });
    expect(await upsertCandles(store, 'EUR_USD', '1h', rows, 'test')).toEqual({
      inserted: 0,
      unchanged: 51,
      updated: 0,
    });
    const loaded = await loadCandles(store, 'EUR_USD', '1h');
    expect(loaded, 'ordered by time, numbers exact, volume null, spread only where stored').toEqual(rows);

    const changed = rows.map((c, i) => (i === 3 ? { ...c, close: c.close + 1 } : c));
    const more = [...changed, ...series(2, T0 + 51 * HOUR_MS)];
    expect(await upsertCandles(store, 'EUR_USD', '1h', more, 'test')).toEqual({
      inserted: 2,
      unchanged: 50,
      updated: 1,
    });
    expect(await loadCandles(store, 'EUR_USD', '4h'), 'timeframes are separate').toEqual([]);
    const window = await loadCandles(store, 'EUR_USD', '1h', {
      from: T0 + 3 * HOUR_MS,
      to: T0 + 5 * HOUR_MS,
    });
    expect(
      window.map((c) => c.time),
      'from and to are inclusive',
    ).toEqual([3, 4, 5].map((i) => T0 + i * HOUR_MS));
    expect(window[0]!.close).toBe(changed[3]!.close);
  });

  it('refuses non-finite prices and duplicate times before writing anything', async () => {
    const store = getStore();
    const bad = [
      ...series(3, T0 - 10 * HOUR_MS),
      { ...series(1)[0]!, time: T0 - 5 * HOUR_MS, high: Number.NaN },
    ];
    await expect(upsertCandles(store, 'GBP_USD', '1h', bad, 'test')).rejects.toThrow(
      /high is not a finite number/,
    );
    const twice = [...series(2), ...series(1)];
    await expect(upsertCandles(store, 'GBP_USD', '1h', twice, 'test')).rejects.toThrow(/duplicate candle/);
    expect(await loadCandles(store, 'GBP_USD', '1h')).toEqual([]);
  });

  it('imports 35,000 candles in seconds', async () => {
    const store = getStore();
    const rows = series(35_000, Date.UTC(2015, 0, 1));
    let started = performance.now();
    expect(await upsertCandles(store, 'BTC/USDT', '1h', rows, 'bulk')).toMatchObject({ inserted: 35_000 });
    const insertMs = performance.now() - started;
    started = performance.now();
    expect(await upsertCandles(store, 'BTC/USDT', '1h', rows, 'bulk')).toMatchObject({ unchanged: 35_000 });
    const reimportMs = performance.now() - started;
    started = performance.now();
    expect(await loadCandles(store, 'BTC/USDT', '1h')).toHaveLength(35_000);
    const loadMs = performance.now() - started;
    console.info(
      `[${store.kind}] 35k candles: import ${insertMs.toFixed(0)} ms, re-import ${reimportMs.toFixed(0)} ms, load ${loadMs.toFixed(0)} ms`,
    );
    expect(insertMs, 'an import of tens of thousands of rows takes seconds').toBeLessThan(15_000);
  }, 60_000);

  it('records job runs and reads the latest of each job', async () => {
    const store = getStore();
    const run = (
      job: string,
      startedAt: number,
      status: 'ok' | 'error' | 'skipped_overrun',
      error?: string,
    ) =>
      recordJobRun(store, {
        job,
        scheduledFor: startedAt - 7,
        startedAt,
        finishedAt: startedAt + 1_234,
        status,
        error,
      });
    await run('analysis', T0, 'ok');
    await run('analysis', T0 + 300_000, 'error', 'broker oanda unreachable');
    await run('monitor', T0 + 120_000, 'ok');
    await run('monitor', T0 + 240_000, 'skipped_overrun');
    const latest = await latestJobRuns(store);
    expect(latest).toMatchObject([
      {
        job: 'analysis',
        status: 'error',
        error: 'broker oanda unreachable',
        startedAt: T0 + 300_000,
        durationMs: 1_234,
      },
      { job: 'monitor', status: 'skipped_overrun', error: null, scheduledFor: T0 + 240_000 - 7 },
    ]);
    const lastOk = await latestJobRuns(store, { status: 'ok' });
    expect(lastOk.map((r) => [r.job, r.startedAt])).toEqual([
      ['analysis', T0],
      ['monitor', T0 + 120_000],
    ]);
    await expect(
      recordJobRun(store, { job: 'x', scheduledFor: 2, startedAt: 2, finishedAt: 1, status: 'ok' }),
    ).rejects.toThrow(RangeError);
  });

  it('reads times back as the same UTC milliseconds whatever the session time zone', async () => {
    const store = getStore();
    const at = Date.UTC(2024, 2, 31, 1, 30, 0, 987); // a DST change in Europe, with milliseconds
    await recordJobRun(store, { job: 'tz', scheduledFor: at, startedAt: at, finishedAt: at, status: 'ok' });
    const zones = ['Asia/Kathmandu', 'America/St_Johns', 'Europe/London', 'UTC'];
    for (const zone of zones) {
      const read = await store.transaction(async (tx) => {
        await tx.db.execute(sql.raw(`SET LOCAL TimeZone = '${zone}'`));
        return tx.db.select().from(jobRuns).where(sql`${jobRuns.job} = 'tz'`);
      });
      expect(read[0]?.startedAt, zone).toBe(at);
    }
  });

  it('appends audit entries', async () => {
    const store = getStore();
    const entry = await appendAudit(store, {
      at: T0,
      actor: 'user:alice',
      action: 'killswitch.reset',
      reason: 'drawdown reviewed',
      details: { peak_before: '100000', peak_after: '84000.5' },
    });
    expect(entry).toMatchObject({ id: expect.any(Number), target: null, actor: 'user:alice' });
    await appendAudit(store, { at: T0 + 1, actor: 'cli', action: 'trading.pause' });
    const [newest, previous] = await listAudit(store, { limit: 2 });
    expect(newest).toMatchObject({ action: 'trading.pause', details: null });
    expect(previous).toEqual(entry);
  });

  it('gets the default risk state, then what was put, with exact equity', async () => {
    const store = getStore();
    expect(await getRiskState(store, 'paper:oanda')).toMatchObject({
      state: 'ACTIVE',
      consecutiveLosses: 0,
      updatedAt: null,
    });
    const value = {
      accountKey: 'paper:oanda',
      state: 'HALTED' as const,
      equityPeak: new Big('123456789.123456789012'),
      dayStartEquity: new Big('1e-12'),
      tradingDayStart: T0,
      consecutiveLosses: 2,
      reason: 'drawdown 15.2% ≥ MAX_DRAWDOWN_PCT 15',
      updatedAt: T0 + 5,
    };
    await putRiskState(store, value);
    await putRiskState(store, { ...value, consecutiveLosses: 3 });
    const read = await getRiskState(store, 'paper:oanda');
    expect(read).toMatchObject({
      state: 'HALTED',
      consecutiveLosses: 3,
      tradingDayStart: T0,
      updatedAt: T0 + 5,
    });
    expect(read.equityPeak?.eq(value.equityPeak)).toBe(true);
    expect(read.dayStartEquity?.eq('0.000000000001')).toBe(true);
    expect((await getRiskState(store, 'live:ig')).state, 'one row per account key').toBe('ACTIVE');
  });
  it('round-trips the whole trading state: since, reducing_until and exact net flows', async () => {
    const store = getStore();
    const fresh = await getRiskState(store, 'dev:flows');
    expect(fresh).toMatchObject({ since: null, reducingUntil: null });
    expect(fresh.netFlows.eq(0)).toBe(true);
    const value = {
      accountKey: 'dev:flows',
      state: 'REDUCING' as const,
      equityPeak: new Big('100000'),
      dayStartEquity: new Big('99000.5'),
      tradingDayStart: T0,
      consecutiveLosses: 1,
      reason: 'daily loss 3.1% ≥ MAX_DAILY_LOSS_PCT 3',
      updatedAt: T0 + 7,
      since: T0 + 6,
      reducingUntil: T0 + 86_400_000,
      netFlows: new Big('-2500.000000000001'),
    };
    await putRiskState(store, value);
    const read = await getRiskState(store, 'dev:flows');
    expect(read).toMatchObject({ since: T0 + 6, reducingUntil: T0 + 86_400_000, state: 'REDUCING' });
    expect(read.netFlows.eq(value.netFlows)).toBe(true);
    // A put that leaves the later fields out clears them to their defaults.
    await putRiskState(store, { ...value, since: undefined, reducingUntil: undefined, netFlows: undefined });
    const cleared = await getRiskState(store, 'dev:flows');
    expect(cleared).toMatchObject({ since: null, reducingUntil: null });
    expect(cleared.netFlows.eq(0)).toBe(true);
  });

  it('stores instrument control per symbol, defaults for untouched symbols, and refuses a multiplier ≤ 0', async () => {
    const store = getStore();
    expect(await getInstrumentControl(store, 'EUR_USD')).toMatchObject({
      symbol: 'EUR_USD',
      enabled: true,
      reason: null,
      updatedAt: null,
    });
    await putInstrumentControl(store, {
      symbol: 'BTC/USDT',
      enabled: false,
      riskMultiplier: new Big('0.25'),
      reason: 'exchange maintenance',
      updatedAt: T0,
    });
    await putInstrumentControl(store, {
      symbol: 'BTC/USDT',
      enabled: false,
      riskMultiplier: new Big('0.123456789012'),
      reason: null,
      updatedAt: T0 + 1,
    });
    await putInstrumentControl(store, {
      symbol: 'AUD_USD',
      enabled: true,
      riskMultiplier: new Big(2),
      reason: null,
      updatedAt: T0 + 2,
    });
    const btc = await getInstrumentControl(store, 'BTC/USDT');
    expect(btc).toMatchObject({ enabled: false, reason: null, updatedAt: T0 + 1 });
    expect(btc.riskMultiplier.eq('0.123456789012')).toBe(true);
    expect((await listInstrumentControls(store)).map((r) => r.symbol)).toEqual(['AUD_USD', 'BTC/USDT']);
    const refused = await putInstrumentControl(store, {
      symbol: 'ETH/USDT',
      enabled: true,
      riskMultiplier: new Big(0),
      reason: null,
      updatedAt: T0,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(databaseErrorCode(refused)).toBe(SqlState.checkViolation);
  });
}
