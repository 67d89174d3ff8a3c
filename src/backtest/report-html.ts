// The self-contained HTML report (issue #7): one file, no network — the charting library
// (lightweight-charts, Apache-2.0, by TradingView) is inlined with its licence line. Equity and
// drawdown, the per-rule rejection table with counterfactuals, and for each trade a candle chart
// with its pivots, the divergence line, entry, stop, targets and exits. Charts are built as they
// scroll into view, so a report with thousands of trades still opens at once.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { HOUR_MS } from '../domain/timeframe.js';
import type { BacktestReport } from './report.js';
import type { BacktestRun } from './run-backtest.js';
import type { TradeRecord } from './trades.js';

/** Bars shown before the first pivot and after the last exit. */
const MARGIN_BARS = 24;
const MAX_BARS_PER_CHART = 1_500;

let library: string | undefined;
function chartLibrary(): string {
  // The standalone build is not in the package's exports: found next to its package.json.
  const pkg = createRequire(import.meta.url).resolve('lightweight-charts/package.json');
  library ??= readFileSync(join(dirname(pkg), 'dist/lightweight-charts.standalone.production.js'), 'utf8');
  return library;
}

interface TradeChart {
  readonly id: string;
  readonly title: string;
  readonly candles: Array<[number, number, number, number, number]>;
  readonly pivots: Array<{ time: number; price: number }>;
  readonly entry: { time: number; price: number };
  readonly stop: number;
  readonly tp1: number;
  readonly tp2: number;
  readonly exits: Array<{ time: number; price: number; reason: string }>;
  readonly long: boolean;
}

