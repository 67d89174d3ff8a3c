// What the fake venues serve (`divbot fakes`, the paper-mode tests): the bundled 1h series, moved
// by whole weeks (weekdays, FX weekends and sessions stay true) so that `now` falls `aheadMs`
// before the data's end — history to back-fill from, and bars still to come as time passes.
// IG's stock CFDs have no bundled data: one stock series is synthesised from ETH/USDT's moves
// during NYSE regular hours (bars at :30 like Yahoo's), scaled to a share price, and labelled so.
import type { Candle } from '../../domain/candle.js';
import { candleArray, type SeriesCandles } from '../../domain/candle-columns.js';
import { defaultRegistry, isOpen } from '../../domain/instruments/index.js';
import type { Timeframe } from '../../domain/timeframe.js';
import { HOUR_MS } from '../../domain/timeframe.js';

const WEEK_MS = 7 * 86_400_000;
const HALF_HOUR_MS = HOUR_MS / 2;

/** A bundled data file as loaded (the demo's loader, run/demo/demo-data.ts). */
export interface SourceSeries {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly candles: SeriesCandles;
}

export interface MarketSeries {
  readonly symbol: string;
  /** 1h bars, oldest first, on the fakes' timeline. */
  readonly bars: readonly Candle[];
  readonly synthetic?: string;
}

export interface MarketTimeline {
  readonly series: readonly MarketSeries[];
  /** Whole weeks added to the files' times. */
  readonly shiftMs: number;
}

/**
 * The 1h series moved so that `now` is `aheadMs` before the end of the shortest of them, keeping
 * only the bars from `now - historyMs` on.
 */
export function marketTimeline(
  series: readonly SourceSeries[],
  now: number,
  options: { aheadMs: number; historyMs: number; stock?: string },
): MarketTimeline {
  const hourly = series.filter((s) => s.timeframe === '1h');
  if (hourly.length === 0) throw new Error('the fake market needs 1h series');
  // The demo data are already on one timeline (whole-week shifts): shift them together.
  const end = Math.min(...hourly.map((s) => lastTime(candleArray(s.candles))));
  const shiftMs = Math.round((now + options.aheadMs - end) / WEEK_MS) * WEEK_MS;
  const from = now - options.historyMs;
  const out: MarketSeries[] = hourly.map((s) => ({
    symbol: s.symbol,
    bars: moved(candleArray(s.candles), shiftMs, from),
  }));
  const base = out.find((s) => s.symbol === 'ETH/USDT') ?? out[0]!;
  const stock = options.stock ?? 'AAPL';
  if (defaultRegistry.has(stock) && !out.some((s) => s.symbol === stock))
    out.push({
      symbol: stock,
      bars: stockBars(stock, base.bars),
      synthetic: `${base.symbol} during NYSE hours`,
    });
  return { series: out, shiftMs };
}

function moved(bars: readonly Candle[], shiftMs: number, from: number): Candle[] {
  const out: Candle[] = [];
  for (const c of bars) {
    const time = c.time + shiftMs;
    if (time >= from) out.push({ ...c, time });
  }
  return out;
}

/** NYSE regular-hours bars at :30 (the last one closes at 16:00) from the base series' moves. */
function stockBars(symbol: string, base: readonly Candle[]): Candle[] {
  const instrument = defaultRegistry.get(symbol);
  const scale = 200 / (base[0]?.open ?? 200);
  const round = (x: number) => Math.round(x * scale * 100) / 100;
  const out: Candle[] = [];
  for (const c of base) {
    const time = c.time + HALF_HOUR_MS;
    if (!isOpen(instrument, time)) continue;
    const [open, close] = [round(c.open), round(c.close)];
    out.push({
      time,
      open,
      high: Math.max(round(c.high), open, close),
      low: Math.min(round(c.low), open, close),
      close,
      volume: c.volume === null ? null : Math.round(c.volume * 1000),
    });
  }
  return out;
}

const lastTime = (bars: readonly Candle[]) => bars[bars.length - 1]!.time;
