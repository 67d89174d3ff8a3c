// Charts with lightweight-charts (its standalone build, loaded as /assets/lightweight-charts.js):
// the equity curve with drawdown, and a signal's candles with pivots, the divergence line,
// entry / stop / targets and the fills — the same drawing as the backtest report.
const LC = () => window.LightweightCharts;
// The library's logo injects a <style> element, which the CSP (style-src 'self') refuses; the
// attribution TradingView asks for is in the page footer instead.
const base = {
  layout: { background: { color: '#fafbfc' }, attributionLogo: false },
  timeScale: { timeVisible: true },
  autoSize: true,
};
const sec = (iso) => Date.parse(iso) / 1000;

export function equityCharts(equityEl, drawdownEl, curve) {
  const eq = LC().createChart(equityEl, base);
  eq.addSeries(LC().AreaSeries, {
    lineColor: '#2962ff',
    topColor: 'rgba(41,98,255,.3)',
    bottomColor: 'rgba(41,98,255,.02)',
  }).setData(curve.map((p) => ({ time: sec(p.time), value: p.equity })));
  eq.timeScale().fitContent();
  const dd = LC().createChart(drawdownEl, base);
  dd.addSeries(LC().AreaSeries, {
    lineColor: '#d32f2f',
    topColor: 'rgba(211,47,47,.02)',
    bottomColor: 'rgba(211,47,47,.3)',
    invertFilledArea: true,
  }).setData(curve.map((p) => ({ time: sec(p.time), value: -p.drawdown_pct })));
  dd.timeScale().fitContent();
}

export function signalChart(el, c) {
  const chart = LC().createChart(el, base);
  const candles = chart.addSeries(LC().CandlestickSeries, {});
  const data = c.candles.map((k) => ({
    time: sec(k.time),
    open: k.open,
    high: k.high,
    low: k.low,
    close: k.close,
  }));
  candles.setData(data);
  const line = (price, color, title, style) => {
    if (price !== null) candles.createPriceLine({ price, color, title, lineStyle: style, lineWidth: 1 });
  };
  line(c.levels.entry, '#455a64', 'entry', 0);
  line(c.levels.stop, '#d32f2f', 'stop', 2);
  line(c.levels.tp1, '#2e7d32', 'tp1', 2);
  line(c.levels.tp2, '#1b5e20', 'tp2', 2);
  const snap = (t) => {
    let best = data[0]?.time ?? t;
    for (const k of data) if (k.time <= t) best = k.time;
    return best;
  };
  const div = chart.addSeries(LC().LineSeries, {
    color: '#ff6d00',
    lineWidth: 2,
    lastValueVisible: false,
    priceLineVisible: false,
  });
  div.setData(
    c.divergence_line
      .map((p) => ({ time: snap(sec(p.time)), value: p.price }))
      .filter((p, i, a) => i === 0 || p.time > a[i - 1].time),
  );
  const long = c.direction === 'long';
  const markers = [
    ...c.pivots.map((p) => ({
      time: snap(sec(p.time)),
      position: p.kind === 'high' ? 'aboveBar' : 'belowBar',
      color: '#9e9e9e',
      shape: 'circle',
      text: '',
    })),
    ...c.divergence_line.map((p, i) => ({
      time: snap(sec(p.time)),
      position: long ? 'belowBar' : 'aboveBar',
      color: '#ff6d00',
      shape: 'circle',
      text: `pivot ${i + 1}`,
    })),
    ...c.fills.map((f) => ({
      time: snap(sec(f.at)),
      position: f.side === 'buy' ? 'belowBar' : 'aboveBar',
      color: '#6a1b9a',
      shape: f.side === 'buy' ? 'arrowUp' : 'arrowDown',
      text: `${f.side} ${f.price}`,
    })),
  ].sort((a, b) => a.time - b.time);
  LC().createSeriesMarkers(candles, markers);
  chart.timeScale().fitContent();
  return chart;
}
