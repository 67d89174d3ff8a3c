// The backtester over bundled data: byte-identical reports, every fill re-checkable against the
// candles, open_at_end kept out of the headline, rejections adding up.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import type { Candle } from '../domain/candle.js';
import type { SymbolId } from '../domain/ids.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { readCandleFile } from '../market-data/csv.js';
import { parseUtcTime } from '../market-data/csv-time.js';
import { type BacktestReport, buildReport, reportJson } from './report.js';
import { type FileSeries, runBacktest } from './run-backtest.js';

const DATA = fileURLToPath(new URL('../../data/', import.meta.url));
const TO = Date.parse('2021-09-01T00:00:00Z');
let series: FileSeries[];

async function load(file: string, symbol: string, timeframe: '1h' | '4h'): Promise<FileSeries> {
  const candles = (await readCandleFile(`${DATA}${file}`)).filter((c) => c.time <= TO);
  return { symbol: symbol as SymbolId, timeframe, candles };
}

async function backtest(extra: { to?: number; env?: Record<string, string> } = {}) {
  const run = await runBacktest({ config: loadConfig(extra.env ?? {}), series, to: extra.to });
  return { run, ...buildReport(run) };
}

beforeAll(async () => {
  series = [
    await load('binance_BTC_USDT-1h.csv', 'BTC/USDT', '1h'),
    await load('binance_BTC_USDT-4h.csv', 'BTC/USDT', '4h'),
    await load('binance_ETH_USDT-1h.csv', 'ETH/USDT', '1h'),
    await load('binance_ETH_USDT-4h.csv', 'ETH/USDT', '4h'),
  ];
});