export function renderHtmlReport(
  report: BacktestReport,
  trades: readonly TradeRecord[],
  run: BacktestRun,
): string {
  const positions = new Map(run.positions.map((p) => [p.id, p]));
  const charts: TradeChart[] = trades.map((t) => {
    const p = positions.get(t.id)!;
    const bars = run.tapes.get(p.symbol)?.bars;
    const fromTime = Math.min(p.signal.pivot1.time, t.entryMs) - MARGIN_BARS * HOUR_MS;
    const toTime = t.exitMs + MARGIN_BARS * HOUR_MS;
    const to = bars ? bars.lowerBound(toTime + 1) : 0;
    const window = bars ? bars.slice(Math.max(bars.lowerBound(fromTime), to - MAX_BARS_PER_CHART), to) : [];
    return {
      id: t.id,
      title: `${t.symbol} ${t.timeframe} ${t.type} ${t.direction} — ${t.entry_time} · ${t.pnl} ${run.config.BASE_CURRENCY} · ${t.r_multiple ?? 'n/a'} R${t.open_at_end ? ' · open at end' : ''}`,
      candles: window.map((b) => [b.time / 1000, b.open, b.high, b.low, b.close]),
      pivots: [p.signal.pivot1, p.signal.pivot2].map((x) => ({ time: x.time / 1000, price: x.price })),
      entry: { time: t.entryMs / 1000, price: t.entry_price },
      stop: t.stop,
      tp1: t.tp1,
      tp2: t.tp2,
      exits: t.exits.map((e) => ({ time: Date.parse(e.time) / 1000, price: e.price, reason: e.reason })),
      long: t.direction === 'long',
    };
  });
  const data = {
    equity: report.equity.map((e) => [Date.parse(e.time) / 1000, e.equity, -e.drawdown_pct]),
    charts,
  };
  const m = report.metrics;
  const rows = (cells: Array<Array<string | number | null>>) =>
    cells.map((r) => `<tr>${r.map((c) => `<td>${esc(c ?? '—')}</td>`).join('')}</tr>`).join('\n');
  const cf = (x: {
    count: number;
    counterfactual: { filled: number; win_rate: number | null; expectancy_r: number | null; total_r: number };
  }) => [
    x.count,
    x.counterfactual.filled,
    x.counterfactual.win_rate,
    x.counterfactual.expectancy_r,
    x.counterfactual.total_r,
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>divbot backtest ${esc(report.range.from)} → ${esc(report.range.to)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;color:#1d232a;background:#fafbfc}
h1{font-size:20px}h2{font-size:16px;margin-top:32px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #d5d9de;padding:3px 8px;text-align:right}
th{background:#eef1f4}td:first-child,th:first-child{text-align:left}
.chart{height:320px;margin:4px 0 24px}.small{height:220px}
.trade h3{font-size:13px;margin:16px 0 4px;font-weight:600}
</style></head><body>
<h1>divbot backtest</h1>
<p>${esc(report.range.from)} → ${esc(report.range.to)} · ${esc(report.range.instruments.join(', '))}</p>
<table><tr><th>trades</th><th>win rate</th><th>profit factor</th><th>expectancy (R)</th><th>return</th><th>CAGR</th><th>max drawdown</th><th>Sharpe</th><th>Sortino</th><th>exposure</th><th>open at end</th></tr>
${rows([[m.trades, m.win_rate, m.profit_factor, m.expectancy_r, `${m.total_return_pct}%`, m.cagr_pct === null ? null : `${m.cagr_pct}%`, `${m.max_drawdown_pct}%`, m.sharpe, m.sortino, `${m.exposure_pct}%`, m.open_at_end]])}</table>
<p>Sharpe and Sortino are not shown below 30 trades; trades still open when the data ends are left out of the trade figures.
Buy and hold: ${esc(report.baselines.buy_and_hold_pct ?? '—')}% (equal weight). Random entries with the same exits and risk:
${esc(report.baselines.random_entry.expectancy_r_mean ?? '—')} R per trade (p05 ${esc(report.baselines.random_entry.expectancy_r_p05 ?? '—')}, p95 ${esc(report.baselines.random_entry.expectancy_r_p95 ?? '—')}, ${report.baselines.random_entry.draws} draws) against the strategy's ${esc(report.metrics.expectancy_r ?? '—')} R.</p>
<h2>Equity</h2><div id="equity" class="chart"></div><h2>Drawdown (%)</h2><div id="drawdown" class="chart small"></div>
<h2>Per instrument</h2>
<table><tr><th>instrument</th><th>trades</th><th>win rate</th><th>profit factor</th><th>expectancy (R)</th><th>P&amp;L</th><th>buy and hold</th></tr>
${rows(report.breakdown.by_instrument.map((r) => [r.symbol, r.trades, r.win_rate, r.profit_factor, r.expectancy_r, r.pnl, r.buy_and_hold_pct === null ? null : `${r.buy_and_hold_pct}%`]))}</table>
<h2>Per year</h2>
<table><tr><th>year</th><th>trades</th><th>win rate</th><th>profit factor</th><th>expectancy (R)</th><th>P&amp;L</th></tr>
${rows(report.breakdown.by_year.map((r) => [r.year, r.trades, r.win_rate, r.profit_factor, r.expectancy_r, r.pnl]))}</table>
<h2>Per asset class</h2>
<table><tr><th>asset class</th><th>trades</th><th>win rate</th><th>profit factor</th><th>expectancy (R)</th><th>P&amp;L</th></tr>
${rows(report.breakdown.by_asset_class.map((r) => [r.asset_class, r.trades, r.win_rate, r.profit_factor, r.expectancy_r, r.pnl]))}</table>
<h2>Rejections and their counterfactual outcomes</h2>
<p>${report.rejections.candidates} candidates, ${report.rejections.accepted} accepted. Counterfactual: what the rejected candidates would have done under the same exit rules, in R per candidate.</p>
<table><tr><th>rule</th><th>first failure</th><th>filled</th><th>win rate</th><th>expectancy (R)</th><th>total R</th><th>any failure</th><th>filled</th><th>win rate</th><th>expectancy (R)</th><th>total R</th></tr>
${rows(report.rejections.rules.map((r) => [`${r.rule} ${r.name}`, ...cf(r.first_failure), ...cf(r.any_failure)]))}
${rows(report.rejections.gates.map((g) => [`gate: ${g.by}`, ...cf(g)]))}
${rows(report.rejections.risk.map((g) => [`risk: ${g.code}`, ...cf(g)]))}</table>
<h2>Trades (${trades.length})</h2>
<div id="trades">${charts.map((c, i) => `<div class="trade"><h3>${esc(c.title)}</h3><div class="chart" data-trade="${i}"></div></div>`).join('\n')}</div>
<script>/*! lightweight-charts — Apache License 2.0 — Copyright (c) 2025 TradingView, Inc. (https://www.tradingview.com/) */
${chartLibrary().replace(/<\/script/gi, '<\\/script')}</script>
<script>
const DATA = ${JSON.stringify(data).replace(/</g, '\\u003c')};
const LC = LightweightCharts;
const base = { layout: { background: { color: '#fafbfc' } }, timeScale: { timeVisible: true }, autoSize: true };
const eq = LC.createChart(document.getElementById('equity'), base);
eq.addSeries(LC.AreaSeries, { lineColor: '#2962ff', topColor: 'rgba(41,98,255,.3)', bottomColor: 'rgba(41,98,255,.02)' })
  .setData(DATA.equity.map(([time, value]) => ({ time, value })));
eq.timeScale().fitContent();
const dd = LC.createChart(document.getElementById('drawdown'), base);
dd.addSeries(LC.AreaSeries, { lineColor: '#d32f2f', topColor: 'rgba(211,47,47,.02)', bottomColor: 'rgba(211,47,47,.3)', invertFilledArea: true })
  .setData(DATA.equity.map(([time, , value]) => ({ time, value })));
dd.timeScale().fitContent();
function tradeChart(el, t) {
  const chart = LC.createChart(el, base);
  const candles = chart.addSeries(LC.CandlestickSeries, {});
  candles.setData(t.candles.map(([time, open, high, low, close]) => ({ time, open, high, low, close })));
  const line = (price, color, title, style) => candles.createPriceLine({ price, color, title, lineStyle: style, lineWidth: 1 });
  line(t.entry.price, '#455a64', 'entry', 0); line(t.stop, '#d32f2f', 'stop', 2); line(t.tp1, '#2e7d32', 'tp1', 2); line(t.tp2, '#1b5e20', 'tp2', 2);
  const snap = (time) => { let best = t.candles[0]?.[0] ?? time; for (const c of t.candles) if (c[0] <= time) best = c[0]; return best; };
  const div = chart.addSeries(LC.LineSeries, { color: '#ff6d00', lineWidth: 2, lastValueVisible: false, priceLineVisible: false });
  div.setData(t.pivots.map((p) => ({ time: snap(p.time), value: p.price })).filter((p, i, a) => i === 0 || p.time > a[i - 1].time));
  const markers = [
    ...t.pivots.map((p, i) => ({ time: snap(p.time), position: t.long ? 'belowBar' : 'aboveBar', color: '#ff6d00', shape: 'circle', text: 'pivot ' + (i + 1) })),
    { time: snap(t.entry.time), position: t.long ? 'belowBar' : 'aboveBar', color: '#455a64', shape: t.long ? 'arrowUp' : 'arrowDown', text: 'entry ' + t.entry.price },
    ...t.exits.map((e) => ({ time: snap(e.time), position: t.long ? 'aboveBar' : 'belowBar', color: '#6a1b9a', shape: t.long ? 'arrowDown' : 'arrowUp', text: e.reason + ' ' + e.price })),
  ].sort((a, b) => a.time - b.time);
  LC.createSeriesMarkers(candles, markers);
  chart.timeScale().fitContent();
}
const seen = new IntersectionObserver((entries) => {
  for (const e of entries) if (e.isIntersecting) { seen.unobserve(e.target); tradeChart(e.target, DATA.charts[Number(e.target.dataset.trade)]); }
}, { rootMargin: '400px' });
document.querySelectorAll('[data-trade]').forEach((el) => seen.observe(el));
</script></body></html>
`;
}

function esc(x: string | number): string {
  return String(x).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