describe('backtest on the bundled crypto data (one year)', () => {
  let report: BacktestReport;
  let json: string;
  beforeAll(async () => {
    ({ report } = await backtest());
    json = reportJson(report);
  }, 120_000);

  it('gives byte-identical JSON for identical inputs', async () => {
    expect(reportJson((await backtest()).report)).toBe(json);
  }, 120_000);

  it('trades, and every fill lies inside its bar (or at its open)', () => {
    expect(report.trades.length).toBeGreaterThan(0);
    const bars = new Map<string, Map<number, Candle>>();
    for (const s of series.filter((x) => x.timeframe === '1h')) {
      bars.set(s.symbol, new Map(s.candles.map((c) => [c.time, c])));
    }
    for (const t of report.trades) {
      const known = parseUtcTime(t.signal_known_at);
      const entry = parseUtcTime(t.entry_time);
      // Known at the confirm bar's close; filled at a later bar's open or inside it.
      expect(entry).toBeGreaterThanOrEqual(known + HOUR_MS);
      const entryBar = bars.get(t.symbol)!.get(entry)!;
      expect(t.entry_price).toBeGreaterThanOrEqual(entryBar.low * 0.995);
      expect(t.entry_price).toBeLessThanOrEqual(entryBar.high * 1.005);
      expect(t.exits.reduce((s, e) => s + e.qty, 0)).toBeCloseTo(t.qty, 8);
      for (const e of t.exits) {
        // Stamped as the venue knew it: a fill at a bar's open at that bar's time, a fill inside
        // a bar at its close. Spread and slippage put it a little outside the mid bar, never far.
        const at = parseUtcTime(e.time);
        const inside = [bars.get(t.symbol)!.get(at), bars.get(t.symbol)!.get(at - HOUR_MS)].some(
          (bar) => bar !== undefined && e.price >= bar.low * 0.995 && e.price <= bar.high * 1.005,
        );
        expect(inside, `${t.id} exit ${e.reason} at ${e.time} ${e.price}`).toBe(true);
      }
      const dir = t.direction === 'long' ? 1 : -1;
      expect((t.entry_price - t.stop) * dir).toBeGreaterThan(0);
      expect((t.tp2 - t.tp1) * dir).toBeGreaterThanOrEqual(0);
    }
  });

  it('reports the headline metrics of SPEC §15 and an equity curve', () => {
    const m = report.metrics;
    for (const k of [
      'trades',
      'win_rate',
      'profit_factor',
      'expectancy_r',
      'total_return_pct',
      'cagr_pct',
      'max_drawdown_pct',
      'sharpe',
      'sortino',
      'exposure_pct',
    ]) {
      expect(m).toHaveProperty(k);
    }
    expect(m.trades).toBe(report.trades.filter((t) => !t.open_at_end).length);
    if (m.trades < 30) expect(m.sharpe).toBeNull();
    expect(report.equity[0]!.time).toBe(report.range.from);
    const last = report.equity.at(-1)!;
    expect(m.total_return_pct).toBeCloseTo((last.equity / loadConfig({}).STARTING_EQUITY - 1) * 100, 1);
  });

  it('accounts for every candidate in the rejection table', () => {
    const r = report.rejections;
    const first = r.rules.reduce((s, x) => s + x.first_failure.count, 0);
    const gates = r.gates.reduce((s, x) => s + x.count, 0);
    expect(first + gates + r.accepted).toBe(r.candidates);
    for (const rule of r.rules) {
      expect(rule.any_failure.count).toBeGreaterThanOrEqual(rule.first_failure.count);
      expect(rule.first_failure.counterfactual.candidates).toBe(rule.first_failure.count);
    }
    expect(r.rules.map((x) => x.rule)).toEqual([...Array(15).keys()]);
  });

  it('breaks results down per instrument, year and asset class, with the baselines', () => {
    expect(report.breakdown.by_instrument.map((x) => x.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(report.breakdown.by_asset_class.map((x) => x.asset_class)).toEqual(['crypto']);
    const years = report.breakdown.by_year.reduce((s, y) => s + y.trades, 0);
    expect(years).toBe(report.metrics.trades);
    expect(report.baselines.buy_and_hold_pct).not.toBeNull();
    expect(report.baselines.random_entry.draws).toBe(20);
  });
});

describe('open_at_end', () => {
  it('closes what is still open at the last close, outside the headline figures', async () => {
    // Cut the run at each trade's entry hour until one is open there.
    const { report: full } = await backtest();
    let found = false;
    for (const t of full.trades.slice(0, 6)) {
      const to = parseUtcTime(t.entry_time) + 2 * HOUR_MS;
      const { report } = await backtest({ to });
      const open = report.trades.filter((x) => x.open_at_end);
      if (open.length === 0) continue;
      found = true;
      for (const o of open) expect(o.exits.at(-1)!.reason).toBe('end');
      expect(report.metrics.open_at_end).toBe(open.length);
      expect(report.metrics.trades).toBe(report.trades.length - open.length);
      break;
    }
    expect(found).toBe(true);
  }, 300_000);
});

describe('a book PAUSED by its loss streak', () => {
  it('waits for a person with --resume-paused never, and is resumed the next trading day by default', async () => {
    const config = loadConfig({ MAX_CONSECUTIVE_LOSSES: '1' });
    const never = await runBacktest({ config, series, resumePaused: 'never' });
    const paused = never.states.find((s) => s.state === 'PAUSED');
    expect(paused, 'one loss pauses the book').toBeDefined();
    expect(never.states.at(-1)!.state).toBe('PAUSED');
    const entries = never.positions.filter((p) => p.openedAt !== undefined);
    expect(entries.every((p) => p.openedAt! <= paused!.time + 2 * HOUR_MS)).toBe(true);
    const resumed = await runBacktest({ config, series });
    const states = resumed.states.map((s) => s.state);
    expect(states).toContain('PAUSED');
    expect(states.indexOf('ACTIVE', states.indexOf('PAUSED'))).toBeGreaterThan(0);
    expect(resumed.positions.length).toBeGreaterThan(never.positions.length);
    const report = buildReport(resumed).report;
    expect(report.trading_states[0]).toMatchObject({ state: 'PAUSED' });
    expect(report.trading_states[0]!.reason).toMatch(/MAX_CONSECUTIVE_LOSSES/);
  }, 120_000);
});

describe('the tapes', () => {
  it("carry the analyzer's own 1h ATR per bar (what the monitor trails with)", async () => {
    const { computeIndicators } = await import('../market/indicators/compute-indicators.js');
    const run = await runBacktest({
      config: loadConfig({}),
      series: series.slice(0, 1),
      to: Date.parse('2021-01-01'),
    });
    const tape = run.tapes.get('BTC/USDT' as SymbolId)!;
    const candles = series[0]!.candles.slice(0, tape.bars.length);
    const atr = computeIndicators(candles).column('atr');
    expect(Array.from(tape.atr)).toEqual(Array.from(atr));
  }, 60_000);
});
